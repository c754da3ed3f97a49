// The lists the questions offer, named in the current language.
import { countryCodes } from "./countries";
import type { Option } from "./form";
import { countryName, language, t } from "./i18n";

export const categories = ["tourist", "business", "medical"] as const;

export function countryOptions(): Option[] {
  const collator = new Intl.Collator(language());
  return [...countryCodes.entries()]
    .map(([alpha3, alpha2]) => ({ value: alpha3, label: countryName(alpha3, alpha2) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}

export function country(alpha3: string): string {
  return countryName(alpha3, countryCodes.get(alpha3));
}

export function categoryOptions(): Option[] {
  return categories.map((value) => ({ value, label: t(`category.${value}`) }));
}

export const yesNo = (): Option[] => [
  { value: "yes", label: t("form.yes") },
  { value: "no", label: t("form.no") },
];
