// Pieces the console's pages share: tables, times and ages, the copy button, a list's state filter, paging.
import { call } from "../api";
import { h, type Child } from "../dom";
import { formatDate, language, t } from "../i18n";

export interface Page<T> {
  items: T[];
  continuationToken: string | null;
}

/** A data table with a caption and column headers; at 360 px each row stacks (staff.css), its header beside each cell. */
export function table(caption: string, headers: string[], rows: Child[][], id?: string): HTMLElement {
  return h("div", { class: "table-wrap" },
    h("table", { class: "table staff-table", id },
      h("caption", { class: "table__caption" }, caption),
      h("thead", {}, h("tr", {}, ...headers.map((header) => h("th", { scope: "col" }, header)))),
      h("tbody", {}, ...rows.map((row) => h("tr", {}, ...row.map((cell, index) =>
        h("td", { "data-label": headers[index] }, cell)))))));
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(language(), { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Almaty" }).format(at);
}

export { formatDate as date };

/** How long ago, in the largest whole unit (days, hours, minutes). */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes >= 24 * 60) return t("staff.age.days", { count: Math.floor(minutes / (24 * 60)) });
  if (minutes >= 60) return t("staff.age.hours", { count: Math.floor(minutes / 60) });
  return t("staff.age.minutes", { count: minutes });
}

/** A value with a button that copies it, and a polite announcement that it was copied. */
export function copyable(value: string, label: string): HTMLElement {
  const status = h("span", { class: "copy__status", role: "status" });
  return h("span", { class: "copy" },
    h("strong", { class: "mono copy__value" }, value), " ",
    h("button", {
      type: "button", class: "link-button copy__button", "aria-label": t("staff.copy.label", { what: label }),
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(value);
          status.textContent = t("staff.copy.done");
        } catch {
          status.textContent = t("staff.copy.failed");
        }
      },
    }, t("staff.copy.button")),
    status);
}

/** A tag for a state (pending, approved, overdue...), coloured and in words. */
export function tag(text: string, kind: "neutral" | "good" | "bad" | "warn" = "neutral"): HTMLElement {
  return h("strong", { class: `tag tag--${kind}` }, text);
}

/** Links that filter a list by state (open, closed, all), the current one marked. */
export function stateFilter(base: string, current: string, states: string[], labelKey: string): HTMLElement {
  return h("nav", { class: "filter", "aria-label": t(labelKey) },
    h("ul", { class: "filter__list" }, ...states.map((state) => h("li", {},
      h("a", { href: `${base}?state=${state}`, class: "filter__link", "aria-current": state === current ? "page" : null },
        t(`staff.state.${state}`))))));
}

/** A "next page" link when the list has more. */
export function nextPageLink(base: string, params: URLSearchParams, token: string | null): Child {
  if (!token) return null;
  const next = new URLSearchParams(params);
  next.set("continuationToken", token);
  return h("p", { class: "body" }, h("a", { href: `${base}?${next}`, class: "link" }, t("staff.next-page")));
}

/** One page of a list route, with the query's state and continuation token passed on. */
export async function list<T>(path: string, params: URLSearchParams, extra: Record<string, string> = {}): Promise<Page<T>> {
  const query = new URLSearchParams(extra);
  const token = params.get("continuationToken");
  if (token) query.set("continuationToken", token);
  const separator = path.includes("?") ? "&" : "?";
  const answer = await call<Page<T>>("GET", `${path}${query.size ? separator + query : ""}`, { signedIn: true });
  return { items: answer.body?.items ?? [], continuationToken: answer.body?.continuationToken ?? null };
}

export function empty(key: string): HTMLElement {
  return h("p", { class: "body empty" }, t(key));
}

/**
 * A page with no items: the list's end only when there is no next page. The table service may answer an empty page
 * that is not the last, and the service skips rows it no longer lists (a decided invitation's leftover), so "none" on
 * such a page would hide the rest of the list.
 */
export function emptyPage(key: string, base: string, params: URLSearchParams, token: string | null): Child[] {
  return token ? [empty("staff.page-empty"), nextPageLink(base, params, token)] : [empty(key)];
}

/** A success message at the top of the page, focused and announced. */
export function notice(place: HTMLElement, ...children: Child[]): void {
  const panel = h("div", { class: "panel panel--success", role: "status", tabindex: "-1" }, ...children);
  place.replaceChildren(panel);
  panel.focus();
}
