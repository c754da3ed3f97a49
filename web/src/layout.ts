// What every page shares: the language switcher, the account link, the <title>, the focus after navigation.
import { h, replace } from "./dom";
import { language, languages, setLanguage, t, type Language } from "./i18n";
import { isSignedIn, signOut } from "./session";

const names: Record<Language, string> = { kk: "Қазақша", ru: "Русский", en: "English" };
let serviceName = "service.name";
let pageTitle = serviceName;
let onLanguageChange: () => void = () => {};

export function whenLanguageChanges(handler: () => void): void {
  onLanguageChange = handler;
}

/** The staff console names itself in every title instead of the portal. */
export function useServiceName(key: string): void {
  serviceName = pageTitle = key;
}

/** The page's title: its heading, the service, and "Error:" first while the page shows errors (GOV.UK's pattern). */
export function setTitle(key: string | null, hasErrors = false): void {
  if (key) pageTitle = key;
  const parts = [pageTitle === serviceName ? null : t(pageTitle), t(serviceName)].filter(Boolean);
  document.title = `${hasErrors ? `${t("form.error-prefix")}: ` : ""}${parts.join(" – ")}`;
}

/** The texts of the static page (index.html carries keys only). */
export function translateShell(): void {
  document.querySelectorAll<HTMLElement>("[data-i18n]").forEach((element) => {
    element.textContent = t(element.dataset.i18n!);
  });
  document.querySelectorAll<HTMLElement>("[data-i18n-label]").forEach((element) => {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel!));
  });
  const switcher = document.getElementById("languages")!;
  replace(switcher, h("ul", { class: "languages" }, ...languages.map((code) => h("li", {},
    h("button", {
      type: "button", class: "link-button", lang: code, "aria-pressed": code === language() ? "true" : "false",
      onclick: async () => {
        await setLanguage(code, true);
        onLanguageChange();
      },
    }, names[code])))));
}

export async function renderAccount(): Promise<void> {
  const account = document.getElementById("account")!;
  if (!(await isSignedIn())) {
    replace(account);
    return;
  }
  replace(account, h("button", {
    type: "button", class: "link-button", onclick: async () => {
      await signOut();
      location.hash = "#/";
      await renderAccount();
    },
  }, t("layout.sign-out")));
}

/**
 * Links to a place on the page (the skip link, the error summary's links to fields) move the focus there without
 * touching the hash route. Both the portal and the staff console install it once at start.
 */
export function followInPageLinks(): void {
  document.addEventListener("click", (event) => {
    const link = (event.target as Element).closest?.("a[href^='#']");
    const href = link?.getAttribute("href") ?? "";
    if (!link || href.startsWith("#/")) return;
    const target = document.getElementById(href.slice(1));
    if (!target) return;
    event.preventDefault();
    target.closest(".group")?.scrollIntoView();
    target.focus();
  });
}
