// The staff console at /staff/: inviting parties, migration officers and border officers, each signed in with one
// role. An entry point of its own (staff.js), so the applicant portal's first load carries none of it. Routes are
// the hash, as in the portal.
import { useTokenSource } from "../api";
import { loadConfiguration } from "../configuration";
import { h, replace } from "../dom";
import { initialLanguage, setLanguage, t, useMessages } from "../i18n";
import { followInPageLinks, translateShell, useServiceName, whenLanguageChanges } from "../layout";
import { heading, isCurrent, nextGeneration, paragraph } from "../page";
import { borderPage } from "./pages/border";
import { arrivalNoticePage, invitationFormPage, invitationsPage } from "./pages/inviter";
import {
  applicationsPage, auditPage, closurePage, decisionPage, officerHome, overduePage, paymentsPage, pendingPage, resolutionPage,
  revocationPage, stuckPage,
} from "./pages/officer";
import { signInPage } from "./pages/signin";
import { bearerToken, completeSignIn, currentRole, signOut, useStaffSignIn, type StaffRole } from "./session";

useMessages({
  kk: () => import("../i18n/kk.json"),
  ru: () => import("../i18n/ru.json"),
  en: () => import("../i18n/en.json"),
});
useTokenSource(bearerToken);
useServiceName("staff.service");

const homes: Record<StaffRole, string> = { inviter: "#/invitations", officer: "#/officer", border: "#/border" };
const sections: Record<StaffRole, [string, string][]> = {
  inviter: [["#/invitations", "staff.nav.invitations"], ["#/invitations/new", "staff.nav.register"]],
  officer: [
    ["#/officer/invitations", "staff.nav.pending"], ["#/officer/applications", "staff.nav.applications"],
    ["#/officer/stuck", "staff.nav.stuck"], ["#/officer/arrival-notices", "staff.nav.overdue"],
    ["#/officer/payments", "staff.nav.payments"], ["#/officer/visas", "staff.nav.revoke"], ["#/officer/audit", "staff.nav.audit"],
  ],
  border: [["#/border", "staff.nav.verify"]],
};
/** Which role each route belongs to; a person signed in with another role is sent home. */
const owners: [RegExp, StaffRole][] = [[/^invitations/, "inviter"], [/^arrival-notice/, "inviter"], [/^officer/, "officer"], [/^border/, "border"]];

let firstRender = true;

async function route(): Promise<void> {
  const main = document.getElementById("main")!;
  const [path, query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const parts = path.split("/").filter(Boolean);
  const params = new URLSearchParams(query);
  const generation = nextGeneration();
  replace(main);
  const role = await currentRole();
  // A navigation while the role was read has drawn, or will draw, its own page: two would interleave in main.
  if (!isCurrent(generation)) return;
  renderSections(role, path);
  await renderAccount(role);

  if (parts[0] === "sign-in") {
    signInPage(main, params.get("next"));
  } else if (!role) {
    location.replace(`#/sign-in${path ? `?next=${encodeURIComponent(path)}` : ""}`);
    return;
  } else if (parts.length === 0) {
    location.replace(homes[role]);
    return;
  } else if (owners.some(([pattern, owner]) => pattern.test(path) && owner !== role)) {
    main.append(heading("staff.wrong-role.title"), paragraph(t("staff.wrong-role.lead", { role: t(`staff.role.${role}`) })),
      paragraph(h("a", { href: homes[role], class: "link" }, t("staff.wrong-role.home"))));
  } else if (path === "invitations") invitationsPage(main, params);
  else if (path === "invitations/new") invitationFormPage(main);
  else if (parts[0] === "arrival-notice" && parts[1]) arrivalNoticePage(main, parts[1]);
  else if (path === "officer") officerHome(main);
  else if (path === "officer/invitations") pendingPage(main, params);
  else if (parts[0] === "officer" && parts[1] === "invitations" && parts[3] === "refuse") decisionPage(main, parts[2]);
  else if (path === "officer/applications") applicationsPage(main, params);
  else if (path === "officer/stuck") stuckPage(main, params);
  else if (parts[0] === "officer" && parts[1] === "stuck" && parts[2]) closurePage(main, "stuck", parts[2]);
  else if (path === "officer/arrival-notices") overduePage(main, params);
  else if (parts[0] === "officer" && parts[1] === "arrival-notices" && parts[2]) closurePage(main, "overdue", parts[2]);
  else if (path === "officer/payments") paymentsPage(main, params);
  else if (parts[0] === "officer" && parts[1] === "payments" && parts[2]) resolutionPage(main, parts[2]);
  else if (path === "officer/visas") revocationPage(main, params);
  else if (path === "officer/audit") auditPage(main, params);
  else if (path === "border") borderPage(main);
  else main.append(heading("not-found.title"), paragraph(h("a", { href: "#/", class: "link" }, t("staff.wrong-role.home"))));

  if (!firstRender) {
    window.scrollTo(0, 0);
    main.querySelector<HTMLElement>("h1")?.focus();
  }
  firstRender = false;
}

function renderSections(role: StaffRole | null, path: string): void {
  const nav = document.getElementById("sections")!;
  nav.hidden = !role;
  if (!role) {
    replace(nav);
    return;
  }
  replace(nav, h("ul", { class: "sections__list" }, ...sections[role].map(([href, key]) => {
    const current = `#/${path}` === href;
    return h("li", {}, h("a", { href, class: "sections__link", "aria-current": current ? "page" : null }, t(key)));
  })));
}

async function renderAccount(role: StaffRole | null): Promise<void> {
  const account = document.getElementById("account")!;
  if (!role) {
    replace(account);
    return;
  }
  replace(account, h("span", { class: "account__role" }, t(`staff.role.${role}`)), " ",
    h("button", {
      type: "button", class: "link-button", onclick: async () => {
        await signOut();
        location.hash = "#/sign-in";
      },
    }, t("layout.sign-out")));
}

followInPageLinks();

async function start(): Promise<void> {
  await setLanguage(initialLanguage(), false);
  translateShell();
  whenLanguageChanges(() => {
    translateShell();
    void route();
  });
  try {
    const configuration = await loadConfiguration();
    useStaffSignIn(configuration.staff);
    const next = await completeSignIn();
    if (next) location.hash = next;
  } catch (error) {
    console.error("The console's configuration could not be read", error);
  }
  window.addEventListener("hashchange", () => void route());
  await route();
}

void start();
