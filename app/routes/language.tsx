// The page language: the footer's switcher posts here (it works without JavaScript), and GET shows the same
// choice as a page of its own. Signed in, the choice is kept in the account; signed out, in a cookie.
import { type ActionFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { safeRedirect } from "~/auth/session.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { LANGUAGES, LOCALES } from "~/i18n/languages";
import { chooseLocale, getTranslator } from "~/i18n/locale.server";
import { LanguageChoiceSchema } from "~/i18n/schemas.server";
import { FormErrors, SelectField } from "~/ui/forms";
import { formFailure, parseForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Retract" }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(await request.formData(), LanguageChoiceSchema);
  if (!parsed.ok) return formFailure(translateFailure(await getTranslator(request), parsed));
  const setCookie = await chooseLocale(request, parsed.data.locale);
  return redirect(safeRedirect(parsed.data.redirectTo, "/"), {
    status: 303,
    headers: { "Set-Cookie": setCookie },
  });
}

export default function LanguagePage() {
  const { t, locale } = useT();
  const failure = useActionData<typeof action>();
  return (
    <div className="stack narrow">
      <h1>{t("language.page.title")}</h1>
      <p>{t("language.page.intro")}</p>
      <Form method="post" className="stack" noValidate>
        <FormErrors errors={failure?.formErrors} />
        <SelectField
          name="locale"
          id="language-page-locale"
          label={t("language.switcher.label")}
          options={LOCALES.map((code) => ({ value: code, label: LANGUAGES[code].name }))}
          defaultValue={locale}
          errors={failure?.fieldErrors.locale}
        />
        <div>
          <button type="submit" className="button">
            {t("language.switcher.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}
