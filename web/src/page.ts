// Pieces the pages share.
import { h, type Child } from "./dom";
import { has, t } from "./i18n";
import { setTitle } from "./layout";
import { ApiProblem } from "./api";
import { errorSummary } from "./form";

let generation = 0;

/** Called by the router on each navigation; a page's timers check it so that they stop when the page is left. */
export function nextGeneration(): number {
  return ++generation;
}

export function isCurrent(value: number): boolean {
  return value === generation;
}

/** The page's one h1, which also names the page in <title>. */
export function heading(key: string, parameters: Record<string, string | number> = {}): HTMLHeadingElement {
  setTitle(key);
  return h("h1", { class: "heading", tabindex: "-1" }, t(key, parameters));
}

export function paragraph(...children: Child[]): HTMLParagraphElement {
  return h("p", { class: "body" }, ...children);
}

export function buttonLink(href: string, label: string, secondary = false): HTMLAnchorElement {
  return h("a", { href, class: secondary ? "button button--secondary" : "button", role: "button", draggable: "false" }, label);
}

/** A problem the API answered, in words: its code's text, else the status's. */
export function problemText(problem: unknown): string {
  if (problem instanceof ApiProblem) {
    if (problem.status === 429) {
      const minutes = Math.max(1, Math.ceil((problem.retryAfterSeconds ?? 60) / 60));
      return t("code.too-many-attempts", { minutes });
    }
    const key = `code.${problem.code}`;
    if (has(key)) return t(key);
  }
  return t("error.unexpected");
}

/** A problem as an error summary at the top of the page, focused so a screen reader reads it. */
export function showProblem(place: HTMLElement, problem: unknown): void {
  const summary = errorSummary([{ message: problemText(problem), target: null }]);
  place.replaceChildren(summary);
  setTitle(null, true);
  summary.focus();
}

export function summaryList(rows: [string, Child][]): HTMLDListElement {
  return h("dl", { class: "summary" }, ...rows.map(([key, value]) =>
    h("div", { class: "summary__row" }, h("dt", { class: "summary__key" }, key), h("dd", { class: "summary__value" }, value))));
}
