// Questions as the GOV.UK Design System asks them: a label, a hint, the error beside the field, and on a failed
// submit an error summary that takes the focus and links to each field.
import { h, type Child } from "./dom";
import { t } from "./i18n";
import validationKinds from "./i18n/validation-kinds.json";
import { setTitle } from "./layout";

export interface Option {
  value: string;
  label: string;
}

export interface Field {
  name: string;
  label: string;
  hint?: string;
  kind: "text" | "select" | "radios";
  options?: Option[];
  optional?: boolean;
  autocomplete?: string;
  inputmode?: string;
  width?: "short" | "medium" | "long";
  monospace?: boolean;
  /** An error text for a value the field cannot take, or null. */
  check?: (value: string, values: Values) => string | null;
  /** Runs on each keystroke with the field's live message element (the MRZ check). */
  onInput?: (value: string, values: Values, live: HTMLElement) => void;
}

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

export const fieldId = (name: string) => `field-${name.replace(/\./g, "-")}`;

/** A form of questions; onSubmit answers errors to show, or nothing when it went on. */
export function form(
  fields: Field[],
  values: Values,
  submitLabel: string,
  onSubmit: (values: Values) => Promise<Errors | void>,
  before: Child[] = [],
): HTMLFormElement {
  const element = h("form", { novalidate: true, class: "form" });
  const summary = h("div");
  const inputs = fields.map((field) => question(field, values));
  const button = h("button", { type: "submit", class: "button" }, submitLabel);
  element.append(summary, ...before.filter((c): c is Node => c instanceof Node), ...inputs.map((q) => q.element), button);
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    const current = read(element, fields);
    const errors: Errors = {};
    for (const field of fields) {
      const value = current[field.name] ?? "";
      if (!value.trim()) {
        if (!field.optional) errors[field.name] = t("validation.required-field", { field: field.label });
        continue;
      }
      const problem = field.check?.(value.trim(), current);
      if (problem) errors[field.name] = problem;
    }
    let shown = errors;
    if (Object.keys(errors).length === 0) {
      button.disabled = true;
      try {
        shown = (await onSubmit(current)) ?? {};
      } finally {
        button.disabled = false;
      }
    }
    showErrors(summary, inputs, shown);
  });
  return element;
}

interface Question {
  field: Field;
  element: HTMLElement;
  error: HTMLElement;
}

function question(field: Field, values: Values): Question {
  const id = fieldId(field.name);
  const value = values[field.name] ?? "";
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const hint = field.hint ? h("div", { class: "hint", id: hintId }, field.hint) : null;
  const error = h("p", { class: "field-error", id: errorId, hidden: true });
  const describedBy = [field.hint ? hintId : null].filter(Boolean).join(" ") || null;
  const live = field.onInput ? h("p", { class: "live-check", id: `${id}-live`, "aria-live": "polite" }) : null;

  if (field.kind === "radios") {
    const legend = h("legend", { class: "legend" }, field.label);
    const items = (field.options ?? []).map((option, index) => {
      const optionId = index === 0 ? id : `${id}-${index}`;
      return h("div", { class: "radio" },
        h("input", { type: "radio", id: optionId, name: field.name, value: option.value, checked: option.value === value }),
        h("label", { for: optionId }, option.label));
    });
    const fieldset = h("fieldset", { class: "fieldset", "aria-describedby": describedBy }, legend, hint, error, ...items);
    return { field, element: h("div", { class: "group" }, fieldset), error };
  }

  const label = h("label", { class: "label", for: id }, field.label);
  let control: HTMLInputElement | HTMLSelectElement;
  if (field.kind === "select") {
    control = h("select", { id, name: field.name, class: "select", "aria-describedby": describedBy, autocomplete: field.autocomplete },
      h("option", { value: "" }, t("form.choose")),
      ...(field.options ?? []).map((option) => h("option", { value: option.value, selected: option.value === value }, option.label)));
  } else {
    control = h("input", {
      id, name: field.name, type: "text", value, class: `input input--${field.width ?? "long"}${field.monospace ? " input--mono" : ""}`,
      "aria-describedby": [describedBy, live?.id].filter(Boolean).join(" ") || null,
      autocomplete: field.autocomplete ?? "off", inputmode: field.inputmode, spellcheck: field.monospace ? "false" : null,
    });
  }
  if (field.onInput && live) {
    const onInput = field.onInput;
    control.addEventListener("input", () => onInput(control.value, read(control.form!, []), live));
  }
  return { field, element: h("div", { class: "group" }, label, hint, error, control, live), error };
}

function read(form: HTMLFormElement, fields: Field[]): Values {
  const values: Values = {};
  for (const [name, value] of new FormData(form).entries()) values[name] = String(value);
  for (const field of fields) values[field.name] ??= "";
  return values;
}

function showErrors(summary: HTMLElement, questions: Question[], errors: Errors): void {
  for (const q of questions) {
    const message = errors[q.field.name];
    q.element.classList.toggle("group--error", Boolean(message));
    q.error.hidden = !message;
    q.error.replaceChildren(...(message ? [h("span", { class: "visually-hidden" }, `${t("form.error-prefix")}: `), message] : []));
    const controls = q.element.querySelectorAll<HTMLElement>("input, select");
    const errorId = q.error.id;
    controls.forEach((control) => {
      const ids = (control.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== errorId);
      if (message) ids.unshift(errorId);
      if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
      else control.removeAttribute("aria-describedby");
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    });
  }
  const entries = Object.entries(errors);
  const known = new Set(questions.map((q) => q.field.name));
  summary.replaceChildren(...(entries.length ? [errorSummary(entries.map(([name, message]) => ({
    message,
    target: known.has(name) ? `#${fieldId(name)}` : null,
  })))] : []));
  setTitle(null, entries.length > 0);
  if (entries.length) summary.querySelector<HTMLElement>(".error-summary")?.focus();
}

/** The GOV.UK error summary: focusable, one link per error to its field (or a route, for another page's field). */
export function errorSummary(items: { message: string; target: string | null }[]): HTMLElement {
  return h("div", { class: "error-summary", tabindex: "-1", role: "alert", "aria-labelledby": "error-summary-title" },
    h("h2", { class: "error-summary__title", id: "error-summary-title" }, t("form.error-summary")),
    h("ul", { class: "error-summary__list" },
      ...items.map((item) => h("li", {}, item.target ? h("a", { href: item.target }, item.message) : item.message))));
}

/** The API's validation-failed answer as texts: each English message the service writes has a kind (validation-kinds.json). */
export function validationMessage(field: string, serverMessage: string): string {
  const kind = validationKinds.find((k) => new RegExp(k.pattern).test(serverMessage))?.kind ?? "invalid";
  return t(`validation.${kind}`, { field });
}
