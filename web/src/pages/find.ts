// "Find my application" without signing in: the application number, the passport number and the birth date give
// the status and, once issued, the visa. The service answers "not found" alike for a wrong detail and limits tries.
import { ApiProblem, call } from "../api";
import { add, h, replace } from "../dom";
import { errorSummary, form, type Values } from "../form";
import { has, t } from "../i18n";
import { setTitle } from "../layout";
import { buttonLink, heading, paragraph, problemText } from "../page";
import { applicationNumber, issued, refused, type ApplicationView } from "./application";

let found: { view: ApplicationView; query: unknown } | null = null;

function query(values: Values): unknown {
  return {
    applicationNumber: values.applicationId.trim(),
    passportNumber: values.passportNumber.trim().toUpperCase(),
    dateOfBirth: values.dateOfBirth.trim(),
  };
}

export function findPage(main: HTMLElement): void {
  const problem = h("div");
  add(main, problem, heading("find.title"), paragraph(t("find.lead")), form([
    { name: "applicationId", label: t("find.applicationId"), hint: t("find.applicationId-hint"), kind: "text", monospace: true },
    { name: "passportNumber", label: t("field.number"), kind: "text", width: "medium" },
    {
      name: "dateOfBirth", label: t("field.dateOfBirth"), hint: t("field.date-hint"), kind: "text", width: "medium",
      check: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t("validation.date", { field: t("field.dateOfBirth") })),
    },
  ], {}, t("find.button"), async (values) => {
    try {
      const body = query(values);
      const answer = await call<ApplicationView>("POST", "/api/applications/lookup", { body });
      found = { view: answer.body, query: body };
      location.hash = "#/find/result";
    } catch (error) {
      const message = error instanceof ApiProblem && error.code === "application-not-found" ? t("find.not-found") : problemText(error);
      const summary = errorSummary([{ message, target: null }]);
      problem.replaceChildren(summary);
      setTitle(null, true);
      summary.focus();
    }
  }));
}

export function findResultPage(main: HTMLElement): void {
  if (!found) {
    location.replace("#/find");
    return;
  }
  const { view, query: body } = found;
  const problem = h("div");
  add(main, problem);
  if (view.status === "issued") {
    const content = issued(view, problem, "/api/applications/lookup/visa", "POST", body);
    add(main, content);
    return;
  }
  if (view.status === "refused") {
    add(main, refused(view));
    return;
  }
  const key = has(`status.${view.status}`) ? view.status : "unknown";
  const section = h("div");
  replace(section, heading(`status.${key}-title`), paragraph(t(`status.${key}`)), applicationNumber(view.applicationId),
    paragraph(t("find.sign-in-to-act")), buttonLink(`#/applications/${view.applicationId}`, t("find.open")));
  add(main, section);
}
