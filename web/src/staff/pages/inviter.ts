// The inviting party: register an invitation for one named guest (R2), follow it to approval and its 10-digit number,
// see the guest's visa and entry, and file the arrival notice within three working days of the entry (R13).
import { ApiProblem, call } from "../../api";
import { categoryOptions, country, countryOptions } from "../../choices";
import { add, h, replace, type Child } from "../../dom";
import { form, validationMessage, type Errors, type Field } from "../../form";
import { languages, t } from "../../i18n";
import { heading, paragraph, showProblem } from "../../page";
import { copyable, date, dateTime, emptyPage, list, nextPageLink, notice, table, tag, type Page } from "../view";

interface Crossing {
  at: string;
  checkpoint: string;
}

export interface GuestVisa {
  visaNumber: string;
  applicationId: string;
  validFrom: string;
  validUntil: string;
  revoked: boolean;
  entry: Crossing | null;
  exit: Crossing | null;
  arrivalNotice: { lastDay: string; deadline: string; filedAt: string | null; overdue: boolean; placeOfStay?: string | null } | null;
}

export interface Invitation {
  invitationId: string;
  status: "pending" | "approved" | "refused";
  invitationNumber: string | null;
  category: string;
  guest: { surname: string; givenNames: string; dateOfBirth: string; sex: string; nationality: string; passportNumber: string };
  intendedEntry: string;
  intendedExit: string;
  purpose: string;
  refusalReason: string | null;
  registeredAt: string;
  decidedAt: string | null;
  guestVisa?: GuestVisa | null;
}

export const guestName = (i: Invitation) => `${i.guest.surname.toUpperCase()} ${i.guest.givenNames}`.trim();

const isDate = (value: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return at.getUTCMonth() === Number(match[2]) - 1 && at.getUTCDate() === Number(match[3]);
};
const dateCheck = (label: string) => (value: string) => (isDate(value) ? null : t("validation.date", { field: label }));

export function statusTag(status: Invitation["status"]): HTMLElement {
  return tag(t(`staff.invitation.${status}`), status === "approved" ? "good" : status === "refused" ? "bad" : "warn");
}

/** The guest's visa in words: number, entry and exit, and the arrival notice's state (overdue highlighted). */
function visaCell(visa: GuestVisa | null | undefined): Child {
  if (!visa) return t("staff.visa.none");
  const notice = visa.arrivalNotice;
  return h("div", {},
    h("span", { class: "mono" }, visa.visaNumber),
    visa.revoked ? h("div", {}, tag(t("staff.visa.revoked"), "bad")) : null,
    h("div", {}, visa.entry
      ? t("staff.visa.entered", { at: dateTime(visa.entry.at), checkpoint: visa.entry.checkpoint })
      : t("staff.visa.not-entered")),
    visa.exit ? h("div", {}, t("staff.visa.exited", { at: dateTime(visa.exit.at), checkpoint: visa.exit.checkpoint })) : null,
    notice && notice.filedAt ? h("div", {}, tag(t("staff.notice.filed", { at: dateTime(notice.filedAt) }), "good"),
      notice.placeOfStay ? h("div", { class: "caption place-of-stay" }, t("staff.notice.place", { place: notice.placeOfStay })) : null) : null,
    notice && !notice.filedAt
      ? h("div", { class: notice.overdue ? "overdue" : "" },
        tag(notice.overdue ? t("staff.notice.overdue") : t("staff.notice.due", { day: date(notice.lastDay) }), notice.overdue ? "bad" : "warn"), " ",
        h("a", { href: `#/arrival-notice/${encodeURIComponent(visa.visaNumber)}`, class: "link" },
          t("staff.notice.file"), h("span", { class: "visually-hidden" }, ` ${visa.visaNumber}`)))
      : null);
}

function numberCell(i: Invitation): Child {
  if (i.status === "approved" && i.invitationNumber) return copyable(i.invitationNumber, t("staff.invitation.number"));
  if (i.status === "refused") return i.refusalReason ? t("staff.invitation.refused-because", { reason: i.refusalReason }) : "";
  return t("staff.invitation.awaiting");
}

export function invitationsPage(main: HTMLElement, params: URLSearchParams): void {
  const problem = h("div");
  const registered = params.get("registered");
  const filed = params.get("filed");
  const banner = h("div");
  add(main, problem, banner, heading("staff.invitations.title"),
    h("a", { href: "#/invitations/new", class: "button", role: "button", draggable: "false" }, t("staff.invitations.register")));
  if (registered) notice(banner, paragraph(t("staff.invitations.registered")));
  if (filed) notice(banner, paragraph(t("staff.notice.filed-now", { visa: filed })));
  const place = h("div", { "aria-busy": "true" }, paragraph(t("staff.loading")));
  main.append(place);
  void (async () => {
    try {
      const page: Page<Invitation> = await list("/api/invitations", params);
      if (page.items.length === 0) {
        replace(place, ...emptyPage("staff.invitations.empty", "#/invitations", params, page.continuationToken));
        return;
      }
      replace(place, table(t("staff.invitations.caption"),
        [t("staff.col.guest"), t("staff.col.category"), t("staff.col.dates"), t("staff.col.status"), t("staff.col.number"), t("staff.col.visa")],
        page.items.map((i) => [
          h("span", {}, guestName(i), h("br"), h("span", { class: "caption" }, `${country(i.guest.nationality)} · ${i.guest.passportNumber}`)),
          t(`category.${i.category}`),
          `${date(i.intendedEntry)} – ${date(i.intendedExit)}`,
          statusTag(i.status),
          numberCell(i),
          i.status === "approved" ? visaCell(i.guestVisa) : "",
        ]), "invitations"),
      nextPageLink("#/invitations", params, page.continuationToken));
    } catch (error) {
      place.replaceChildren();
      showProblem(problem, error);
    } finally {
      place.removeAttribute("aria-busy");
    }
  })();
}

const fieldNames: Record<string, string> = {
  "guest.surname": "staff.field.surname", "guest.givenNames": "staff.field.givenNames", "guest.dateOfBirth": "staff.field.dateOfBirth",
  "guest.sex": "staff.field.sex", "guest.nationality": "staff.field.nationality", "guest.passportNumber": "staff.field.passportNumber",
  category: "staff.field.category", intendedEntry: "staff.field.intendedEntry", intendedExit: "staff.field.intendedExit",
  purpose: "staff.field.purpose", contactEmail: "staff.field.contactEmail", language: "staff.field.language",
};

export function invitationFormPage(main: HTMLElement): void {
  const problem = h("div");
  const label = (name: string) => t(fieldNames[name]);
  const fields: Field[] = [
    { name: "guest.surname", label: label("guest.surname"), hint: t("field.latin-hint"), kind: "text" },
    { name: "guest.givenNames", label: label("guest.givenNames"), hint: t("field.givenNames-hint"), kind: "text", optional: true },
    { name: "guest.dateOfBirth", label: label("guest.dateOfBirth"), hint: t("field.date-hint"), kind: "text", width: "medium", check: dateCheck(label("guest.dateOfBirth")) },
    { name: "guest.sex", label: label("guest.sex"), kind: "radios", options: ["F", "M", "X"].map((value) => ({ value, label: t(`sex.${value}`) })) },
    { name: "guest.nationality", label: label("guest.nationality"), kind: "select", options: countryOptions() },
    {
      name: "guest.passportNumber", label: label("guest.passportNumber"), hint: t("field.number-hint"), kind: "text", width: "medium", monospace: true,
      check: (v) => (/^[A-Za-z0-9]{1,9}$/.test(v) ? null : t("validation.passport-number", { field: label("guest.passportNumber") })),
    },
    { name: "category", label: label("category"), kind: "radios", options: categoryOptions() },
    { name: "intendedEntry", label: label("intendedEntry"), hint: t("field.date-hint"), kind: "text", width: "medium", check: dateCheck(label("intendedEntry")) },
    {
      name: "intendedExit", label: label("intendedExit"), hint: t("field.date-hint"), kind: "text", width: "medium",
      check: (v, values) => dateCheck(label("intendedExit"))(v) ?? (isDate(values.intendedEntry ?? "") && v < values.intendedEntry ? t("staff.field.exit-before-entry") : null),
    },
    { name: "purpose", label: label("purpose"), hint: t("staff.field.purpose-hint"), kind: "text" },
    { name: "contactEmail", label: label("contactEmail"), hint: t("staff.field.contactEmail-hint"), kind: "text", autocomplete: "email", check: (v) => (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v) ? null : t("validation.email", { field: label("contactEmail") })) },
    { name: "language", label: label("language"), kind: "radios", options: languages.map((value) => ({ value, label: t(`language.${value}`) })) },
  ];
  add(main, problem, heading("staff.register.title"), paragraph(t("staff.register.lead")),
    form(fields, {}, t("staff.register.submit"), async (values): Promise<Errors | void> => {
      try {
        const answer = await call<Invitation>("POST", "/api/invitations", {
          signedIn: true,
          body: {
            category: values.category,
            guest: {
              surname: values["guest.surname"].trim(), givenNames: values["guest.givenNames"].trim(), dateOfBirth: values["guest.dateOfBirth"].trim(),
              sex: values["guest.sex"], nationality: values["guest.nationality"], passportNumber: values["guest.passportNumber"].trim().toUpperCase(),
            },
            intendedEntry: values.intendedEntry.trim(),
            intendedExit: values.intendedExit.trim(),
            purpose: values.purpose.trim(),
            contactEmail: values.contactEmail.trim(),
            language: values.language,
          },
        });
        location.hash = `#/invitations?registered=${encodeURIComponent(answer.body.invitationId)}`;
      } catch (error) {
        if (error instanceof ApiProblem && error.code === "validation-failed" && Object.keys(error.errors).length) {
          return Object.fromEntries(Object.entries(error.errors).map(([name, messages]) =>
            [name, validationMessage(fieldNames[name] ? label(name) : name, messages[0] ?? "")]));
        }
        showProblem(problem, error);
      }
    }));
}

/** R13: the arrival notice for a guest who entered, with where the guest stays. */
export function arrivalNoticePage(main: HTMLElement, visaNumber: string): void {
  const problem = h("div");
  add(main, problem, heading("staff.notice.title"),
    paragraph(t("staff.notice.lead", { visa: visaNumber })),
    form([
      { name: "placeOfStay", label: t("staff.field.placeOfStay"), hint: t("staff.field.placeOfStay-hint"), kind: "text" },
    ], {}, t("staff.notice.submit"), async (values): Promise<Errors | void> => {
      try {
        await call("POST", `/api/visas/${encodeURIComponent(visaNumber)}/arrival-notice`, {
          signedIn: true, body: { placeOfStay: values.placeOfStay.trim() },
        });
        location.hash = `#/invitations?filed=${encodeURIComponent(visaNumber)}`;
      } catch (error) {
        if (error instanceof ApiProblem && error.code === "validation-failed" && error.errors.placeOfStay)
          return { placeOfStay: validationMessage(t("staff.field.placeOfStay"), error.errors.placeOfStay[0] ?? "") };
        showProblem(problem, error);
      }
    }));
}
