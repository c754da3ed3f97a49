// The application, one thing per page, then check your answers and submit (POST /api/applications).
import { ApiProblem, call } from "../api";
import { categoryOptions, country, countryOptions, yesNo } from "../choices";
import { add, h } from "../dom";
import { errorSummary, form, validationMessage, type Field, type Values } from "../form";
import { language, languages, t, formatDate } from "../i18n";
import { setTitle } from "../layout";
import * as mrz from "../mrz";
import { heading, paragraph, showProblem, summaryList } from "../page";
import { answers, eligibility } from "../state";

interface Step {
  slug: string;
  title: string;
  fields: () => Field[];
}

const isDate = (value: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
};
const dateCheck = (label: string) => (value: string) => (isDate(value) ? null : t("validation.date", { field: label }));
const latinName = (label: string) => (value: string) =>
  /^[A-Za-z][A-Za-z' -]*$/.test(value) ? null : t("validation.latin-name", { field: label });

function mrzLive(value: string, values: Values, live: HTMLElement): void {
  const line1 = mrz.normalise(values["mrz1"] ?? "");
  const line2 = mrz.normalise(values["mrz2"] ?? "");
  if (!line1 && !line2) {
    live.textContent = "";
    return;
  }
  void value;
  const problems = mrz.check(line1, line2);
  live.textContent = problems.length === 0 ? t("mrz.ok") : t(`mrz.${problems[0]}`);
  live.classList.toggle("live-check--ok", problems.length === 0);
}

function mrzCheck(_: string, values: Values): string | null {
  const line1 = mrz.normalise(values["mrz1"] ?? "");
  const line2 = mrz.normalise(values["mrz2"] ?? "");
  if (!line1 && !line2) return null;
  const problems = mrz.check(line1, line2);
  return problems.length ? t(`mrz.${problems[0]}`) : null;
}

export const steps: Step[] = [
  {
    slug: "invitation", title: "apply.invitation-title", fields: () => [
      {
        name: "invitationNumber", label: t("field.invitationNumber"), hint: t("field.invitationNumber-hint"), kind: "text",
        inputmode: "numeric", width: "medium",
        check: (v) => (/^\d{10}$/.test(v) ? null : t("validation.invitation-number", { field: t("field.invitationNumber") })),
      },
      { name: "category", label: t("field.category"), kind: "radios", options: categoryOptions() },
    ],
  },
  {
    slug: "personal", title: "apply.personal-title", fields: () => [
      { name: "surname", label: t("field.surname"), hint: t("field.latin-hint"), kind: "text", autocomplete: "family-name", check: latinName(t("field.surname")) },
      { name: "givenNames", label: t("field.givenNames"), hint: t("field.givenNames-hint"), kind: "text", optional: true, autocomplete: "given-name", check: latinName(t("field.givenNames")) },
      { name: "nationality", label: t("field.nationality"), kind: "select", options: countryOptions() },
      { name: "dateOfBirth", label: t("field.dateOfBirth"), hint: t("field.date-hint"), kind: "text", width: "medium", autocomplete: "bday", check: dateCheck(t("field.dateOfBirth")) },
      {
        name: "sex", label: t("field.sex"), kind: "radios",
        options: [{ value: "F", label: t("sex.F") }, { value: "M", label: t("sex.M") }, { value: "X", label: t("sex.X") }],
      },
    ],
  },
  {
    slug: "passport", title: "apply.passport-title", fields: () => [
      {
        name: "number", label: t("field.number"), hint: t("field.number-hint"), kind: "text", width: "medium",
        check: (v) => (/^[A-Za-z0-9]{1,9}$/.test(v) ? null : t("code.passport-number-malformed")),
      },
      { name: "issuingState", label: t("field.issuingState"), kind: "select", options: countryOptions() },
      { name: "issueDate", label: t("field.issueDate"), hint: t("field.date-hint"), kind: "text", width: "medium", check: dateCheck(t("field.issueDate")) },
      { name: "expiryDate", label: t("field.expiryDate"), hint: t("field.date-hint"), kind: "text", width: "medium", check: dateCheck(t("field.expiryDate")) },
      {
        name: "validityExtension", label: t("field.validityExtension"), kind: "radios",
        options: ["not-extended", "extended-and-marked", "extended-without-mark"].map((value) => ({ value, label: t(`extension.${value}`) })),
      },
    ],
  },
  {
    slug: "condition", title: "apply.condition-title", fields: () => [
      {
        name: "blankPages", label: t("field.blankPages"), hint: t("field.blankPages-hint"), kind: "text", inputmode: "numeric", width: "short",
        check: (v) => (/^\d{1,4}$/.test(v) && Number(v) <= 1000 ? null : t("validation.number", { field: t("field.blankPages") })),
      },
      { name: "hasReservationsOrRecords", label: t("field.hasReservationsOrRecords"), kind: "radios", options: yesNo() },
      { name: "hasErasuresOrCorrections", label: t("field.hasErasuresOrCorrections"), kind: "radios", options: yesNo() },
      { name: "hasTornOrEmbroideredPages", label: t("field.hasTornOrEmbroideredPages"), kind: "radios", options: yesNo() },
    ],
  },
  {
    slug: "mrz", title: "apply.mrz-title", fields: () => [
      { name: "mrz1", label: t("field.mrz1"), hint: t("field.mrz-hint"), kind: "text", optional: true, monospace: true, onInput: mrzLive, check: mrzCheck },
      { name: "mrz2", label: t("field.mrz2"), kind: "text", optional: true, monospace: true, onInput: mrzLive, check: mrzCheck },
    ],
  },
  {
    slug: "contact", title: "apply.contact-title", fields: () => [
      {
        name: "email", label: t("field.email"), hint: t("field.email-hint"), kind: "text", autocomplete: "email", inputmode: "email",
        check: (v) => (/^[^\s@]+@[^\s@]+$/.test(v) ? null : t("validation.email", { field: t("field.email") })),
      },
      {
        name: "language", label: t("field.language"), hint: t("field.language-hint"), kind: "radios",
        options: languages.map((value) => ({ value, label: t(`language.${value}`) })),
      },
    ],
  },
];

/** Which step asks for a field of the API's body (for the server's field errors). */
const stepOfField: Record<string, string> = {
  invitationNumber: "invitation", category: "invitation", email: "contact", language: "contact",
  "passport.surname": "personal", "passport.givenNames": "personal", "passport.nationality": "personal",
  "passport.dateOfBirth": "personal", "passport.sex": "personal", "passport.number": "passport",
  "passport.issuingState": "passport", "passport.issueDate": "passport", "passport.expiryDate": "passport",
  "passport.validityExtension": "passport", "passport.blankPages": "condition", "passport.condition": "condition",
  "passport.condition.hasReservationsOrRecords": "condition", "passport.condition.hasErasuresOrCorrections": "condition",
  "passport.condition.hasTornOrEmbroideredPages": "condition", "passport.mrz": "mrz",
};

function defaults(): Values {
  const chosen = eligibility.get();
  return { category: chosen.category ?? "", nationality: chosen.nationality ?? "", issuingState: chosen.nationality ?? "", language: language() };
}

export function stepPage(main: HTMLElement, slug: string, fromCheck: boolean): void {
  const index = steps.findIndex((s) => s.slug === slug);
  const step = steps[index];
  const values = { ...defaults(), ...answers.get() };
  const back = index === 0 ? "#/sign-in" : `#/apply/${steps[index - 1].slug}`;
  add(main, 
    h("a", { href: fromCheck ? "#/apply/check" : back, class: "back-link" }, t("form.back")),
    h("span", { class: "caption" }, t("apply.step", { step: index + 1, steps: steps.length })),
    heading(step.title),
    slug === "mrz" ? paragraph(t("apply.mrz-lead")) : null,
    form(step.fields(), values, t("form.continue"), async (typed) => {
      const kept: Values = {};
      for (const field of step.fields()) kept[field.name] = field.monospace ? mrz.normalise(typed[field.name] ?? "") : (typed[field.name] ?? "").trim();
      answers.merge(kept);
      location.hash = fromCheck || index === steps.length - 1 ? "#/apply/check" : `#/apply/${steps[index + 1].slug}`;
    }),
  );
}

function body(values: Values): unknown {
  const bool = (v: string) => v === "yes";
  return {
    invitationNumber: values.invitationNumber,
    category: values.category,
    email: values.email,
    language: values.language,
    passport: {
      number: values.number?.toUpperCase(),
      surname: values.surname?.toUpperCase(),
      givenNames: (values.givenNames ?? "").toUpperCase(),
      nationality: values.nationality,
      dateOfBirth: values.dateOfBirth,
      sex: values.sex,
      issuingState: values.issuingState,
      issueDate: values.issueDate,
      expiryDate: values.expiryDate,
      blankPages: Number(values.blankPages),
      condition: {
        hasReservationsOrRecords: bool(values.hasReservationsOrRecords),
        hasErasuresOrCorrections: bool(values.hasErasuresOrCorrections),
        hasTornOrEmbroideredPages: bool(values.hasTornOrEmbroideredPages),
      },
      validityExtension: values.validityExtension,
      mrz: values.mrz1 || values.mrz2 ? [values.mrz1, values.mrz2] : undefined,
    },
  };
}

/** The answers as the check page and the verdict page show them. */
export function answerRows(values: Values, withChange: boolean): [string, Node | string][] {
  const rows: [string, Node | string][] = [];
  const shown = (name: string, value: string): string => {
    if (!value) return t("check.not-given");
    if (name === "nationality" || name === "issuingState") return country(value);
    if (name === "category") return t(`category.${value}`);
    if (name === "sex") return t(`sex.${value}`);
    if (name === "validityExtension") return t(`extension.${value}`);
    if (name === "language") return t(`language.${value}`);
    if (name.startsWith("has")) return t(`form.${value}`);
    if (name.endsWith("Date") || name === "dateOfBirth") return formatDate(value);
    return value;
  };
  for (const step of steps) {
    for (const field of step.fields()) {
      const value = shown(field.name, values[field.name] ?? "");
      const cell = field.monospace ? h("span", { class: "mono" }, value) : value;
      rows.push([field.label, withChange
        ? h("span", { class: "summary__answer" }, cell, " ",
          h("a", { href: `#/apply/${step.slug}?change`, class: "link" }, t("check.change"), h("span", { class: "visually-hidden" }, ` ${field.label}`)))
        : cell]);
    }
  }
  return rows;
}

export function checkPage(main: HTMLElement, restoreFrom: string | null): void {
  if (restoreFrom) {
    answers.restore(restoreFrom);
    location.replace("#/apply/check");
    return;
  }
  const values = answers.get();
  const missing = steps.find((step) => step.fields().some((f) => !f.optional && !values[f.name]));
  if (missing) {
    location.replace(`#/apply/${missing.slug}`);
    return;
  }
  const problem = h("div");
  const button = h("button", { type: "button", class: "button" }, t("check.submit"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      const answer = await call<{ applicationId: string }>("POST", "/api/applications", {
        body: body(values), signedIn: true, headers: { "Idempotency-Key": answers.idempotencyKey() },
      });
      answers.submitted(answer.body.applicationId);
      location.hash = `#/applications/${answer.body.applicationId}`;
    } catch (error) {
      if (error instanceof ApiProblem && error.code === "validation-failed") {
        const items = Object.entries(error.errors).flatMap(([path, messages]) => messages.map((message) => {
          const name = path.replace(/^passport\.(condition\.)?/, "");
          const label = steps.flatMap((s) => s.fields()).find((f) => f.name === name)?.label ?? path;
          const slug = stepOfField[path];
          return { message: validationMessage(label, message), target: slug ? `#/apply/${slug}?change` : null };
        }));
        const summary = errorSummary(items);
        problem.replaceChildren(summary);
        setTitle(null, true);
        summary.focus();
      } else if (error instanceof ApiProblem && error.status === 401) {
        location.hash = "#/sign-in?next=check";
      } else {
        showProblem(problem, error);
      }
    } finally {
      button.disabled = false;
    }
  });
  add(main, 
    problem,
    h("a", { href: `#/apply/${steps[steps.length - 1].slug}`, class: "back-link" }, t("form.back")),
    heading("check.title"),
    summaryList(answerRows(values, true)),
    h("h2", { class: "heading-m" }, t("check.declaration-title")),
    paragraph(t("check.declaration")),
    button,
  );
}
