// What the applicant typed, kept in this tab's sessionStorage until the application is submitted, so that "Change"
// on the check-your-answers page and the back button find it again. Nothing personal goes to localStorage.
import type { Values } from "./form";

const formKey = "evisa.application";
const eligibilityKey = "evisa.eligibility";
const submittedKey = "evisa.submitted";

function load(key: string): Values {
  try {
    return (JSON.parse(sessionStorage.getItem(key) ?? "{}") as Values) ?? {};
  } catch {
    return {};
  }
}

export const answers = {
  get: (): Values => load(formKey),
  merge(values: Values): Values {
    const merged = { ...load(formKey), ...values };
    sessionStorage.setItem(formKey, JSON.stringify(merged));
    return merged;
  },
  /** One Idempotency-Key per application typed, so a retried submission cannot make a second application. */
  idempotencyKey(): string {
    const values = load(formKey);
    if (values.idempotencyKey) return values.idempotencyKey;
    return this.merge({ idempotencyKey: crypto.randomUUID() }).idempotencyKey;
  },
  /** After submission: the typed passport data stay, by application, to show beside the draft visa. */
  submitted(applicationId: string): void {
    const values = load(formKey);
    sessionStorage.setItem(`${submittedKey}.${applicationId}`, JSON.stringify(values));
    sessionStorage.removeItem(formKey);
  },
  of: (applicationId: string): Values => load(`${submittedKey}.${applicationId}`),
  /** A refused application's answers back in the form, under a new Idempotency-Key, to correct and submit again. */
  restore(applicationId: string): void {
    const { idempotencyKey: _, ...values } = load(`${submittedKey}.${applicationId}`);
    sessionStorage.setItem(formKey, JSON.stringify(values));
  },
};

export const eligibility = {
  get: (): Values => load(eligibilityKey),
  set: (values: Values) => sessionStorage.setItem(eligibilityKey, JSON.stringify(values)),
};
