// "When must they answer?": a public GET form over the deadline engine; works with JavaScript off.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { explain, formatDeadlineDay } from "~/deadlines/explanation";
import {
  answerDeadlineQuery,
  type DeadlineQueryField,
  deadlineCountryOptions,
} from "~/deadlines/query.server";
import { DEFAULT_FOLLOW_UP_DAYS, RULE_LIST, RULES, type RuleId, UK_NATIONS } from "~/deadlines/rules";
import { useT } from "~/i18n/i18n-context";
import type { Locale } from "~/i18n/languages";
import { getTranslator } from "~/i18n/locale.server";
import { FormErrors, SelectField, TextField } from "~/ui/forms";

type Values = Partial<Record<DeadlineQueryField, string>>;

type Result = {
  rule: RuleId;
  due: string;
  extendedDue: string | null;
  acknowledgeBy: string | null;
  ruleText: string;
  skipped: { date: string; reason: string }[];
};

type PageData = {
  title: string;
  countries: { value: string; label: string }[];
  values: Values;
  errors: Partial<Record<DeadlineQueryField, string>>;
  result: Result | null;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const translator = await getTranslator(request);
  const countries = countriesIn(translator.locale, deadlineCountryOptions());
  const values: Values = {};
  for (const field of ["regime", "received", "country", "nation", "followUpDays", "variant"] as const) {
    const value = params.get(field);
    if (value) values[field] = value;
  }
  const title = translator.t("deadlines.page.pageTitle");
  const page: PageData = { title, countries, values, errors: {}, result: null };
  if (!params.has("regime") && !params.has("received")) return page;

  const answer = answerDeadlineQuery(params, translator);
  if (!answer.ok) return data({ ...page, errors: answer.errors }, { status: 400 });
  const { rule, due, extendedDue, acknowledgeBy, skipped } = answer.deadline;
  // The rule in words in the page's language (the API keeps the engine's English `ruleText`).
  const ruleText = explain(translator, answer.explanation);
  return {
    ...page,
    result: {
      rule,
      due,
      extendedDue,
      acknowledgeBy,
      ruleText,
      skipped: skipped.map(({ date, reason }) => ({ date, reason })),
    },
  };
}

/** Country names in the page's language (Intl), sorted for it; English keeps the holiday library's names. */
function countriesIn(locale: Locale, options: { value: string; label: string }[]) {
  if (locale === "en") return options;
  const names = new Intl.DisplayNames(locale, { type: "region", fallback: "none" });
  return options
    .map(({ value, label }) => ({ value, label: names.of(value) ?? label }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

export default function Deadlines() {
  const { countries, values, errors, result } = useLoaderData<typeof loader>() as PageData;
  const location = useLocation();
  const { t } = useT();
  const err = (field: DeadlineQueryField) => (errors[field] ? [errors[field]] : undefined);
  // Errors on parameters the form has no field for (e.g. a hand-made URL) are shown above the form.
  const stray = Object.entries(errors)
    .filter(([field]) => field === "subdivision")
    .map(([, message]) => message);

  return (
    <div className="stack medium">
      <h1>{t("deadlines.page.title")}</h1>
      <p>{t("deadlines.page.intro")}</p>

      {/* A new key per query resets the fields' default values after each search. */}
      <Form method="get" className="card stack" key={location.search} noValidate>
        <FormErrors errors={stray} />
        <SelectField
          name="regime"
          label={t("deadlines.form.regime")}
          options={[
            { value: "", label: t("deadlines.form.regimeChoose") },
            ...RULE_LIST.map((rule) => ({ value: rule.id, label: t(`deadlines.rule.${rule.id}`) })),
          ]}
          defaultValue={values.regime ?? ""}
          errors={err("regime")}
        />
        <TextField
          name="received"
          type="date"
          label={t("deadlines.form.received")}
          hint={t("deadlines.form.receivedHint")}
          defaultValue={values.received}
          errors={err("received")}
        />
        <SelectField
          name="country"
          label={t("deadlines.form.country")}
          hint={t("deadlines.form.countryHint")}
          options={[{ value: "", label: t("deadlines.form.countryChoose") }, ...countries]}
          defaultValue={values.country ?? ""}
          errors={err("country")}
        />
        <SelectField
          name="nation"
          label={t("deadlines.form.nation")}
          hint={t("deadlines.form.nationHint")}
          options={UK_NATIONS.map((n) => ({
            value: n.code,
            label: t("deadlines.form.nationOption", { nation: n.code }),
          }))}
          defaultValue={values.nation ?? "ENG"}
          errors={err("nation")}
        />
        <TextField
          name="followUpDays"
          type="number"
          label={t("deadlines.form.followUpDays")}
          hint={t("deadlines.form.followUpDaysHint", { days: DEFAULT_FOLLOW_UP_DAYS })}
          defaultValue={values.followUpDays}
          errors={err("followUpDays")}
        />
        <div className="field">
          {errors.variant ? (
            <p className="error" id="f-variant-error">
              {errors.variant}
            </p>
          ) : null}
          <label className="check">
            <input
              type="checkbox"
              name="variant"
              value="youtube-privacy"
              defaultChecked={values.variant === "youtube-privacy"}
              aria-invalid={errors.variant ? true : undefined}
              aria-describedby={errors.variant ? "f-variant-error" : undefined}
            />{" "}
            {t("deadlines.form.youtubePrivacy")}
          </label>
        </div>
        <div>
          <button type="submit" className="button">
            {t("deadlines.form.submit")}
          </button>
        </div>
      </Form>

      {result ? <Answer result={result} /> : null}
    </div>
  );
}

function DateText({ date }: { date: string }) {
  const { locale } = useT();
  return <time dateTime={date}>{formatDeadlineDay(locale, date)}</time>;
}

function Answer({ result }: { result: Result }) {
  const { t, rich } = useT();
  const rule = RULES[result.rule];
  const followUp = rule.countsFrom === "sent";
  return (
    <section className="card stack" aria-labelledby="deadline-result" aria-live="polite">
      <h2 id="deadline-result">
        {rich(followUp ? "deadlines.answer.headingFollowUp" : "deadlines.answer.headingDue", {
          date: <DateText key="date" date={result.due} />,
        })}
      </h2>
      <dl className="facts">
        <dt>{t("deadlines.answer.kind")}</dt>
        <dd>{t(`deadlines.rule.${rule.id}`)}</dd>
        {result.acknowledgeBy ? (
          <>
            <dt>{t("deadlines.answer.acknowledgeBy")}</dt>
            <dd>
              <DateText date={result.acknowledgeBy} />
            </dd>
          </>
        ) : null}
        <dt>{t(followUp ? "deadlines.answer.followUpOn" : "deadlines.answer.dueBy")}</dt>
        <dd>
          <DateText date={result.due} />
        </dd>
        <dt>{t("deadlines.answer.ifExtended")}</dt>
        <dd>
          {result.extendedDue ? <DateText date={result.extendedDue} /> : t("deadlines.answer.noExtension")}
        </dd>
      </dl>
      <h3>{t("deadlines.answer.ruleInWords")}</h3>
      <p>{result.ruleText}</p>
      <p className="muted">{t("deadlines.answer.source", { source: t(`deadlines.source.${rule.id}`) })}</p>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: (data as PageData | undefined)?.title ?? "When must they answer? · Retract" },
];
