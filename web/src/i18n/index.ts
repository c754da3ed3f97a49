// The three languages of the portal. Every text the applicant reads is a key in en.json, ru.json and kk.json (a test
// holds the three key sets equal and checks that every code the API can answer has a text).

export const languages = ["kk", "ru", "en"] as const;
export type Language = (typeof languages)[number];

export type MessageLoaders = Record<Language, () => Promise<{ default: Record<string, string> }>>;

// Each language is a chunk of its own, loaded when chosen: the first page carries one language, not three. The
// portal loads its texts only ("?portal", see build.mjs); the staff console loads every text.
let loaders: MessageLoaders = {
  kk: () => import("./kk.json?portal"),
  ru: () => import("./ru.json?portal"),
  en: () => import("./en.json?portal"),
};

/** The staff console's texts: the portal's and its own. */
export function useMessages(value: MessageLoaders): void {
  loaders = value;
}

let messages: Record<string, string> = {};
const storageKey = "evisa.language";
let current: Language = "en";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** The remembered choice, else the first of the browser's languages (its Accept-Language) we speak, else English. */
export function initialLanguage(): Language {
  const remembered = localStorage.getItem(storageKey);
  if (isLanguage(remembered)) return remembered;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const primary = tag.toLowerCase().split("-")[0];
    if (isLanguage(primary)) return primary;
  }
  return "en";
}

export function language(): Language {
  return current;
}

export async function setLanguage(value: Language, remember: boolean): Promise<void> {
  messages = (await loaders[value]()).default;
  current = value;
  document.documentElement.lang = value;
  if (remember) localStorage.setItem(storageKey, value);
}

export function has(key: string): boolean {
  return key in messages;
}

/** The text of a key in the current language, with {name} placeholders filled. */
export function t(key: string, parameters: Record<string, string | number> = {}): string {
  const text = messages[key];
  if (text === undefined) {
    console.error(`No text for ${key} in ${current}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in parameters ? String(parameters[name]) : whole,
  );
}

/** A date (yyyy-MM-dd) as the current language writes it; the date itself, unchanged, if it is not one. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(current, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

export function formatMoney(amountMinor: number, currency: string): string {
  const format = new Intl.NumberFormat(current, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amountMinor / 10 ** digits);
}

/** A country's name in the current language, from its alpha-2 code; the alpha-3 code when the browser has none. */
export function countryName(alpha3: string, alpha2: string | undefined): string {
  if (!alpha2) return alpha3;
  try {
    return new Intl.DisplayNames([current], { type: "region" }).of(alpha2) ?? alpha3;
  } catch {
    return alpha3;
  }
}
