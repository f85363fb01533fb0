// The language switcher in the footer: a plain form posted to /language, so it works without JavaScript; it
// returns to the page it was used on.
import { Form, useLocation } from "@remix-run/react";
import { useId } from "react";
import { useT } from "./i18n-context";
import { LANGUAGES, LOCALES } from "./languages";

export function LanguageSwitcher() {
  const { t, locale } = useT();
  const location = useLocation();
  const id = useId();
  return (
    <Form method="post" action="/language" className="language-switcher">
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <label htmlFor={id}>{t("language.switcher.label")}</label>{" "}
      <select id={id} name="locale" defaultValue={locale} key={locale}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGES[code].name}
          </option>
        ))}
      </select>{" "}
      <button type="submit" className="button-link">
        {t("language.switcher.submit")}
      </button>
    </Form>
  );
}
