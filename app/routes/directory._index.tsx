// "Who to write to": the public recipient directory. Search by name, domain, country, kind and category
// (a GET form), paste a URL to name who is responsible (a POST, so the URL stays out of the address bar and
// logs), and, signed in, add a recipient for your workspace — pre-filled with an unknown domain.
import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { audit } from "~/audit/audit.server";
import { getCurrentSession, requireScope } from "~/auth/session.server";
import { allowDirectoryRequest } from "~/recipients/api.server";
import {
  createWorkspaceRecipient,
  matchUrl,
  PAGE_SIZE,
  searchRecipients,
} from "~/recipients/directory.server";
import {
  addRecipientFormSchema,
  formValues,
  matchFormSchema,
  parseChannelLines,
  parseForm,
  readSearchParams,
} from "~/recipients/directory-page.server";
import type { SearchParams } from "~/recipients/forms";
import { CHANNEL_KIND_LABELS, KIND_LABELS, PURPOSE_LABELS, recipientKinds } from "~/recipients/labels";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { countryOptions } from "~/utils/countries.server";
import { formFailure, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

const CATEGORIES = [
  "social media",
  "people search",
  "addresses",
  "ads",
  "commerce",
  "credit agency",
  "entertainment",
  "finance",
  "health",
  "insurance",
  "public body",
  "telecommunication",
  "travel",
  "utility",
];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = readSearchParams(url.searchParams);
  const session = await getCurrentSession(request);
  const query: SearchParams = parsed.success ? parsed.data : {};
  const result = searchRecipients(session, query);
  const addDomain = url.searchParams.get("add")?.slice(0, 300) ?? null;
  const page = {
    query,
    queryError: parsed.success ? null : "Some search fields were not understood and were left out.",
    items: result.items,
    total: result.total,
    page: query.page ?? 1,
    pageSize: PAGE_SIZE,
    signedIn: Boolean(session),
    canWrite: session ? can(session, "case:write") : false,
    addDomain,
    countries: countryOptions().map((c) => ({ value: c.code, label: c.name })),
  };
  return parsed.success ? page : data(page, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "match") {
    const limit = await allowDirectoryRequest(context.clientIp ?? "unknown");
    if (!limit.ok) {
      return data(
        {
          intent: "match" as const,
          error: "Too many look-ups from this address. Please wait a minute.",
          match: null,
        },
        { status: 429 },
      );
    }
    const parsed = parseForm(form, matchFormSchema);
    if (!parsed.ok)
      return data(
        {
          intent: "match" as const,
          error: parsed.fieldErrors.url?.join(" ") ?? "Paste a web address.",
          match: null,
        },
        { status: 400 },
      );
    const session = await getCurrentSession(request);
    const match = matchUrl(session, parsed.data.url);
    if (!match) {
      return data(
        {
          intent: "match" as const,
          error: "That is not a web address. Paste it as it appears, e.g. https://t.me/channel/12.",
          match: null,
        },
        { status: 400 },
      );
    }
    return { intent: "match" as const, error: null, match };
  }
  if (intent === "add") {
    const scope = await requireScope(request);
    requirePermission(scope, "case:write");
    const extra = { intent: "add" as const };
    const parsed = parseForm(form, addRecipientFormSchema);
    if (!parsed.ok) return formFailure(parsed, { extra });
    const values = formValues(form);
    const channels = parseChannelLines(parsed.data.channels);
    if (channels.errors.length) {
      return formFailure({ fieldErrors: { channels: channels.errors } }, { extra, values });
    }
    try {
      const { id } = createWorkspaceRecipient(scope, {
        input: { ...parsed.data, channels: channels.channels },
      });
      audit({
        action: "recipient.create",
        actorUserId: scope.userId,
        workspaceId: scope.workspaceId,
        targetType: "recipient",
        targetId: id,
      });
      return redirect(`/directory/${encodeURIComponent(id)}`);
    } catch (e) {
      if (e instanceof UserError) return formFailure(e, { extra, values });
      throw e;
    }
  }
  throw new Response("Unknown action", { status: 400 });
}

function pageLink(query: SearchParams, page: number) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, page })) if (v !== undefined) params.set(k, String(v));
  return `/directory?${params}`;
}

export default function Directory() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { query, items, total } = page;
  const lastPage = Math.max(1, Math.ceil(total / page.pageSize));
  const match = actionData?.intent === "match" ? actionData.match : null;
  const addDomain = page.addDomain ?? (match && !match.recipient ? match.domain : null);
  const addErrors = actionData?.intent === "add" ? actionData : null;

  return (
    <div className="stack">
      <h1>Who to write to</h1>
      <p className="muted">
        Privacy, abuse and copyright contacts of platforms, hosts, data brokers, search engines and companies,
        and the authorities to complain to. Each entry says where it comes from and how fresh it is.
      </p>

      <section className="card stack" aria-labelledby="match-heading">
        <h2 id="match-heading">Who is responsible for this address?</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="match" />
          <TextField
            name="url"
            type="url"
            label="Address where the details appear"
            hint="Paste it as it is, e.g. https://t.me/channel/12 — it is not saved or logged."
            inputMode="url"
            errors={actionData?.intent === "match" && actionData.error ? [actionData.error] : undefined}
          />
          <button type="submit" className="button" disabled={busy}>
            Find the recipient
          </button>
        </Form>
        {match ? (
          <div className="notice" role="status">
            {match.recipient ? (
              <>
                <p>
                  <strong>{match.domain}</strong> is answered by{" "}
                  <Link to={`/directory/${encodeURIComponent(match.recipient.id)}`}>
                    {match.recipient.name}
                  </Link>{" "}
                  ({KIND_LABELS[match.recipient.kind]}).
                </p>
                {match.recipient.channels.length || !match.recipient.parent ? (
                  <ChannelList channels={match.recipient.channels} />
                ) : null}
                {match.recipient.parent ? (
                  <>
                    <p>
                      {match.recipient.kind === "data_broker" ? "The data is held by " : "Run by "}
                      <Link to={`/directory/${encodeURIComponent(match.recipient.parent.id)}`}>
                        {match.recipient.parent.name}
                      </Link>
                      {match.recipient.kind === "data_broker"
                        ? ": an opt-out there covers this site too."
                        : "."}
                    </p>
                    {match.recipient.channels.length ? null : (
                      <ChannelList channels={match.recipient.parent.channels} />
                    )}
                  </>
                ) : null}
              </>
            ) : (
              <p>
                No recipient is known for <strong>{match.domain}</strong> yet.{" "}
                {page.canWrite ? (
                  <a href="#add-heading">Add one for your workspace</a>
                ) : (
                  <Link to={`/login?redirectTo=${encodeURIComponent(`/directory?add=${match.domain}`)}`}>
                    Log in to add one
                  </Link>
                )}
                .
              </p>
            )}
          </div>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="search-heading">
        <h2 id="search-heading">Search the directory</h2>
        <Form method="get" className="card grid-2">
          <TextField name="q" label="Name or domain" defaultValue={query.q ?? ""} />
          <SelectField
            name="country"
            label="Country"
            defaultValue={query.country ?? ""}
            options={[{ value: "", label: "Any country" }, ...page.countries]}
          />
          <SelectField
            name="kind"
            label="Kind"
            defaultValue={query.kind ?? ""}
            options={[
              { value: "", label: "Any kind" },
              ...recipientKinds.map((k) => ({ value: k, label: KIND_LABELS[k] })),
            ]}
          />
          <SelectField
            name="category"
            label="Category"
            defaultValue={query.category ?? ""}
            options={[
              { value: "", label: "Any category" },
              ...CATEGORIES.map((c) => ({ value: c, label: c })),
            ]}
          />
          <div className="row">
            <button type="submit" className="button">
              Search
            </button>
          </div>
        </Form>
        {page.queryError ? <p className="notice notice-warn">{page.queryError}</p> : null}
        <p role="status">
          {total === 1 ? "1 recipient" : `${total.toLocaleString("en")} recipients`}
          {total > page.pageSize ? ` — page ${page.page} of ${lastPage}` : ""}
        </p>
        {items.length ? (
          <ul className="list">
            {items.map((r) => (
              <li key={r.id} className="list-item">
                <h3>
                  <Link to={`/directory/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                </h3>
                <div className="meta-row">
                  <span>{KIND_LABELS[r.kind]}</span>
                  {r.countries.length ? (
                    <span>{r.countries.join(", ").replace("ALL", "all countries")}</span>
                  ) : null}
                  {r.domains.length ? <span>{r.domains.slice(0, 4).join(", ")}</span> : null}
                  <Quality quality={r.quality} verifiedOn={r.verifiedOn} own={r.own} />
                  {r.corrected ? (
                    <span className="badge badge-requested">Corrected by your workspace</span>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No recipient matches. Try fewer words, or another spelling.</p>
        )}
        {lastPage > 1 ? (
          <nav aria-label="Pages" className="row">
            {page.page > 1 ? <Link to={pageLink(query, page.page - 1)}>Previous page</Link> : null}
            {page.page < lastPage ? <Link to={pageLink(query, page.page + 1)}>Next page</Link> : null}
          </nav>
        ) : null}
      </section>

      {page.canWrite ? (
        <section className="card stack" aria-labelledby="add-heading">
          <h2 id="add-heading">Add a recipient for your workspace</h2>
          <p className="muted">
            Only your workspace sees it. It is used when one of your URLs is on one of its domains.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add" />
            <FormErrors errors={addErrors?.formErrors} />
            <TextField
              name="name"
              label="Name"
              defaultValue={String(addErrors?.values?.name ?? "")}
              errors={addErrors?.fieldErrors?.name}
            />
            <SelectField
              name="kind"
              label="Kind"
              defaultValue={String(addErrors?.values?.kind ?? "platform")}
              options={recipientKinds.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            />
            <TextField
              name="domains"
              label="Domains"
              hint="Separated by commas, e.g. example.com, example.net"
              defaultValue={String(addErrors?.values?.domains ?? addDomain ?? "")}
              errors={addErrors?.fieldErrors?.domains}
            />
            <TextField
              name="countries"
              label="Countries"
              hint="Two-letter codes, e.g. DE, US"
              defaultValue={String(addErrors?.values?.countries ?? "")}
              errors={addErrors?.fieldErrors?.countries}
            />
            <TextArea
              name="channels"
              label="Channels"
              hint='One per line: kind, purpose, address — e.g. "email, abuse, abuse@example.com" (kinds: email, webform, inapp, postal; purposes: privacy, abuse, copyright, dsa, general)'
              defaultValue={String(addErrors?.values?.channels ?? "")}
              errors={addErrors?.fieldErrors?.channels}
            />
            <TextArea
              name="notes"
              label="Notes"
              defaultValue={String(addErrors?.values?.notes ?? "")}
              rows={3}
            />
            <button type="submit" className="button" disabled={busy}>
              Add recipient
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function ChannelList({
  channels,
}: {
  channels: {
    kind: keyof typeof CHANNEL_KIND_LABELS;
    purpose: keyof typeof PURPOSE_LABELS;
    address: string;
    label?: string;
  }[];
}) {
  if (!channels.length) return <p>No channel is known: write to the site's host instead.</p>;
  return (
    <ul>
      {channels.map((c) => (
        <li key={`${c.kind}-${c.purpose}-${c.address}`}>
          {PURPOSE_LABELS[c.purpose]} — {CHANNEL_KIND_LABELS[c.kind]}:{" "}
          {c.kind === "webform" ? (
            <a href={c.address} rel="noreferrer noopener" target="_blank">
              {c.address}
            </a>
          ) : (
            <span className="pre-line">{c.address}</span>
          )}
          {c.label ? <span className="muted"> ({c.label})</span> : null}
        </li>
      ))}
    </ul>
  );
}

function Quality({
  quality,
  verifiedOn,
  own,
}: {
  quality: string | null;
  verifiedOn: string | null;
  own: boolean;
}) {
  if (own) return <span className="badge badge-medium">Your workspace</span>;
  const label = quality ? quality[0]!.toUpperCase() + quality.slice(1) : "Not rated";
  return (
    <span
      className={`badge ${quality === "verified" ? "badge-low" : quality === "tested" ? "badge-medium" : "badge-high"}`}
    >
      {label}
      {verifiedOn ? ` ${verifiedOn}` : ""}
    </span>
  );
}

export const meta: MetaFunction = () => [{ title: "Who to write to — Retract" }];
