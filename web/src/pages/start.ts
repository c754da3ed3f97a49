// The start page (what the e-visa is) and the eligibility question (R3): who may apply online for what.
import { call } from "../api";
import { categoryOptions, country, countryOptions } from "../choices";
import { add, h } from "../dom";
import { form } from "../form";
import { t } from "../i18n";
import { buttonLink, heading, paragraph, showProblem } from "../page";
import { eligibility } from "../state";

export function startPage(main: HTMLElement): void {
  add(main, 
    heading("start.title"),
    paragraph(t("start.lead")),
    h("ul", { class: "list list--bullet" },
      h("li", {}, t("start.single-entry")),
      h("li", {}, t("start.checkpoints")),
      h("li", {}, t("start.not-extendable")),
      h("li", {}, t("start.fee"))),
    h("h2", { class: "heading-m" }, t("start.need-title")),
    h("ul", { class: "list list--bullet" },
      h("li", {}, t("start.need-invitation")),
      h("li", {}, t("start.need-passport")),
      h("li", {}, t("start.need-email")),
      h("li", {}, t("start.need-payment"))),
    buttonLink("#/eligibility", t("start.start")),
    h("h2", { class: "heading-m" }, t("start.already-title")),
    paragraph(h("a", { href: "#/find", class: "link" }, t("start.find"))),
  );
}

export function eligibilityPage(main: HTMLElement): void {
  const problem = h("div");
  const saved = eligibility.get();
  add(main, problem, heading("eligibility.title"), form([
    { name: "nationality", label: t("eligibility.nationality"), hint: t("eligibility.nationality-hint"), kind: "select", options: countryOptions() },
    { name: "category", label: t("eligibility.category"), kind: "radios", options: categoryOptions() },
  ], saved, t("form.continue"), async (values) => {
    try {
      const answer = await call<{ categories: string[] }>("GET", `/api/eligibility?nationality=${encodeURIComponent(values.nationality)}`);
      eligibility.set({ ...values, eligible: answer.body.categories.includes(values.category) ? "yes" : "no", categories: answer.body.categories.join(" ") });
      location.hash = "#/eligibility/answer";
    } catch (error) {
      showProblem(problem, error);
    }
  }));
}

export function eligibilityAnswerPage(main: HTMLElement): void {
  const saved = eligibility.get();
  if (!saved.nationality) {
    location.replace("#/eligibility");
    return;
  }
  const parameters = { country: country(saved.nationality), category: t(`category.${saved.category}`) };
  if (saved.eligible === "yes") {
    add(main, 
      heading("eligibility.yes-title"),
      h("div", { class: "panel panel--success" }, paragraph(t("eligibility.yes", parameters))),
      paragraph(t("eligibility.yes-next")),
      buttonLink("#/sign-in", t("form.continue")),
    );
    return;
  }
  const others = (saved.categories ?? "").split(" ").filter(Boolean);
  add(main, 
    heading("eligibility.no-title"),
    h("div", { class: "panel panel--warning" }, paragraph(t("eligibility.no", parameters))),
    paragraph(t("eligibility.no-embassy")),
    others.length
      ? paragraph(t("eligibility.no-other", { categories: others.map((c) => t(`category.${c}`)).join(", ") }))
      : null,
    paragraph(h("a", { href: "#/eligibility", class: "link" }, t("eligibility.again"))),
  );
}
