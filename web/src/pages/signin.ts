// Sign in: the identity provider (OpenID Connect, code + PKCE) or, in Development only, a marked development sign-in.
import type { PortalConfiguration } from "../configuration";
import { add, h } from "../dom";
import { t } from "../i18n";
import { renderAccount } from "../layout";
import { heading, paragraph, showProblem } from "../page";
import { signInForDevelopment, signInWithProvider } from "../session";

export function signInPage(main: HTMLElement, configuration: PortalConfiguration, next: string): void {
  const problem = h("div");
  const development = configuration.signIn === "development";
  if (configuration.signIn === "none") {
    add(main, heading("sign-in.unavailable-title"), paragraph(t("sign-in.unavailable")));
    return;
  }
  add(main, 
    problem,
    heading("sign-in.title"),
    paragraph(t("sign-in.lead")),
    development
      ? h("div", { class: "panel panel--warning" },
        h("h2", { class: "heading-s" }, t("sign-in.development-title")),
        paragraph(t("sign-in.development")))
      : null,
    h("button", {
      type: "button", class: "button", onclick: async (event: Event) => {
        const button = event.currentTarget as HTMLButtonElement;
        button.disabled = true;
        try {
          if (development) {
            await signInForDevelopment();
            await renderAccount();
            location.hash = next;
          } else {
            await signInWithProvider(next);
          }
        } catch (error) {
          showProblem(problem, error);
        } finally {
          button.disabled = false;
        }
      },
    }, t(development ? "sign-in.development-button" : "sign-in.button")),
  );
}
