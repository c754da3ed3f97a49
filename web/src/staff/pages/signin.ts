// Sign in to the console: Microsoft Entra ID (the role comes from the app roles of the account) or, in Development
// only, a clearly marked development sign-in where the person picks the role to work in.
import { add, h } from "../../dom";
import { form } from "../../form";
import { t } from "../../i18n";
import { heading, paragraph, showProblem } from "../../page";
import { signInForDevelopment, signInKind, signInWithProvider, staffRoles, type StaffRole } from "../session";

export function signInPage(main: HTMLElement, next: string | null): void {
  const problem = h("div");
  const target = next ? `#/${next}` : "#/";
  const kind = signInKind();
  if (kind === "none") {
    add(main, heading("sign-in.unavailable-title"), paragraph(t("sign-in.unavailable")));
    return;
  }
  if (kind === "oidc") {
    add(main, problem, heading("staff.sign-in.title"), paragraph(t("staff.sign-in.lead")),
      h("button", {
        type: "button", class: "button", onclick: async () => {
          try {
            await signInWithProvider(target);
          } catch (error) {
            showProblem(problem, error);
          }
        },
      }, t("sign-in.button")));
    return;
  }
  add(main, problem, heading("staff.sign-in.title"),
    h("div", { class: "panel panel--warning" },
      h("h2", { class: "heading-s" }, t("sign-in.development-title")),
      paragraph(t("staff.sign-in.development"))),
    form([{
      name: "role", kind: "radios", label: t("staff.sign-in.role"),
      options: staffRoles.map((role) => ({ value: role, label: t(`staff.role.${role}`) })),
    }], {}, t("sign-in.development-button"), async (values) => {
      try {
        await signInForDevelopment(values.role as StaffRole);
        location.hash = target;
      } catch (error) {
        showProblem(problem, error);
      }
    }));
}
