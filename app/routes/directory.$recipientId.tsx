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
import { audit } from "~/audit/audit.server";
import { getCurrentSession, requireScope } from "~/auth/session.server";
import { ScorecardFacts } from "~/dashboard/scorecard-view";
import { instanceScorecard, scorecardsFor } from "~/dashboard/scorecards.server";
import { useT } from "~/i18n/i18n-context";
import type { Translator } from "~/i18n/translate";
import {
  type CorrectionFields,
  correctRecipient,
  getRecipient,
  type RecipientFields,
  removeCorrection,
} from "~/recipients/directory.server";
import { CHANNEL_KIND_LABELS, formatChannelLines, KIND_LABELS, PURPOSE_LABELS } from "~/recipients/forms";
import {
  correctFormSchema,
  parseChannelLines,
  RecipientParamsSchema,
  RegimeQuerySchema,
  removeCorrectionFormSchema,
} from "~/recipients/forms.server";
import type { Channel } from "~/recipients/model.server";
import { type RegimeSuggestion, suggestRegimes } from "~/recipients/regimes";
import { kindLabel } from "~/requests/kinds";
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
  return {
    recipient,
    regimeQuery,
    regimes,
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

  if (form.get("intent") === "remove-correction") {
    const parsed = parseForm(form, removeCorrectionFormSchema);
    if (!parsed.ok) return formFailure(parsed);
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
  if (!parsed.ok) return formFailure(parsed);
  const values = formValues(form);
  const channels = parseChannelLines(parsed.data.channels);
  if (channels.errors.length) return formFailure({ fieldErrors: { channels: channels.errors } }, { values });
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
    if (e instanceof UserError) return formFailure(e, { values });
    if (isZodError(e)) return formFailure("Some fields are not valid.", { values });
    throw e;
  }
  return redirect(here);
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  legalEntity: "Legal entity",
  countries: "Countries",
  domains: "Domains",
  channels: "Channels",
  notes: "Notes",
  kind: "Kind",
  address: "Address",
  phone: "Phone",
  web: "Website",
  letterKinds: "Letters",
  categories: "Categories",
  parentId: "Parent",
};

function show(value: unknown, key: string | undefined, t: Translator["t"]): string {
  if (value === null || value === undefined || value === "") return "—";
  // Kinds in words: the letters a record takes, and what kind of recipient it is.
  if (key === "letterKinds" && Array.isArray(value))
    return value.map((k) => t(kindLabel(String(k)))).join(", ") || "—";
  if (key === "kind") return KIND_LABELS[value as keyof typeof KIND_LABELS] ?? String(value);
  if (Array.isArray(value)) {
    if (value.length && typeof value[0] === "object") return formatChannelLines(value as Channel[]);
    return value.join(", ") || "—";
  }
  return String(value);
}

export default function RecipientPage() {
  const {
    recipient: loaded,
    regimes,
    regimeQuery,
    canWrite,
    scorecard,
    instanceScorecard,
  } = useLoaderData<typeof loader>();
  const { t } = useT();
  const r = loaded;
  const failed = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const effective = r.effective;
  const extra = (r.extra ?? {}) as Record<string, unknown>;

  return (
    <div className="stack medium">
      <p>
        <Link to="/directory">← Who to write to</Link>
      </p>
      <h1>{r.name}</h1>
      <div className="meta-row">
        <span>{KIND_LABELS[r.kind]}</span>
        {r.legalEntity && r.legalEntity !== r.name ? <span>{r.legalEntity}</span> : null}
        {r.countries.length ? <span>{r.countries.join(", ").replace("ALL", "all countries")}</span> : null}
        <span>
          {r.own ? "Added by your workspace" : `Quality: ${r.quality ?? "not rated by the source"}`}
          {r.verifiedOn ? `, checked ${r.verifiedOn}` : ""}
        </span>
        {r.retired ? <span className="badge badge-high">No longer in its source</span> : null}
      </div>
      {r.parent ? (
        <p className="notice">
          The data behind this site is held by{" "}
          <Link to={`/directory/${encodeURIComponent(r.parent.id)}`}>{r.parent.name}</Link>. An opt-out or
          request there covers this site too.
        </p>
      ) : null}

      <section className="card stack" aria-labelledby="channels-heading">
        <h2 id="channels-heading">How to reach them</h2>
        <Channels channels={effective.channels} />
        {effective.address && !effective.channels.some((c) => c.kind === "postal") ? (
          <p className="pre-line">{effective.address}</p>
        ) : null}
        {r.phone ? <p>Phone: {r.phone}</p> : null}
        {effective.notes ? <p className="pre-line">{effective.notes}</p> : null}
        {typeof extra["request-language"] === "string" ? (
          <p>Write in: {String(extra["request-language"])}</p>
        ) : null}
        {typeof extra["complaint-language"] === "string" ? (
          <p>Complaints in: {String(extra["complaint-language"])}</p>
        ) : null}
      </section>

      {r.correction ? (
        <section className="card stack" aria-labelledby="correction-heading">
          <h2 id="correction-heading">Your workspace's correction</h2>
          {r.correction.note ? <p>{r.correction.note}</p> : null}
          <table>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">In the directory</th>
                <th scope="col">Your correction</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(r.correction.fields).map(([key, value]) => (
                <tr key={key}>
                  <th scope="row">{FIELD_LABELS[key] ?? key}</th>
                  <td className="pre-line">{show((r as unknown as Record<string, unknown>)[key], key, t)}</td>
                  <td className="pre-line">{show(value, key, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canWrite ? (
            <Form method="post">
              <input type="hidden" name="intent" value="remove-correction" />
              <button type="submit" className="button button-secondary" disabled={busy}>
                Withdraw the correction
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {scorecard || instanceScorecard ? (
        <section className="card stack" aria-labelledby="scorecard-heading">
          <h2 id="scorecard-heading">How they answered</h2>
          {scorecard ? (
            <ScorecardFacts card={scorecard} label="How they answered your workspace's requests" />
          ) : (
            <p>Your workspace has not sent them a request yet.</p>
          )}
          {instanceScorecard ? (
            <>
              <h3>Across everyone using this server</h3>
              <p className="muted">
                Counts only, from {instanceScorecard.sent} requests of several workspaces; no workspace is
                named.
              </p>
              <ScorecardFacts card={instanceScorecard} label="How they answered on this server" />
            </>
          ) : null}
        </section>
      ) : null}

      <section className="stack" aria-labelledby="domains-heading">
        <h2 id="domains-heading">Domains</h2>
        <p>
          {effective.domains.length
            ? effective.domains.join(", ").replace(/\.\*/g, ".* (every country domain)")
            : "None recorded."}
        </p>
        {r.children.length ? (
          <>
            <h3>Sites and services it answers for</h3>
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
        <h2 id="regimes-heading">Which rules can a letter use?</h2>
        <Form method="get" className="row">
          <TextField
            name="residence"
            label="Where the person lives (country code)"
            defaultValue={regimeQuery.residence ?? ""}
          />
          <TextField name="region" label="US state (code)" defaultValue={regimeQuery.region ?? ""} />
          <label className="check">
            <input
              type="checkbox"
              name="ownPhotos"
              value="1"
              defaultChecked={regimeQuery.ownPhotos === "1"}
            />{" "}
            Includes photos they took
          </label>
          <button type="submit" className="button button-secondary">
            Show
          </button>
        </Form>
        <Regimes regimes={regimes as RegimeSuggestion[]} />
      </section>

      <section className="stack" aria-labelledby="sources-heading">
        <h2 id="sources-heading">Where this comes from</h2>
        {r.sources.length ? (
          <ul>
            {r.sources.map((s) => (
              <li key={s.url}>
                <a href={s.url} rel="noreferrer noopener" target="_blank">
                  {s.url}
                </a>
                {s.date ? ` (as of ${s.date})` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p>Added by your workspace.</p>
        )}
        <p className="muted">
          {r.source === "datenanfragen"
            ? "From the datenanfragen.de company database (CC0)."
            : r.source === "data-brokers"
              ? "From brianreumere/data-brokers (BSD 2-Clause)."
              : r.source === "curated"
                ? "Curated for Retract from the provider's own pages."
                : null}{" "}
          {r.importedAt ? `Imported ${new Date(r.importedAt).toISOString().slice(0, 10)}.` : ""}
        </p>
      </section>

      {canWrite ? (
        <section className="card stack" aria-labelledby="correct-heading">
          <h2 id="correct-heading">
            {r.own ? "Edit this recipient" : "Correct this recipient for your workspace"}
          </h2>
          {r.own ? null : (
            <p className="muted">
              The directory stays as it is; your workspace sees your correction beside it.
            </p>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="correct" />
            <FormErrors errors={failed?.formErrors} />
            <TextField
              name="name"
              label="Name"
              defaultValue={String(failed?.values.name ?? effective.name)}
              errors={failed?.fieldErrors.name}
            />
            <TextField
              name="legalEntity"
              label="Legal entity"
              defaultValue={String(failed?.values.legalEntity ?? effective.legalEntity ?? "")}
            />
            <TextField
              name="domains"
              label="Domains"
              hint="Separated by commas"
              defaultValue={String(failed?.values.domains ?? effective.domains.join(", "))}
              errors={failed?.fieldErrors.domains}
            />
            <TextField
              name="countries"
              label="Countries"
              hint="Two-letter codes, or ALL"
              defaultValue={String(failed?.values.countries ?? effective.countries.join(", "))}
              errors={failed?.fieldErrors.countries}
            />
            <TextArea
              name="channels"
              label="Channels"
              hint='One per line: kind, purpose, address[, label] — e.g. "email, abuse, abuse@example.com"'
              rows={6}
              defaultValue={String(failed?.values.channels ?? formatChannelLines(effective.channels))}
              errors={failed?.fieldErrors.channels}
            />
            <TextArea
              name="notes"
              label="Notes"
              rows={3}
              defaultValue={String(failed?.values.notes ?? effective.notes ?? "")}
            />
            {r.own ? null : (
              <TextField
                name="note"
                label="Why (shown with the correction)"
                defaultValue={String(failed?.values.note ?? r.correction?.note ?? "")}
              />
            )}
            <button type="submit" className="button" disabled={busy}>
              Save
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function Channels({ channels }: { channels: Channel[] }) {
  if (!channels.length)
    return <p>No channel is known. Write to the site's host, and ask search engines to delist.</p>;
  return (
    <ul>
      {channels.map((c) => (
        <li key={`${c.kind}-${c.purpose}-${c.address}`}>
          <strong>{PURPOSE_LABELS[c.purpose]}</strong> — {CHANNEL_KIND_LABELS[c.kind]}:{" "}
          {c.kind === "webform" ? (
            <a href={c.address} rel="noreferrer noopener" target="_blank">
              {c.address}
            </a>
          ) : c.kind === "email" ? (
            <a href={`mailto:${c.address}`}>{c.address}</a>
          ) : (
            <span className="pre-line">{c.address}</span>
          )}
          {c.label ? <span className="muted"> ({c.label})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Regimes({ regimes }: { regimes: RegimeSuggestion[] }) {
  if (!regimes.length)
    return <p>A regulator is where complaints go: no letter is addressed to it under these rules.</p>;
  return (
    <ul>
      {regimes.map((g) => (
        <li key={g.regime}>
          <strong>{g.name}</strong>: {g.reason}
        </li>
      ))}
    </ul>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  {
    title: d
      ? `${(d.recipient as { name: string }).name} — Who to write to — Retract`
      : "Recipient — Retract",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
