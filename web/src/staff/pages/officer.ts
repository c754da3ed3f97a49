// The migration officer: the pending invitations (oldest first, with their age), approved in one action or refused
// with a reason (R2); applications by status; the stuck applications and overdue arrival notices (R13), each closed
// with an outcome and a note; the payment review queue (R8), each item resolved once, for good; visas revoked with
// a reason; and the audit trail of any resource.
import { ApiProblem, call } from "../../api";
import { country } from "../../choices";
import { add, h, type Child } from "../../dom";
import { form, validationMessage, type Errors, type Field, type Values } from "../../form";
import { formatMoney, t } from "../../i18n";
import { heading, paragraph, showProblem } from "../../page";
import { age, date, dateTime, emptyPage, list, nextPageLink, notice, stateFilter, table, tag, type Page } from "../view";
import { guestName, type Invitation } from "./inviter";

interface Closure {
  outcome: string;
  note: string;
  by: string;
  at: string;
}

interface StuckItem {
  applicationId: string;
  status: string;
  since: string;
  reportedAt: string;
  runtimeStatus: string | null;
  closure?: Closure | null;
}

interface OverdueItem {
  visaNumber: string;
  applicationId: string | null;
  deadline: string | null;
  markedAt: string | null;
  closure?: Closure | null;
  filedAt?: string | null;
  placeOfStay?: string | null;
}

interface ReviewItem {
  id?: string;
  eventId: string;
  paymentReference: string;
  applicationId: string | null;
  amountMinor: number;
  currency: string;
  reason: string;
  occurredAt: string;
  receivedAt: string;
  resolution?: (Closure & { applicationId: string | null }) | null;
}

interface AuditRecord {
  at: string;
  actor: string;
  role: string;
  action: string;
  resourceType: string;
  resourceId: string;
  outcome: string;
  status: number;
}

const applicationStatuses = ["submitted", "refused", "awaiting-confirmation", "awaiting-payment", "issued", "cancelled", "expired"];
export const auditTypes = ["invitation", "application", "visa", "payment-review"];

function loading(): HTMLElement {
  return h("div", { "aria-busy": "true" }, paragraph(t("staff.loading")));
}

/** Loads into a place on the page; a failure shows as the page's error summary. */
function fill(place: HTMLElement, problem: HTMLElement, load: () => Promise<Child[]>): void {
  void (async () => {
    try {
      place.replaceChildren(...(await load()).filter((c): c is Node => c instanceof Node));
    } catch (error) {
      place.replaceChildren();
      showProblem(problem, error);
    } finally {
      place.removeAttribute("aria-busy");
    }
  })();
}

function auditLink(type: string, id: string): HTMLElement {
  return h("a", { href: `#/officer/audit?resourceType=${type}&resourceId=${encodeURIComponent(id)}`, class: "link" },
    t("staff.audit.link"), h("span", { class: "visually-hidden" }, ` ${id}`));
}

function closureText(closure: Closure): HTMLElement {
  return h("div", {}, tag(t(`staff.outcome.${closure.outcome}`), "good"),
    h("div", { class: "caption" }, t("staff.closure.by", { by: closure.by, at: dateTime(closure.at) })),
    h("div", {}, closure.note));
}

export function officerHome(main: HTMLElement): void {
  add(main, heading("staff.officer.title"), paragraph(t("staff.officer.lead")),
    h("ul", { class: "list" }, ...([
      ["#/officer/invitations", "staff.nav.pending"], ["#/officer/applications", "staff.nav.applications"],
      ["#/officer/stuck", "staff.nav.stuck"], ["#/officer/arrival-notices", "staff.nav.overdue"],
      ["#/officer/payments", "staff.nav.payments"], ["#/officer/visas", "staff.nav.revoke"], ["#/officer/audit", "staff.nav.audit"],
    ] as const).map(([href, key]) => h("li", {}, h("a", { href, class: "link" }, t(key))))));
}

export function pendingPage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const banner = h("div");
  const place = loading();
  add(main, problem, banner, heading("staff.pending.title"), paragraph(t("staff.pending.lead")), place);
  const refused = params.get("refused");
  if (refused) notice(banner, paragraph(t("staff.pending.refused-now")));

  const approve = async (invitation: Invitation, row: HTMLElement) => {
    try {
      const answer = await call<Invitation>("POST", `/api/invitations/${encodeURIComponent(invitation.invitationId)}/decision`, {
        signedIn: true, body: { decision: "approve" },
      });
      row.remove();
      notice(banner, paragraph(t("staff.pending.approved-now", { guest: guestName(invitation) }), " ",
        h("strong", { class: "mono", id: "approved-number" }, answer.body.invitationNumber ?? "")));
    } catch (error) {
      showProblem(problem, error);
    }
  };

  fill(place, problem, async () => {
    const page: Page<Invitation> = await list("/api/invitations/pending", params);
    if (page.items.length === 0) return emptyPage("staff.pending.empty", "#/officer/invitations", params, page.continuationToken);
    const headers = [t("staff.col.age"), t("staff.col.guest"), t("staff.col.category"), t("staff.col.dates"), t("staff.col.purpose"), t("staff.col.actions")];
    const wrap = table(t("staff.pending.caption"), headers, [], "pending");
    const body = wrap.querySelector("tbody")!;
    for (const i of page.items) {
      const row = h("tr", { "data-invitation": i.invitationId });
      const cells: Child[] = [
        h("span", { title: dateTime(i.registeredAt) }, age(i.registeredAt)),
        h("span", {}, guestName(i), h("br"), h("span", { class: "caption" }, `${country(i.guest.nationality)} · ${i.guest.passportNumber} · ${date(i.guest.dateOfBirth)}`)),
        t(`category.${i.category}`),
        `${date(i.intendedEntry)} – ${date(i.intendedExit)}`,
        i.purpose,
        h("div", { class: "actions" },
          h("button", { type: "button", class: "button button--small", onclick: () => approve(i, row) },
            t("staff.pending.approve"), h("span", { class: "visually-hidden" }, ` ${guestName(i)}`)),
          h("a", { href: `#/officer/invitations/${encodeURIComponent(i.invitationId)}/refuse?guest=${encodeURIComponent(guestName(i))}`, class: "link" },
            t("staff.pending.refuse"), h("span", { class: "visually-hidden" }, ` ${guestName(i)}`))),
      ];
      cells.forEach((cell, index) => row.append(h("td", { "data-label": headers[index] }, cell)));
      body.append(row);
    }
    return [wrap, nextPageLink("#/officer/invitations", params, page.continuationToken)];
  });
}

/** Refuse an invitation: the reason is required and reaches the inviting party. */
export function decisionPage(main: HTMLElement, invitationId: string): void {
  const problem = h("div");
  const guest = new URLSearchParams(location.hash.split("?")[1] ?? "").get("guest");
  add(main, problem, heading("staff.refuse.title"), guest ? paragraph(t("staff.refuse.lead", { guest })) : null,
    form([{ name: "reason", label: t("staff.field.reason"), hint: t("staff.refuse.hint"), kind: "text" }], {},
      t("staff.refuse.submit"), async (values) => {
        try {
          await call("POST", `/api/invitations/${encodeURIComponent(invitationId)}/decision`, {
            signedIn: true, body: { decision: "refuse", reason: values.reason.trim() },
          });
          location.hash = "#/officer/invitations?refused=1";
        } catch (error) {
          return fieldErrors(error, problem, { reason: t("staff.field.reason") });
        }
      }));
}

/** The service's field errors beside the fields; any other problem in the error summary. */
function fieldErrors(error: unknown, problem: HTMLElement, labels: Record<string, string>): Errors | void {
  if (error instanceof ApiProblem && error.code === "validation-failed") {
    const known = Object.entries(error.errors).filter(([name]) => name in labels);
    if (known.length) return Object.fromEntries(known.map(([name, messages]) => [name, validationMessage(labels[name], messages[0] ?? "")]));
  }
  showProblem(problem, error);
}

export function applicationsPage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const status = applicationStatuses.includes(params.get("status") ?? "") ? params.get("status")! : "awaiting-payment";
  const place = loading();
  add(main, problem, heading("staff.applications.title"),
    h("form", { class: "inline-form", onsubmit: (event: Event) => {
      event.preventDefault();
      const chosen = (event.currentTarget as HTMLFormElement).querySelector("select")!.value;
      location.hash = `#/officer/applications?status=${chosen}`;
    } },
    h("label", { class: "label", for: "field-status" }, t("staff.field.status")),
    h("select", { id: "field-status", class: "select select--inline", name: "status" },
      ...applicationStatuses.map((s) => h("option", { value: s, selected: s === status }, t(`staff.application-status.${s}`)))),
    h("button", { type: "submit", class: "button button--secondary button--small" }, t("staff.applications.show"))),
    place);
  fill(place, problem, async () => {
    const page: Page<{ applicationId: string; statusChangedAt: string }> = await list("/api/applications", params, { status });
    if (page.items.length === 0) return emptyPage("staff.applications.empty", "#/officer/applications", params, page.continuationToken);
    return [table(t("staff.applications.caption", { status: t(`staff.application-status.${status}`) }),
      [t("staff.col.application"), t("staff.col.since"), t("staff.col.actions")],
      page.items.map((a) => [h("span", { class: "mono" }, a.applicationId), dateTime(a.statusChangedAt), auditLink("application", a.applicationId)]),
      "applications"),
    nextPageLink("#/officer/applications", params, page.continuationToken)];
  });
}

function stateOf(params: URLSearchParams, states: string[]): string {
  const state = params.get("state") ?? "";
  return states.includes(state) ? state : states[0];
}

export function stuckPage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const state = stateOf(params, ["open", "closed", "all"]);
  const banner = h("div");
  const place = loading();
  add(main, problem, banner, heading("staff.stuck.title"), paragraph(t("staff.stuck.lead")),
    stateFilter("#/officer/stuck", state, ["open", "closed", "all"], "staff.state.label"), place);
  if (params.get("closed")) notice(banner, paragraph(t("staff.closure.done")));
  fill(place, problem, async () => {
    const page: Page<StuckItem> = await list("/api/applications/stuck", params, { state });
    if (page.items.length === 0) return emptyPage("staff.stuck.empty", "#/officer/stuck", params, page.continuationToken);
    return [table(t("staff.stuck.caption"),
      [t("staff.col.application"), t("staff.col.status"), t("staff.col.since"), t("staff.col.runtime"), t("staff.col.actions")],
      page.items.map((s) => [
        h("span", { class: "mono" }, s.applicationId),
        t(`staff.application-status.${s.status}`),
        h("span", {}, dateTime(s.since), h("br"), h("span", { class: "caption" }, age(s.since))),
        s.runtimeStatus ?? "",
        s.closure ? closureText(s.closure) : h("div", { class: "actions" },
          h("a", { href: `#/officer/stuck/${encodeURIComponent(s.applicationId)}`, class: "link" },
            t("staff.closure.close"), h("span", { class: "visually-hidden" }, ` ${s.applicationId}`)),
          auditLink("application", s.applicationId)),
      ]), "stuck"),
    nextPageLink("#/officer/stuck", params, page.continuationToken)];
  });
}

export function overduePage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const state = stateOf(params, ["open", "closed", "all"]);
  const banner = h("div");
  const place = loading();
  add(main, problem, banner, heading("staff.overdue.title"), paragraph(t("staff.overdue.lead")),
    stateFilter("#/officer/arrival-notices", state, ["open", "closed", "all"], "staff.state.label"), place);
  if (params.get("closed")) notice(banner, paragraph(t("staff.closure.done")));
  fill(place, problem, async () => {
    const page: Page<OverdueItem> = await list("/api/arrival-notices/overdue", params, { state });
    if (page.items.length === 0) return emptyPage("staff.overdue.empty", "#/officer/arrival-notices", params, page.continuationToken);
    return [table(t("staff.overdue.caption"),
      [t("staff.col.visa"), t("staff.col.deadline"), t("staff.col.actions")],
      page.items.map((o) => [
        h("span", { class: "mono" }, o.visaNumber),
        h("span", {}, dateTime(o.deadline), o.deadline ? h("span", { class: "caption" }, ` (${age(o.deadline)})`) : null,
          o.filedAt ? h("div", {}, tag(t("staff.notice.filed", { at: dateTime(o.filedAt) }), "warn"),
            o.placeOfStay ? h("div", { class: "caption place-of-stay" }, t("staff.notice.place", { place: o.placeOfStay })) : null) : null),
        o.closure ? closureText(o.closure) : h("div", { class: "actions" },
          h("a", { href: `#/officer/arrival-notices/${encodeURIComponent(o.visaNumber)}`, class: "link" },
            t("staff.closure.close"), h("span", { class: "visually-hidden" }, ` ${o.visaNumber}`)),
          auditLink("visa", o.visaNumber)),
      ]), "overdue"),
    nextPageLink("#/officer/arrival-notices", params, page.continuationToken)];
  });
}

/** Closes a stuck application (restarted or ended) or an overdue arrival notice (filed late or referred), with a note. */
export function closurePage(main: HTMLElement, kind: "stuck" | "overdue", id: string): void {
  const problem = h("div");
  const outcomes = kind === "stuck" ? ["restarted", "ended"] : ["filed-late", "referred"];
  const fields: Field[] = [
    { name: "outcome", label: t("staff.field.outcome"), kind: "radios", options: outcomes.map((value) => ({ value, label: t(`staff.outcome.${value}`) })) },
    { name: "note", label: t("staff.field.note"), hint: t("staff.field.note-hint"), kind: "text" },
  ];
  const path = kind === "stuck"
    ? `/api/applications/${encodeURIComponent(id)}/stuck-closure`
    : `/api/arrival-notices/${encodeURIComponent(id)}/closure`;
  const back = kind === "stuck" ? "#/officer/stuck" : "#/officer/arrival-notices";
  add(main, problem, heading(kind === "stuck" ? "staff.closure.stuck-title" : "staff.closure.overdue-title"),
    paragraph(h("span", { class: "mono" }, id)),
    form(fields, {}, t("staff.closure.submit"), async (values: Values) => {
      try {
        await call("POST", path, { signedIn: true, body: { outcome: values.outcome, note: values.note.trim() } });
        location.hash = `${back}?state=closed&closed=1`;
      } catch (error) {
        return fieldErrors(error, problem, { outcome: t("staff.field.outcome"), note: t("staff.field.note") });
      }
    }),
    h("p", { class: "body" }, h("a", { href: back, class: "back-link" }, t("staff.back"))));
}

export function paymentsPage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const state = stateOf(params, ["open", "resolved", "all"]);
  const banner = h("div");
  const place = loading();
  add(main, problem, banner, heading("staff.payments.title"), paragraph(t("staff.payments.lead")),
    stateFilter("#/officer/payments", state, ["open", "resolved", "all"], "staff.state.label"), place);
  if (params.get("resolved")) notice(banner, paragraph(t("staff.resolution.done")));
  fill(place, problem, async () => {
    const page: Page<ReviewItem> = await list("/api/payments/reviews", params, { state });
    if (page.items.length === 0) return emptyPage("staff.payments.empty", "#/officer/payments", params, page.continuationToken);
    return [table(t("staff.payments.caption"),
      [t("staff.col.reference"), t("staff.col.amount"), t("staff.col.reason"), t("staff.col.received"), t("staff.col.resolution")],
      page.items.map((r) => {
        const id = r.id ?? r.eventId;
        return [
          h("span", { class: "mono" }, r.paymentReference, r.applicationId ? h("span", { class: "caption" }, h("br"), r.applicationId) : null),
          formatMoney(r.amountMinor, r.currency),
          t(`staff.review.${r.reason}`),
          dateTime(r.receivedAt),
          r.resolution ? closureText(r.resolution) : h("div", { class: "actions" },
            h("a", { href: `#/officer/payments/${encodeURIComponent(id)}${r.applicationId ? `?application=${encodeURIComponent(r.applicationId)}` : ""}`, class: "link" },
              t("staff.resolution.resolve"), h("span", { class: "visually-hidden" }, ` ${r.paymentReference}`)),
            auditLink("payment-review", id)),
        ];
      }), "reviews"),
    nextPageLink("#/officer/payments", params, page.continuationToken)];
  });
}

/** Resolves a review item for good: credited to an application, returned by the provider, or dismissed; with a note. */
export function resolutionPage(main: HTMLElement, id: string): void {
  const problem = h("div");
  const application = new URLSearchParams(location.hash.split("?")[1] ?? "").get("application") ?? "";
  const fields: Field[] = [
    { name: "outcome", label: t("staff.field.resolution"), kind: "radios", options: ["credited", "returned", "dismissed"].map((value) => ({ value, label: t(`staff.outcome.${value}`) })) },
    {
      name: "applicationId", label: t("staff.field.applicationId"), hint: t("staff.field.applicationId-hint"), kind: "text", optional: true, monospace: true,
      check: (value, values) => (values.outcome === "credited" && !value ? t("validation.required-field", { field: t("staff.field.applicationId") }) : null),
    },
    { name: "note", label: t("staff.field.note"), hint: t("staff.field.note-hint"), kind: "text" },
  ];
  add(main, problem, heading("staff.resolution.title"), paragraph(t("staff.resolution.lead")),
    form(fields, { applicationId: application }, t("staff.resolution.submit"), async (values: Values) => {
      if (values.outcome === "credited" && !values.applicationId.trim())
        return { applicationId: t("validation.required-field", { field: t("staff.field.applicationId") }) };
      try {
        await call("POST", `/api/payments/reviews/${encodeURIComponent(id)}/resolution`, {
          signedIn: true,
          body: { outcome: values.outcome, applicationId: values.outcome === "credited" ? values.applicationId.trim() : null, note: values.note.trim() },
        });
        location.hash = "#/officer/payments?state=resolved&resolved=1";
      } catch (error) {
        return fieldErrors(error, problem, { outcome: t("staff.field.resolution"), applicationId: t("staff.field.applicationId"), note: t("staff.field.note") });
      }
    }),
    h("p", { class: "body" }, h("a", { href: "#/officer/payments", class: "back-link" }, t("staff.back"))));
}

interface VisaView {
  visaNumber: string;
  revocation: { at: string; reason: string } | null;
}

export function revocationPage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const banner = h("div");
  add(main, problem, banner, heading("staff.revoke.title"), paragraph(t("staff.revoke.lead")),
    form([
      { name: "visaNumber", label: t("staff.field.visaNumber"), kind: "text", width: "medium", inputmode: "numeric", monospace: true },
      { name: "reason", label: t("staff.field.reason"), hint: t("staff.revoke.hint"), kind: "text" },
    ], { visaNumber: params.get("visa") ?? "" }, t("staff.revoke.submit"), async (values: Values) => {
      try {
        const answer = await call<VisaView>("POST", `/api/visas/${encodeURIComponent(values.visaNumber.trim())}/revocation`, {
          signedIn: true, body: { reason: values.reason.trim() },
        });
        notice(banner, paragraph(t("staff.revoke.done", { visa: answer.body.visaNumber, at: dateTime(answer.body.revocation?.at) })),
          answer.body.revocation && answer.body.revocation.reason !== values.reason.trim()
            ? paragraph(t("staff.revoke.earlier", { reason: answer.body.revocation.reason })) : null);
      } catch (error) {
        return fieldErrors(error, problem, { reason: t("staff.field.reason") });
      }
    }));
}

export function auditPage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const type = params.get("resourceType") ?? "";
  const id = params.get("resourceId") ?? "";
  const types = auditTypes.includes(type) || !type ? auditTypes : [...auditTypes, type];
  const place = h("div");
  add(main, problem, heading("staff.audit.title"), paragraph(t("staff.audit.lead")),
    form([
      { name: "resourceType", label: t("staff.field.resourceType"), kind: "select", options: types.map((value) => ({ value, label: t(`staff.resource.${value}`) })) },
      { name: "resourceId", label: t("staff.field.resourceId"), kind: "text", monospace: true },
    ], { resourceType: type, resourceId: id }, t("staff.audit.show"), async (values: Values) => {
      location.hash = `#/officer/audit?resourceType=${encodeURIComponent(values.resourceType)}&resourceId=${encodeURIComponent(values.resourceId.trim())}`;
    }),
    place);
  if (!type || !id) return;
  place.setAttribute("aria-busy", "true");
  fill(place, problem, async () => {
    const page: Page<AuditRecord> = await list("/api/audit", params, { resourceType: type, resourceId: id });
    if (page.items.length === 0) return emptyPage("staff.audit.empty", "#/officer/audit", params, page.continuationToken);
    return [table(t("staff.audit.caption", { id }),
      [t("staff.col.when"), t("staff.col.who"), t("staff.col.action"), t("staff.col.outcome")],
      page.items.map((r) => [
        dateTime(r.at),
        h("span", {}, h("span", { class: "mono" }, r.actor || t("staff.audit.anonymous")), h("br"), h("span", { class: "caption" }, r.role ? t(`staff.role.${r.role}`) : "")),
        h("span", { class: "mono" }, r.action),
        tag(`${t(`staff.audit.${r.outcome}`)} (${r.status})`, r.outcome === "succeeded" ? "good" : r.outcome === "denied" ? "bad" : "warn"),
      ]), "audit"),
    nextPageLink("#/officer/audit", params, page.continuationToken)];
  });
}
