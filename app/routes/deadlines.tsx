// "When must they answer?": a public GET form over the deadline engine; works with JavaScript off.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { formatLong } from "~/deadlines/dates";
import {
  answerDeadlineQuery,
  type DeadlineQueryField,
  deadlineCountryOptions,
} from "~/deadlines/query.server";
import { DEFAULT_FOLLOW_UP_DAYS, RULE_LIST, RULES, type RuleId, UK_NATIONS } from "~/deadlines/rules";
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
  countries: { value: string; label: string }[];
  values: Values;
  errors: Partial<Record<DeadlineQueryField, string>>;
  result: Result | null;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const countries = deadlineCountryOptions();
  const values: Values = {};
  for (const field of ["regime", "received", "country", "nation", "followUpDays", "variant"] as const) {
    const value = params.get(field);
    if (value) values[field] = value;
  }
  const page: PageData = { countries, values, errors: {}, result: null };
  if (!params.has("regime") && !params.has("received")) return page;

  const answer = answerDeadlineQuery(params);
  if (!answer.ok) return data({ ...page, errors: answer.errors }, { status: 400 });
  const { rule, due, extendedDue, acknowledgeBy, ruleText, skipped } = answer.deadline;
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

export default function Deadlines() {
  const { countries, values, errors, result } = useLoaderData<typeof loader>() as PageData;
  const location = useLocation();
  const err = (field: DeadlineQueryField) => (errors[field] ? [errors[field]] : undefined);
  // Errors on parameters the form has no field for (e.g. a hand-made URL) are shown above the form.
  const stray = Object.entries(errors)
    .filter(([field]) => field === "subdivision")
    .map(([, message]) => message);

  return (
    <div className="stack medium">
      <h1>When must they answer?</h1>
      <p>
        Pick the kind of request you sent, the day they received it and where they are. You get the date by
        which the law says they must answer, and the rule in words. No account needed.
      </p>

      {/* A new key per query resets the fields' default values after each search. */}
      <Form method="get" className="card stack" key={location.search} noValidate>
        <FormErrors errors={stray} />
        <SelectField
          name="regime"
          label="Kind of request"
          options={[
            { value: "", label: "Choose the kind of request" },
            ...RULE_LIST.map((rule) => ({ value: rule.id, label: rule.label })),
          ]}
          defaultValue={values.regime ?? ""}
          errors={err("regime")}
        />
        <TextField
          name="received"
          type="date"
          label="Date they received it"
          hint="For email, the day you sent it. For post, the day it was delivered."
          defaultValue={values.received}
          errors={err("received")}
        />
        <SelectField
          name="country"
          label="Recipient's country"
          hint="Needed for EU GDPR requests, whose deadline skips that country's public holidays. The other kinds use their own law's calendar."
          options={[{ value: "", label: "Choose a country" }, ...countries]}
          defaultValue={values.country ?? ""}
          errors={err("country")}
        />
        <SelectField
          name="nation"
          label="UK nation"
          hint="For UK requests only: bank holidays differ in Scotland and Northern Ireland."
          options={UK_NATIONS.map((n) => ({ value: n.code, label: n.label }))}
          defaultValue={values.nation ?? "ENG"}
          errors={err("nation")}
        />
        <TextField
          name="followUpDays"
          type="number"
          label="Follow up after how many days? (optional)"
          hint={`For DMCA, DSA and platform reports, where the law sets no time. Leave empty for ${DEFAULT_FOLLOW_UP_DAYS} days.`}
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
            It is a YouTube privacy complaint (the uploader gets 48 hours; follow up after 3 days)
          </label>
        </div>
        <div>
          <button type="submit" className="button">
            Work out the date
          </button>
        </div>
      </Form>

      {result ? <Answer result={result} /> : null}
    </div>
  );
}

function DateText({ date }: { date: string }) {
  return <time dateTime={date}>{formatLong(date)}</time>;
}

function Answer({ result }: { result: Result }) {
  const rule = RULES[result.rule];
  const followUp = rule.countsFrom === "sent";
  return (
    <section className="card stack" aria-labelledby="deadline-result" aria-live="polite">
      <h2 id="deadline-result">
        {followUp ? "Follow up on" : "They must answer by"} <DateText date={result.due} />
      </h2>
      <dl className="facts">
        <dt>Kind of request</dt>
        <dd>{rule.label}</dd>
        {result.acknowledgeBy ? (
          <>
            <dt>Confirm they received it by</dt>
            <dd>
              <DateText date={result.acknowledgeBy} />
            </dd>
          </>
        ) : null}
        <dt>{followUp ? "Follow up on" : "Answer due by"}</dt>
        <dd>
          <DateText date={result.due} />
        </dd>
        <dt>If they extend</dt>
        <dd>{result.extendedDue ? <DateText date={result.extendedDue} /> : "No extension is allowed."}</dd>
      </dl>
      <h3>The rule in words</h3>
      <p>{result.ruleText}</p>
      <p className="muted">
        Source: {rule.source}. This is not legal advice: check the date against the law that applies to you.
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "When must they answer? · Retract" }];
