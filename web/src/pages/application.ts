// One application from the verdict to the visa: refused with every reason, or the draft to confirm or cancel (R10);
// then the fee (the provider's hosted page and back), the status followed without reloading (the service's
// Retry-After sets the pace), and the issued visa to download and print (R11) with what happens next (R13).
import { ApiProblem, call, send } from "../api";
import { country } from "../choices";
import { add, h, replace, type Child } from "../dom";
import { formatDate, formatMoney, has, t } from "../i18n";
import { buttonLink, heading, isCurrent, nextGeneration, paragraph, showProblem, summaryList } from "../page";
import { answers } from "../state";

export interface Reason {
  code: string;
  message?: string;
  field?: string | null;
}

export interface DraftVisa {
  invitationNumber: string;
  category: string;
  entries: number;
  validFrom: string;
  validUntil: string;
  checkpoints: string[];
  surname: string;
  givenNames: string;
  passportNumber: string;
  nationality: string;
  dateOfBirth: string;
  sex: string;
}

export interface ApplicationView {
  applicationId: string;
  status: string;
  reasons?: Reason[];
  draftVisa?: DraftVisa | null;
  payment?: { paymentReference: string; amountMinor: number; currency: string; lastFailedAt?: string | null } | null;
  visaNumber?: string | null;
}

/** How long to wait before asking again when the service names no time. */
const defaultPollSeconds = 2;
/** Statuses the service moves on without the applicant. */
const moving = new Set(["submitted", "awaiting-payment"]);
/** After a confirmation or cancellation, the status the application is leaving: followed until it has left it. */
const leaving = new Map<string, string>();

export function reasonText(reason: Reason): string {
  return has(`code.${reason.code}`) ? t(`code.${reason.code}`) : (reason.message ?? reason.code);
}

export function applicationPage(main: HTMLElement, applicationId: string): void {
  const generation = nextGeneration();
  const problem = h("div");
  const body = h("div");
  const live = h("div", { class: "visually-hidden", "aria-live": "polite", role: "status" });
  add(main, problem, body, live);
  let lastStatus: string | null = null;
  let lastPayment: string | null = null;

  const poll = async (): Promise<void> => {
    if (!isCurrent(generation)) return;
    let delay = defaultPollSeconds;
    try {
      const answer = await call<ApplicationView>("GET", `/api/applications/${encodeURIComponent(applicationId)}`, { signedIn: true });
      if (!isCurrent(generation)) return;
      const view = answer.body;
      const payment = JSON.stringify(view.payment ?? null);
      if (view.status !== lastStatus) {
        const first = lastStatus === null;
        render(body, problem, view, () => void poll());
        if (!first) {
          live.textContent = t(`status.${view.status}`);
          body.querySelector<HTMLElement>("h1")?.focus();
        }
        lastStatus = view.status;
      } else if (view.status === "awaiting-payment" && payment !== lastPayment) {
        // A failed attempt appeared. Only then: drawing the page again takes the focus off the pay button.
        render(body, problem, view, () => void poll());
      }
      lastPayment = payment;
      const changing = leaving.get(applicationId) === view.status;
      if (!changing) leaving.delete(applicationId);
      if (!moving.has(view.status) && !changing && answer.retryAfterSeconds === null) return;
      delay = answer.retryAfterSeconds ?? defaultPollSeconds;
    } catch (error) {
      if (!isCurrent(generation)) return;
      if (error instanceof ApiProblem && error.status === 401) {
        location.hash = `#/sign-in?next=${encodeURIComponent(`applications/${applicationId}`)}`;
        return;
      }
      if (error instanceof ApiProblem && error.status === 404) {
        replace(body, heading("application.not-found-title"), paragraph(t("code.not-found")));
        return;
      }
      showProblem(problem, error);
      delay = error instanceof ApiProblem && error.retryAfterSeconds !== null ? error.retryAfterSeconds : 5;
    }
    setTimeout(() => void poll(), Math.max(0.5, delay) * 1000);
  };
  void poll();
}

function render(body: HTMLElement, problem: HTMLElement, view: ApplicationView, refresh: () => void): void {
  switch (view.status) {
    case "refused":
      return replace(body, refused(view));
    case "awaiting-confirmation":
      return replace(body, draft(view, problem, refresh));
    case "awaiting-payment":
      return replace(body, payment(view, problem));
    case "issued":
      return replace(body, issued(view, problem, `/api/applications/${encodeURIComponent(view.applicationId)}/visa`, "GET", undefined));
    default:
      return replace(body, heading(`status.${has(`status.${view.status}`) ? view.status : "unknown"}-title`),
        paragraph(t(`status.${has(`status.${view.status}`) ? view.status : "unknown"}`)),
        applicationNumber(view.applicationId),
        ["cancelled", "expired"].includes(view.status) ? buttonLink("#/", t("application.start-again")) : null);
  }
}

export function applicationNumber(applicationId: string): HTMLElement {
  return paragraph(t("application.number"), " ", h("strong", { class: "mono" }, applicationId));
}

export function refused(view: ApplicationView): Child[] {
  return [
    heading("refused.title"),
    h("div", { class: "panel panel--warning" }, paragraph(t("refused.lead"))),
    h("h2", { class: "heading-m" }, t("refused.reasons")),
    h("ul", { class: "list list--bullet reasons" }, ...(view.reasons ?? []).map((reason) => h("li", {}, reasonText(reason)))),
    applicationNumber(view.applicationId),
    paragraph(t("refused.next")),
    Object.keys(answers.of(view.applicationId)).length > 0
      ? buttonLink(`#/apply/check?restore=${encodeURIComponent(view.applicationId)}`, t("refused.correct"))
      : buttonLink("#/eligibility", t("application.start-again")),
  ];
}

function draft(view: ApplicationView, problem: HTMLElement, refresh: () => void): Child[] {
  const d = view.draftVisa;
  if (!d) return [heading("status.submitted-title"), paragraph(t("status.submitted"))];
  const typed = answers.of(view.applicationId);
  const rows: [string, string, string | undefined][] = [
    [t("field.surname"), d.surname, typed.surname?.toUpperCase()],
    [t("field.givenNames"), d.givenNames, typed.givenNames?.toUpperCase()],
    [t("field.number"), d.passportNumber, typed.number?.toUpperCase()],
    [t("field.nationality"), country(d.nationality), typed.nationality ? country(typed.nationality) : undefined],
    [t("field.dateOfBirth"), formatDate(d.dateOfBirth), typed.dateOfBirth ? formatDate(typed.dateOfBirth) : undefined],
    [t("field.sex"), t(`sex.${d.sex}`), typed.sex ? t(`sex.${typed.sex}`) : undefined],
  ];
  const compare = Object.keys(typed).length > 0;
  const confirm = h("button", { type: "button", class: "button" }, t("draft.confirm"));
  confirm.addEventListener("click", async () => {
    confirm.disabled = true;
    try {
      await send("POST", `/api/applications/${encodeURIComponent(view.applicationId)}/confirmation`, { signedIn: true });
      leaving.set(view.applicationId, view.status);
      refresh();
    } catch (error) {
      showProblem(problem, error);
      confirm.disabled = false;
    }
  });
  return [
    heading("draft.title"),
    paragraph(t("draft.lead")),
    h("table", { class: "table" },
      h("caption", { class: "table__caption" }, t("draft.passport-caption")),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col" }, t("draft.item")),
        h("th", { scope: "col" }, t("draft.on-visa")),
        compare ? h("th", { scope: "col" }, t("draft.you-typed")) : null)),
      h("tbody", {}, ...rows.map(([label, onVisa, mine]) => h("tr", {},
        h("th", { scope: "row" }, label), h("td", {}, onVisa), compare ? h("td", {}, mine ?? "") : null)))),
    h("h2", { class: "heading-m" }, t("draft.visa-caption")),
    summaryList([
      [t("field.invitationNumber"), d.invitationNumber],
      [t("field.category"), t(`category.${d.category}`)],
      [t("draft.entries"), t("draft.single-entry")],
      [t("draft.valid-from"), formatDate(d.validFrom)],
      [t("draft.valid-until"), formatDate(d.validUntil)],
      [t("draft.checkpoints"), d.checkpoints.map((c) => t(`checkpoint.${c}`)).join(", ")],
    ]),
    h("div", { class: "panel panel--info" }, paragraph(t("draft.warning"))),
    h("div", { class: "button-group" }, confirm,
      h("a", { href: `#/applications/${view.applicationId}/cancel`, class: "button button--warning", role: "button", draggable: "false" }, t("draft.cancel"))),
    applicationNumber(view.applicationId),
  ];
}

export function cancelPage(main: HTMLElement, applicationId: string): void {
  nextGeneration();
  const problem = h("div");
  const yes = h("button", { type: "button", class: "button button--warning" }, t("cancel.yes"));
  yes.addEventListener("click", async () => {
    yes.disabled = true;
    try {
      await send("POST", `/api/applications/${encodeURIComponent(applicationId)}/cancellation`, { signedIn: true });
      leaving.set(applicationId, "awaiting-confirmation");
      location.hash = `#/applications/${applicationId}`;
    } catch (error) {
      showProblem(problem, error);
      yes.disabled = false;
    }
  });
  add(main, problem, heading("cancel.title"), paragraph(t("cancel.lead")),
    h("div", { class: "button-group" }, yes, buttonLink(`#/applications/${applicationId}`, t("cancel.no"), true)));
}

function payment(view: ApplicationView, problem: HTMLElement): Child[] {
  const fee = view.payment;
  const pay = h("button", { type: "button", class: "button" }, t(fee?.lastFailedAt ? "pay.retry" : "pay.button"));
  pay.addEventListener("click", async () => {
    pay.disabled = true;
    try {
      const answer = await call<{ checkoutUrl: string }>("POST", `/api/applications/${encodeURIComponent(view.applicationId)}/checkout`, {
        signedIn: true,
        // The provider sends the browser back here, paid or not; the start page routes the query to the application.
        body: { returnPath: `/?application=${encodeURIComponent(view.applicationId)}` },
      });
      location.assign(answer.body.checkoutUrl);
    } catch (error) {
      showProblem(problem, error);
      pay.disabled = false;
    }
  });
  return [
    heading("pay.title"),
    fee?.lastFailedAt
      ? h("div", { class: "panel panel--warning", role: "alert" }, paragraph(t("pay.failed")))
      : null,
    paragraph(t("pay.lead")),
    fee ? summaryList([[t("pay.amount"), formatMoney(fee.amountMinor, fee.currency)], [t("pay.reference"), h("span", { class: "mono" }, fee.paymentReference)]]) : null,
    paragraph(t("pay.not-refundable")),
    pay,
    paragraph(t("pay.waiting")),
    applicationNumber(view.applicationId),
  ];
}

/** The issued visa: download (a blob fetched with the token or the lookup's answers) and print. */
export function issued(view: ApplicationView, problem: HTMLElement, visaPath: string, method: string, body: unknown): Child[] {
  const download = h("button", { type: "button", class: "button" }, t("issued.download"));
  const print = h("button", { type: "button", class: "button button--secondary" }, t("issued.print"));
  const fetchVisa = async (): Promise<string> => {
    const response = await send(method, visaPath, { signedIn: method === "GET", body, headers: { Accept: "application/pdf" } });
    return URL.createObjectURL(await response.blob());
  };
  download.addEventListener("click", async () => {
    try {
      const url = await fetchVisa();
      const link = h("a", { href: url, download: `e-visa-${view.visaNumber ?? view.applicationId}.pdf`, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      showProblem(problem, error);
    }
  });
  print.addEventListener("click", async () => {
    try {
      // The browser's PDF viewer prints it as drawn: the seal and the machine-readable zone must not be reflowed.
      window.open(await fetchVisa(), "_blank", "noopener");
    } catch (error) {
      showProblem(problem, error);
    }
  });
  return [
    h("div", { class: "panel panel--success panel--confirmation" },
      heading("issued.title"),
      view.visaNumber ? h("p", { class: "panel__body" }, t("issued.number"), h("br"), h("strong", { class: "mono" }, view.visaNumber)) : null),
    paragraph(t("issued.lead")),
    h("div", { class: "button-group" }, download, print),
    h("h2", { class: "heading-m" }, t("issued.next-title")),
    h("ul", { class: "list list--bullet" },
      h("li", {}, t("issued.next-single-entry")),
      h("li", {}, t("issued.next-checkpoints")),
      h("li", {}, t("issued.next-arrival-notice")),
      h("li", {}, t("issued.next-not-extendable"))),
    applicationNumber(view.applicationId),
  ];
}
