// Country names for pickers, from date-holidays' maintained country list (ISO 3166-1 alpha-2).
import { holidaysClass } from "~/deadlines/holidays-lib.server";

let cached: { code: string; name: string }[] | undefined;

export function countryOptions() {
  cached ??= Object.entries(new (holidaysClass())().getCountries("en"))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  return cached;
}

export function countryName(code: string) {
  return countryOptions().find((c) => c.code === code)?.name ?? code;
}
