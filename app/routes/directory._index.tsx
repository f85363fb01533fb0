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
import type { ReactNode } from "react";
import { audit } from "~/audit/audit.server";
import { getCurrentSession, requireScope } from "~/auth/session.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
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
import { Domains, example } from "~/recipients/directory-parts";
import type { SearchParams } from "~/recipients/forms";
import {
  CATEGORY_MESSAGES,
  CHANNEL_KIND_MESSAGES,
  directoryCategories,
  KIND_MESSAGES,
  PURPOSE_MESSAGES,
  QUALITY_MESSAGES,
  recipientKinds,
} from "~/recipients/labels";
import { translateUserError } from "~/recipients/user-errors.server";
import { countryName, countryOptionsIn } from "~/subjects/country-names";
import { FormErrors, SelectField, TextArea, TextField } from "~/ui/forms";
import { countryOptions } from "~/utils/countries.server";
import { formFailure, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const parsed = readSearchParams(url.searchParams);
  const session = await getCurrentSession(request);
  const query: SearchParams = parsed.success ? parsed.data : {};
  const result = searchRecipients(session, query);
  // Country names are written here, not in the browser: its Intl data may name a country differently from the
  // server's, and the page would not hydrate.
  const { t, locale } = await getTranslator(request);
  const countries = (codes: readonly string[]) =>
    codes.map((c) => (c === "ALL" ? t("directory.allCountries") : countryName(locale, c))).join(", ");
  const addDomain = url.searchParams.get("add")?.slice(0, 300) ?? null;
  const page = {
    query,
    queryError: !parsed.success,
    items: result.items.map((r) => ({ ...r, countryNames: countries(r.countries) })),
    total: result.total,
    page: query.page ?? 1,
    pageSize: PAGE_SIZE,
    signedIn: Boolean(session),
    canWrite: session ? can(session, "case:write") : false,
    addDomain,
    countries: countryOptionsIn(locale, countryOptions()).map((c) => ({ value: c.code, label: c.name })),
  };
  return parsed.success ? page : data(page, { status: 400 });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const translator = await getTranslator(request);
  const { t } = translator;
  if (intent === "match") {
    const limit = await allowDirectoryRequest(context.clientIp ?? "unknown");
    if (!limit.ok) {
      return data(
        {
          intent: "match" as const,
          error: t("directory.match.tooMany"),
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
          error:
            translateFailure(translator, parsed).fieldErrors.url?.join(" ") ?? t("directory.match.empty"),
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
          error: t("directory.match.notUrl"),
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
    if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra });
    const values = formValues(form);
    const channels = parseChannelLines(parsed.data.channels);
    if (channels.errors.length) {
      const errors = channels.errors.map((e) => t(e.key, e.values));
      return formFailure({ fieldErrors: { channels: errors } }, { extra, values });
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
      if (e instanceof UserError) return formFailure(translateUserError(translator, e), { extra, values });
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
  const { t, rich } = useT();
  const busy = useNavigation().state === "submitting";
  const { query, items, total } = page;
  const lastPage = Math.max(1, Math.ceil(total / page.pageSize));
  const match = actionData?.intent === "match" ? actionData.match : null;
  const addDomain = page.addDomain ?? (match && !match.recipient ? match.domain : null);
  const addErrors = actionData?.intent === "add" ? actionData : null;
  const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
  const recipientLink = (r: { id: string; name: string }) => (chunks: ReactNode[]) => (
    <Link to={`/directory/${encodeURIComponent(r.id)}`}>{chunks}</Link>
  );

  return (
    <div className="stack">
      <h1>{t("directory.title")}</h1>
      <p className="muted">{t("directory.intro")}</p>

      <section className="card stack" aria-labelledby="match-heading">
        <h2 id="match-heading">{t("directory.match.heading")}</h2>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="match" />
          <TextField
            name="url"
            type="url"
            label={t("directory.match.label")}
            hint={t("directory.match.hint")}
            inputMode="url"
            errors={actionData?.intent === "match" && actionData.error ? [actionData.error] : undefined}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("directory.match.submit")}
          </button>
        </Form>
        {match ? (
          <div className="notice" role="status">
            {match.recipient ? (
              <>
                <p>
                  {rich("directory.match.answeredBy", {
                    domain: match.domain,
                    name: match.recipient.name,
                    kind: t(KIND_MESSAGES[match.recipient.kind]),
                    strong,
                    link: recipientLink(match.recipient),
                  })}
                </p>
                {match.recipient.channels.length || !match.recipient.parent ? (
                  <ChannelList channels={match.recipient.channels} />
                ) : null}
                {match.recipient.parent ? (
                  <>
                    <p>
                      {rich(
                        match.recipient.kind === "data_broker"
                          ? "directory.match.heldBy"
                          : "directory.match.runBy",
                        { name: match.recipient.parent.name, link: recipientLink(match.recipient.parent) },
                      )}
                    </p>
                    {match.recipient.channels.length ? null : (
                      <ChannelList channels={match.recipient.parent.channels} />
                    )}
                  </>
                ) : null}
              </>
            ) : (
              <p>
                {page.canWrite
                  ? rich("directory.match.unknownAdd", {
                      domain: match.domain,
                      strong,
                      link: (chunks) => <a href="#add-heading">{chunks}</a>,
                    })
                  : rich("directory.match.unknownLogIn", {
                      domain: match.domain,
                      strong,
                      link: (chunks) => (
                        <Link
                          to={`/login?redirectTo=${encodeURIComponent(`/directory?add=${match.domain}`)}`}
                        >
                          {chunks}
                        </Link>
                      ),
                    })}
              </p>
            )}
          </div>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="search-heading">
        <h2 id="search-heading">{t("directory.search.heading")}</h2>
        <Form method="get" className="card grid-2">
          <TextField name="q" label={t("directory.search.q")} defaultValue={query.q ?? ""} />
          <SelectField
            name="country"
            label={t("directory.search.country")}
            defaultValue={query.country ?? ""}
            options={[{ value: "", label: t("directory.search.anyCountry") }, ...page.countries]}
          />
          <SelectField
            name="kind"
            label={t("directory.search.kind")}
            defaultValue={query.kind ?? ""}
            options={[
              { value: "", label: t("directory.search.anyKind") },
              ...recipientKinds.map((k) => ({ value: k, label: t(KIND_MESSAGES[k]) })),
            ]}
          />
          <SelectField
            name="category"
            label={t("directory.search.category")}
            defaultValue={query.category ?? ""}
            options={[
              { value: "", label: t("directory.search.anyCategory") },
              ...directoryCategories.map((c) => ({ value: c, label: t(CATEGORY_MESSAGES[c]) })),
            ]}
          />
          <div className="row">
            <button type="submit" className="button">
              {t("directory.search.submit")}
            </button>
          </div>
        </Form>
        {page.queryError ? <p className="notice notice-warn">{t("directory.search.queryError")}</p> : null}
        <p role="status">
          {total > page.pageSize
            ? t("directory.search.countPaged", { count: total, page: page.page, pages: lastPage })
            : t("directory.search.count", { count: total })}
        </p>
        {items.length ? (
          <ul className="list">
            {items.map((r) => (
              <li key={r.id} className="list-item">
                <h3>
                  <Link to={`/directory/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                </h3>
                <div className="meta-row">
                  <span>{t(KIND_MESSAGES[r.kind])}</span>
                  {r.countries.length ? <span>{r.countryNames}</span> : null}
                  {r.domains.length ? <Domains domains={r.domains.slice(0, 4)} /> : null}
                  <Quality quality={r.quality} verifiedOn={r.verifiedOn} own={r.own} />
                  {r.corrected ? (
                    <span className="badge badge-requested">{t("directory.corrected")}</span>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("directory.empty")}</p>
        )}
        {lastPage > 1 ? (
          <nav aria-label={t("directory.pages")} className="row">
            {page.page > 1 ? (
              <Link to={pageLink(query, page.page - 1)}>{t("directory.previousPage")}</Link>
            ) : null}
            {page.page < lastPage ? (
              <Link to={pageLink(query, page.page + 1)}>{t("directory.nextPage")}</Link>
            ) : null}
          </nav>
        ) : null}
      </section>

      {page.canWrite ? (
        <section className="card stack" aria-labelledby="add-heading">
          <h2 id="add-heading">{t("directory.add.heading")}</h2>
          <p className="muted">{t("directory.add.intro")}</p>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add" />
            <FormErrors errors={addErrors?.formErrors} />
            <TextField
              name="name"
              label={t("directory.field.name")}
              defaultValue={String(addErrors?.values?.name ?? "")}
              errors={addErrors?.fieldErrors?.name}
            />
            <SelectField
              name="kind"
              label={t("directory.field.kind")}
              defaultValue={String(addErrors?.values?.kind ?? "platform")}
              options={recipientKinds.map((k) => ({ value: k, label: t(KIND_MESSAGES[k]) }))}
            />
            <TextField
              name="domains"
              label={t("directory.field.domains")}
              hint={rich("directory.add.domainsHint", { example: example })}
              defaultValue={String(addErrors?.values?.domains ?? addDomain ?? "")}
              errors={addErrors?.fieldErrors?.domains}
            />
            <TextField
              name="countries"
              label={t("directory.field.countries")}
              hint={rich("directory.add.countriesHint", { example: example })}
              defaultValue={String(addErrors?.values?.countries ?? "")}
              errors={addErrors?.fieldErrors?.countries}
            />
            <TextArea
              name="channels"
              label={t("directory.field.channels")}
              hint={rich("directory.add.channelsHint", { example: example })}
              lang="en"
              defaultValue={String(addErrors?.values?.channels ?? "")}
              errors={addErrors?.fieldErrors?.channels}
            />
            <TextArea
              name="notes"
              label={t("directory.field.notes")}
              defaultValue={String(addErrors?.values?.notes ?? "")}
              rows={3}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("directory.add.submit")}
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
    kind: keyof typeof CHANNEL_KIND_MESSAGES;
    purpose: keyof typeof PURPOSE_MESSAGES;
    address: string;
    label?: string;
  }[];
}) {
  const { t } = useT();
  if (!channels.length) return <p>{t("directory.noChannelMatch")}</p>;
  return (
    <ul>
      {channels.map((c) => (
        <li key={`${c.kind}-${c.purpose}-${c.address}`}>
          {t("directory.channelUse", {
            purpose: t(PURPOSE_MESSAGES[c.purpose]),
            kind: t(CHANNEL_KIND_MESSAGES[c.kind]),
          })}{" "}
          {c.kind === "webform" ? (
            <a href={c.address} rel="noreferrer noopener" target="_blank">
              {c.address}
            </a>
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

function Quality({
  quality,
  verifiedOn,
  own,
}: {
  quality: keyof typeof QUALITY_MESSAGES | null;
  verifiedOn: string | null;
  own: boolean;
}) {
  const { t, locale } = useT();
  if (own) return <span className="badge badge-medium">{t("directory.quality.own")}</span>;
  const label = t(quality ? QUALITY_MESSAGES[quality] : "directory.quality.none");
  return (
    <span
      className={`badge ${quality === "verified" ? "badge-low" : quality === "tested" ? "badge-medium" : "badge-high"}`}
    >
      {verifiedOn
        ? t("directory.quality.checked", { quality: label, date: formatDay(locale, verifiedOn, "long") })
        : label}
    </span>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "directory.title");
