// One recipient: its channels, domains, parent (for a front site) and fronts, where each fact comes from and
// how fresh it is, the laws a letter can lean on, and — signed in — the workspace's correction beside the
// original (or the workspace's own recipient, edited in place).

import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { audit } from "~/audit/audit.server";
import { getCurrentSession, requireScope } from "~/auth/session.server";
import { ScorecardFacts } from "~/dashboard/scorecard-view";
import { instanceScorecard, scorecardsFor } from "~/dashboard/scorecards.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { metaTranslator } from "~/i18n/meta";
import type { MessageKey, Translator } from "~/i18n/translate";
import {
  type CorrectionFields,
  correctRecipient,
  getRecipient,
  type RecipientFields,
  removeCorrection,
} from "~/recipients/directory.server";
import { Domains, example } from "~/recipients/directory-parts";
import { formatChannelLines } from "~/recipients/forms";
import {
  correctFormSchema,
  parseChannelLines,
  RecipientParamsSchema,
  RegimeQuerySchema,
  removeCorrectionFormSchema,
} from "~/recipients/forms.server";
import {
  CHANNEL_KIND_MESSAGES,
  KIND_MESSAGES,
  PURPOSE_MESSAGES,
  QUALITY_MESSAGES,
} from "~/recipients/labels";
import type { Channel } from "~/recipients/model.server";
import { REGIME_NAME_MESSAGES, reasonInWords, suggestRegimes } from "~/recipients/regimes";
import { translateUserError } from "~/recipients/user-errors.server";
import { kindLabel } from "~/requests/kinds";
import { countryName } from "~/subjects/country-names";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextArea, TextField } from "~/ui/forms";
import { formValues } from "~/utils/forms";
import { formFailure, isZodError, parseForm, parseParams, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { recipientId } = parseParams(params, RecipientParamsSchema);
  const session = await getCurrentSession(request);
  const recipient = getRecipient(session, recipientId);
  if (!recipient) throw new Response("This recipient is not in the directory.", { status: 404 });
  const url = new URL(request.url);
  const regimeQuery = RegimeQuerySchema.parse(Object.fromEntries(url.searchParams));
  const regimes = suggestRegimes({
    recipient: { kind: recipient.effective.kind, countries: recipient.effective.countries },
    residence: regimeQuery.residence ? { country: regimeQuery.residence, region: regimeQuery.region } : null,
    ownPhotos: regimeQuery.ownPhotos === "1",
  });
  // Names in words are written here, not in the browser (its Intl data may differ, and the page would not hydrate).
  const { t, locale } = await getTranslator(request);
  const extra = (recipient.extra ?? {}) as Record<string, unknown>;
  const language = (key: string) =>
    typeof extra[key] === "string" ? languageName(locale, String(extra[key])) : null;
  const countries = (value: unknown) =>
    Array.isArray(value)
      ? value
          .map((c) => (c === "ALL" ? t("directory.allCountries") : countryName(locale, String(c))))
          .join(", ")
      : "";
  return {
    recipient,
    words: {
      countries: countries(recipient.countries),
      requestLanguage: language("request-language"),
      complaintLanguage: language("complaint-language"),
      // The correction table's countries, both sides.
      originalCountries: countries(recipient.countries) || "—",
      correctedCountries: countries(recipient.correction?.fields.countries) || "—",
    },
    regimeQuery,
    // Each reason in the page's words (a country named in its language) and the regime's name as a key; a US
    // state's own law keeps its name (a proper name, in English).
    regimes: regimes.map((g) => ({
      regime: g.regime,
      name: g.name,
      nameKey: g.regime === "us-state" && g.letterKinds.length ? null : REGIME_NAME_MESSAGES[g.regime],
      reason: reasonInWords(t, locale, g.reasonMessage),
    })),
    canWrite: session ? can(session, "case:write") : false,
    // How it answered this workspace's requests, and (where the operator shares them) every workspace's.
    scorecard: session ? (scorecardsFor(session, { recipientId })[0] ?? null) : null,
    instanceScorecard: session ? instanceScorecard(recipientId) : null,
  };
}

function changedFields(original: RecipientFields, next: CorrectionFields): CorrectionFields {
  const out: CorrectionFields = {};
  for (const [key, value] of Object.entries(next) as [keyof CorrectionFields, unknown][]) {
    if (JSON.stringify(value ?? null) !== JSON.stringify(original[key] ?? null)) {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { recipientId } = parseParams(params, RecipientParamsSchema);
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const recipient = getRecipient(scope, recipientId);
  if (!recipient) throw new Response("This recipient is not in the directory.", { status: 404 });
  const form = await request.formData();
  const here = `/directory/${encodeURIComponent(recipientId)}`;
  const translator = await getTranslator(request);

  if (form.get("intent") === "remove-correction") {
    const parsed = parseForm(form, removeCorrectionFormSchema);
    if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
    if (removeCorrection(scope, recipientId)) {
      audit({
        action: "recipient.correction_remove",
        actorUserId: scope.userId,
        workspaceId: scope.workspaceId,
        targetType: "recipient",
        targetId: recipientId,
      });
    }
    return redirect(here);
  }

  const parsed = parseForm(form, correctFormSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const values = formValues(form);
  const channels = parseChannelLines(parsed.data.channels);
  if (channels.errors.length) {
    const errors = channels.errors.map((e) => translator.t(e.key, e.values));
    return formFailure({ fieldErrors: { channels: errors } }, { values });
  }
  const next: CorrectionFields = {
    name: parsed.data.name,
    legalEntity: parsed.data.legalEntity ?? null,
    countries: parsed.data.countries.map((c) => c.toUpperCase()),
    domains: parsed.data.domains,
    channels: channels.channels,
    notes: parsed.data.notes ?? null,
  };
  // A correction keeps only what differs from the directory, so the page can show it beside the original.
  const fields = recipient.own ? next : changedFields(recipient, next);
  try {
    const who = { actorUserId: scope.userId, workspaceId: scope.workspaceId, targetType: "recipient" };
    if (!recipient.own && Object.keys(fields).length === 0) {
      if (removeCorrection(scope, recipientId)) {
        audit({ action: "recipient.correction_remove", ...who, targetId: recipientId });
      }
    } else {
      const result = correctRecipient(scope, { recipientId, fields, note: parsed.data.note });
      // Which fields changed (names only, never their values).
      if (result) {
        audit({
          action: "recipient.correct",
          ...who,
          targetId: recipientId,
          detail: { kind: result.kind, fields: Object.keys(fields).join(",") },
        });
      }
    }
  } catch (e) {
    if (e instanceof UserError) return formFailure(translateUserError(translator, e), { values });
    if (isZodError(e)) return formFailure(translator.t("errors.directory.invalid"), { values });
    throw e;
  }
  return redirect(here);
}

const FIELD_MESSAGES: Record<string, MessageKey> = {
  name: "directory.field.name",
  legalEntity: "recipient.field.legalEntity",
  countries: "directory.field.countries",
  domains: "directory.field.domains",
  channels: "directory.field.channels",
  notes: "directory.field.notes",
  kind: "directory.field.kind",
  address: "recipient.field.address",
  phone: "recipient.field.phone",
  web: "recipient.field.web",
  letterKinds: "recipient.field.letterKinds",
  categories: "recipient.field.categories",
  parentId: "recipient.field.parent",
};

function show(value: unknown, key: string | undefined, tr: Translator): string {
  const { t } = tr;
  if (value === null || value === undefined || value === "") return "—";
  // Kinds in words: the letters a record takes, and what kind of recipient it is.
  if (key === "letterKinds" && Array.isArray(value))
    return value.map((k) => t(kindLabel(String(k)))).join(", ") || "—";
  if (key === "kind" && typeof value === "string" && value in KIND_MESSAGES)
    return t(KIND_MESSAGES[value as keyof typeof KIND_MESSAGES]);
  if (Array.isArray(value)) {
    if (value.length && typeof value[0] === "object") return formatChannelLines(value as Channel[]);
    return value.join(", ") || "—";
  }
  return String(value);
}

const languageNames = new Map<string, Intl.DisplayNames>();
/** A language code of the directory's data ("de") in the page's language ("Deutsch", "독일어"). */
function languageName(locale: string, code: string): string {
  let names = languageNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
    languageNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export default function RecipientPage() {
  const {
    recipient: loaded,
    words,
    regimes,
    regimeQuery,
    canWrite,
    scorecard,
    instanceScorecard,
  } = useLoaderData<typeof loader>();
  const tr = useT();
  const { t, rich, locale } = tr;
  const r = loaded;
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const effective = r.effective;
  const day = (on: string) => formatDay(locale, on, "long");
  const quality = r.quality
    ? t(QUALITY_MESSAGES[r.quality as keyof typeof QUALITY_MESSAGES]).toLocaleLowerCase(locale)
    : t("recipient.quality.none");
  const link = (to: { id: string }) => (chunks: ReactNode[]) => (
    <Link to={`/directory/${encodeURIComponent(to.id)}`}>{chunks}</Link>
  );

  return (
    <div className="stack medium">
      <p>
        <Link to="/directory">{t("recipient.back")}</Link>
      </p>
      <h1>{r.name}</h1>
      <div className="meta-row">
        <span>{t(KIND_MESSAGES[r.kind])}</span>
        {r.legalEntity && r.legalEntity !== r.name ? <span>{r.legalEntity}</span> : null}
        {r.countries.length ? <span>{words.countries}</span> : null}
        <span>
          {r.own
            ? r.verifiedOn
              ? t("recipient.ownChecked", { date: day(r.verifiedOn) })
              : t("recipient.own")
            : r.verifiedOn
              ? t("recipient.qualityChecked", { quality, date: day(r.verifiedOn) })
              : t("recipient.quality", { quality })}
        </span>
        {r.retired ? <span className="badge badge-high">{t("recipient.retired")}</span> : null}
      </div>
      {r.parent ? (
        <p className="notice">{rich("recipient.parent", { name: r.parent.name, link: link(r.parent) })}</p>
      ) : null}

      <section className="card stack" aria-labelledby="channels-heading">
        <h2 id="channels-heading">{t("recipient.channels.heading")}</h2>
        <Channels channels={effective.channels} />
        {effective.address && !effective.channels.some((c) => c.kind === "postal") ? (
          <p className="pre-line">{effective.address}</p>
        ) : null}
        {r.phone ? <p>{t("recipient.phone", { phone: r.phone })}</p> : null}
        {effective.notes ? (
          // The directory's own notes, in the language its sources write them (English).
          <p className="pre-line" lang={r.own ? undefined : "en"}>
            {effective.notes}
          </p>
        ) : null}
        {words.requestLanguage ? (
          <p>{t("recipient.requestLanguage", { language: words.requestLanguage })}</p>
        ) : null}
        {words.complaintLanguage ? (
          <p>{t("recipient.complaintLanguage", { language: words.complaintLanguage })}</p>
        ) : null}
      </section>

      {r.correction ? (
        <section className="card stack" aria-labelledby="correction-heading">
          <h2 id="correction-heading">{t("recipient.correction.heading")}</h2>
          {r.correction.note ? <p>{r.correction.note}</p> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">{t("recipient.correction.field")}</th>
                <th scope="col">{t("recipient.correction.original")}</th>
                <th scope="col">{t("recipient.correction.yours")}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.correction.fields).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{FIELD_MESSAGES[key] ? t(FIELD_MESSAGES[key]) : key}</th>
                  <td className="pre-line">
                    {key === "countries"
                      ? words.originalCountries
                      : show((r as unknown as Record<string, unknown>)[key], key, tr)}
                  </td>
                  <td className="pre-line">
                    {key === "countries" ? words.correctedCountries : show(value, key, tr)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canWrite ? (
            <Form method="post">
              <input type="hidden" name="intent" value="remove-correction" />
              <button type="submit" className="button button-secondary" disabled={busy}>
                {t("recipient.correction.withdraw")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {scorecard || instanceScorecard ? (
        <section className="card stack" aria-labelledby="scorecard-heading">
          <h2 id="scorecard-heading">{t("recipient.scorecard.heading")}</h2>
          {scorecard ? (
            <ScorecardFacts card={scorecard} label={t("recipient.scorecard.yours")} />
          ) : (
            <p>{t("recipient.scorecard.none")}</p>
          )}
          {instanceScorecard ? (
            <>
              <h3>{t("recipient.scorecard.instanceHeading")}</h3>
              <p className="muted">
                {t("recipient.scorecard.instanceIntro", { count: instanceScorecard.sent })}
              </p>
              <ScorecardFacts card={instanceScorecard} label={t("recipient.scorecard.instance")} />
            </>
          ) : null}
        </section>
      ) : null}

      <section className="stack" aria-labelledby="domains-heading">
        <h2 id="domains-heading">{t("directory.field.domains")}</h2>
        <p>
          {effective.domains.length ? (
            <Domains
              domains={effective.domains}
              suffix={(d) => (d.endsWith(".*") ? ` ${t("recipient.everyCountryDomain")}` : null)}
            />
          ) : (
            t("recipient.noDomains")
          )}
        </p>
        {r.children.length ? (
          <>
            <h3>{t("recipient.children")}</h3>
            <ul>
              {r.children.map((c) => (
                <li key={c.id}>
                  <Link to={`/directory/${encodeURIComponent(c.id)}`}>{c.name}</Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="regimes-heading">
        <h2 id="regimes-heading">{t("recipient.regimes.heading")}</h2>
        <Form method="get" className="row">
          <TextField
            name="residence"
            label={t("recipient.regimes.residence")}
            defaultValue={regimeQuery.residence ?? ""}
          />
          <TextField
            name="region"
            label={t("recipient.regimes.region")}
            defaultValue={regimeQuery.region ?? ""}
          />
          <label className="check">
            <input
              type="checkbox"
              name="ownPhotos"
              value="1"
              defaultChecked={regimeQuery.ownPhotos === "1"}
            />{" "}
            {t("recipient.regimes.ownPhotos")}
          </label>
          <button type="submit" className="button button-secondary">
            {t("recipient.regimes.show")}
          </button>
        </Form>
        <Regimes regimes={regimes} />
      </section>

      <section className="stack" aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t("recipient.sources.heading")}</h2>
        {r.sources.length ? (
          <ul>
            {r.sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} rel="noreferrer noopener" target="_blank">
                  {s.url}
                </a>
                {s.date ? ` ${t("recipient.sources.asOf", { date: day(s.date) })}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("recipient.sources.own")}</p>
        )}
        <p className="muted">
          {r.source === "datenanfragen"
            ? t("recipient.sources.datenanfragen")
            : r.source === "data-brokers"
              ? t("recipient.sources.dataBrokers")
              : r.source === "curated"
                ? t("recipient.sources.curated")
                : null}{" "}
          {r.importedAt
            ? t("recipient.sources.imported", {
                date: day(new Date(r.importedAt).toISOString().slice(0, 10)),
              })
            : ""}
        </p>
      </section>

      {canWrite ? (
        <section className="card stack" aria-labelledby="correct-heading">
          <h2 id="correct-heading">{t(r.own ? "recipient.edit.heading" : "recipient.correct.heading")}</h2>
          {r.own ? null : <p className="muted">{t("recipient.correct.intro")}</p>}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="correct" />
            <FormErrors errors={failed?.formErrors} />
            <TextField
              name="name"
              label={t("directory.field.name")}
              defaultValue={String(failed?.values.name ?? effective.name)}
              errors={failed?.fieldErrors.name}
            />
            <TextField
              name="legalEntity"
              label={t("recipient.field.legalEntity")}
              defaultValue={String(failed?.values.legalEntity ?? effective.legalEntity ?? "")}
            />
            <TextField
              name="domains"
              label={t("directory.field.domains")}
              hint={t("recipient.correct.domainsHint")}
              defaultValue={String(failed?.values.domains ?? effective.domains.join(", "))}
              errors={failed?.fieldErrors.domains}
            />
            <TextField
              name="countries"
              label={t("directory.field.countries")}
              hint={rich("recipient.correct.countriesHint", { example })}
              defaultValue={String(failed?.values.countries ?? effective.countries.join(", "))}
              errors={failed?.fieldErrors.countries}
            />
            <TextArea
              name="channels"
              label={t("directory.field.channels")}
              hint={rich("recipient.correct.channelsHint", { example })}
              lang="en"
              rows={6}
              defaultValue={String(failed?.values.channels ?? formatChannelLines(effective.channels))}
              errors={failed?.fieldErrors.channels}
            />
            <TextArea
              name="notes"
              label={t("directory.field.notes")}
              rows={3}
              lang={r.own ? undefined : "en"}
              defaultValue={String(failed?.values.notes ?? effective.notes ?? "")}
            />
            {r.own ? null : (
              <TextField
                name="note"
                label={t("recipient.correct.note")}
                defaultValue={String(failed?.values.note ?? r.correction?.note ?? "")}
              />
            )}
            <button type="submit" className="button" disabled={busy}>
              {t("recipient.correct.save")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function Channels({ channels }: { channels: Channel[] }) {
  const { t } = useT();
  if (!channels.length) return <p>{t("recipient.channels.none")}</p>;
  return (
    <ul>
      {channels.map((c) => (
        <li key={`${c.kind}-${c.purpose}-${c.address}`}>
          <strong>{t(PURPOSE_MESSAGES[c.purpose])}</strong>{" "}
          {t("recipient.channels.kind", { kind: t(CHANNEL_KIND_MESSAGES[c.kind]) })}{" "}
          {c.kind === "webform" ? (
            <a href={c.address} rel="noreferrer noopener" target="_blank">
              {c.address}
            </a>
          ) : c.kind === "email" ? (
            <a href={`mailto:${c.address}`}>{c.address}</a>
          ) : (
            // An in-app channel's address is the directory's instructions, written in English.
            <span className="pre-line" lang={c.kind === "inapp" ? "en" : undefined}>
              {c.address}
            </span>
          )}
          {c.label ? (
            <span className="muted" lang="en">
              {" "}
              ({c.label})
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Regimes({
  regimes,
}: {
  regimes: { regime: string; name: string; nameKey: MessageKey | null; reason: string }[];
}) {
  const { t } = useT();
  if (!regimes.length) return <p>{t("recipient.regimes.none")}</p>;
  return (
    <ul>
      {regimes.map((g) => (
        <li key={g.regime}>
          {g.nameKey ? <strong>{t(g.nameKey)}</strong> : <strong lang="en">{g.name}</strong>}
          {t("recipient.regimes.separator")}
          {g.reason}
        </li>
      ))}
    </ul>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: d, matches }) => {
  const { t } = metaTranslator(matches);
  return [
    {
      title: t("shell.pageTitle", {
        page: d
          ? t("recipient.metaTitle", { name: (d.recipient as { name: string }).name })
          : t("recipient.metaTitleNone"),
      }),
    },
  ];
};

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
