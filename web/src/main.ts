// The portal: one page (index.html) whose routes are the hash (#/apply/passport), so any static host serves it and
// the back button walks the journey. Each route renders one thing to do.
import { loadConfiguration, type PortalConfiguration } from "./configuration";
import { h, replace } from "./dom";
import { initialLanguage, setLanguage, t } from "./i18n";
import { followInPageLinks, renderAccount, translateShell, whenLanguageChanges } from "./layout";
import { heading, isCurrent, nextGeneration, paragraph } from "./page";
import { applicationPage, cancelPage } from "./pages/application";
import { checkPage, stepPage, steps } from "./pages/apply";
import { findPage, findResultPage } from "./pages/find";
import { signInPage } from "./pages/signin";
import { eligibilityAnswerPage, eligibilityPage, startPage } from "./pages/start";
import { completeSignIn, isSignedIn, useConfiguration } from "./session";

let configuration: PortalConfiguration | null = null;
let firstRender = true;

async function route(): Promise<void> {
  const main = document.getElementById("main")!;
  const [path, query = ""] = location.hash.replace(/^#/, "").split("?");
  const parts = path.split("/").filter(Boolean);
  const params = new URLSearchParams(query);
  const generation = nextGeneration();
  replace(main);

  const needsSignIn = parts[0] === "apply" || parts[0] === "applications";
  if (needsSignIn && !(await isSignedIn())) {
    location.replace(`#/sign-in?next=${encodeURIComponent(path.replace(/^\//, ""))}`);
    return;
  }
  // A navigation while the sign-in was read draws its own page: two would interleave in main.
  if (!isCurrent(generation)) return;

  if (parts.length === 0) startPage(main);
  else if (parts[0] === "eligibility" && parts.length === 1) eligibilityPage(main);
  else if (parts[0] === "eligibility" && parts[1] === "answer") eligibilityAnswerPage(main);
  else if (parts[0] === "sign-in" && configuration) signInPage(main, configuration, `#/${params.get("next") ?? "apply/invitation"}`);
  else if (parts[0] === "apply" && parts[1] === "check") checkPage(main, params.get("restore"));
  else if (parts[0] === "apply" && steps.some((s) => s.slug === parts[1])) stepPage(main, parts[1], params.has("change"));
  else if (parts[0] === "applications" && parts[1] && parts[2] === "cancel") cancelPage(main, parts[1]);
  else if (parts[0] === "applications" && parts[1] && parts.length === 2) applicationPage(main, parts[1]);
  else if (parts[0] === "find" && parts.length === 1) findPage(main);
  else if (parts[0] === "find" && parts[1] === "result") findResultPage(main);
  else if (parts[0] === "sign-in") main.append(heading("sign-in.unavailable-title"), paragraph(t("sign-in.unavailable")));
  else main.append(heading("not-found.title"), paragraph(t("not-found.lead")), paragraph(h("a", { href: "#/", class: "link" }, t("not-found.start"))));

  if (!firstRender) {
    window.scrollTo(0, 0);
    main.querySelector<HTMLElement>("h1")?.focus();
  }
  firstRender = false;
}

followInPageLinks();

async function start(): Promise<void> {
  await setLanguage(initialLanguage(), false);
  translateShell();
  whenLanguageChanges(() => {
    translateShell();
    void renderAccount();
    void route();
  });
  try {
    configuration = await loadConfiguration();
    useConfiguration(configuration);
    const next = await completeSignIn();
    if (next) location.hash = next;
    // Back from the payment provider (the checkout's return path): follow that application.
    const returned = new URLSearchParams(location.search).get("application");
    if (returned) history.replaceState(null, "", `/#/applications/${encodeURIComponent(returned)}`);
  } catch (error) {
    console.error("The portal configuration could not be read", error);
  }
  await renderAccount();
  window.addEventListener("hashchange", () => void route());
  await route();
}

void start();
