// "Where else might I be?": a checklist of search engines and people-search sites for one person. Each link
// opens the site's search (or home page) in the person's own browser; the server fetches nothing. One click
// records "found here" (a place in one of the person's cases) or "not found on <date>" (decision 118).

import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { checkAgain, findingChecklist, recordFoundHere, recordNotFound } from "~/finding/checklist.server";
import { FindActionSchema, FoundUrlSchema } from "~/finding/find-forms.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { translateUserError } from "~/recipients/user-errors.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField } from "~/ui/forms";
import { formFailure, formFailureOrThrow, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseIds(params, "subjectId");
  const list = findingChecklist(scope, subjectId);
  const { t, locale } = await getTranslator(request);
  const url = new URL(request.url);
  const foundSite = url.searchParams.get("found");
  const found = foundSite
    ? {
        siteName: list.sites.find((s) => s.id === foundSite)?.name ?? null,
        caseId: url.searchParams.get("case") ?? "",
        exposureId: url.searchParams.get("place") ?? "",
      }
    : null;
  return {
    subjectId,
    name: list.name,
    region: list.region,
    canWrite: can(scope, "case:write"),
    cases: list.cases.map((c) => ({
      id: c.id,
      label: c.open ? c.title : t("find.caseClosed", { title: c.title }),
    })),
    sites: list.sites.map((s) => ({
      ...s,
      notFoundLabel: s.notFoundOn ? formatDay(locale, s.notFoundOn, "long") : null,
    })),
    found: found && list.cases.some((c) => c.id === found.caseId) ? found : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { subjectId } = parseIds(params, "subjectId");
  const form = await request.formData();
  const translator = await getTranslator(request);
  const parsed = parseForm(form, FindActionSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra: { siteId: "" } });
  const { caseId, found, notFound, again } = parsed.data;
  const siteId = found ?? notFound ?? again ?? "";
  const extra = { siteId };
  const today = new Date().toISOString().slice(0, 10);
  try {
    if (found) {
      const pasted = FoundUrlSchema.safeParse(form.get(`url:${found}`) ?? "");
      if (!pasted.success)
        return formFailure(
          translateUserError(
            translator,
            new UserError(pasted.error.issues[0]?.message ?? "find.errors.noUrl", { field: "url" }),
          ),
          { extra },
        );
      const r = recordFoundHere(scope, subjectId, { siteId: found, caseId, url: pasted.data, today });
      const q = new URLSearchParams({ found, case: r.caseId, place: r.exposureId });
      return redirect(`/subjects/${subjectId}/find?${q}#found`);
    }
    if (notFound) {
      recordNotFound(scope, subjectId, notFound, today);
      return redirect(`/subjects/${subjectId}/find#site-${encodeURIComponent(notFound)}`);
    }
    checkAgain(scope, subjectId, siteId);
    return redirect(`/subjects/${subjectId}/find#site-${encodeURIComponent(siteId)}`);
  } catch (e) {
    return formFailureOrThrow(e instanceof UserError ? translateUserError(translator, e) : e, { extra });
  }
}

export default function FindYourself() {
  const { subjectId, name, region, canWrite, cases, sites, found } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const { t, rich } = useT();
  const failedSite = data && "siteId" in data ? data.siteId : "";
  const caseErrors = data?.fieldErrors.caseId;
  const search = sites.filter((s) => s.group === "search");
  const people = sites.filter((s) => s.group === "people");
  const defaultCase = typeof data?.values?.caseId === "string" ? data.values.caseId : (cases[0]?.id ?? "");
  const siteItem = (s: (typeof sites)[number]) => {
    const urlId = `url-${s.id}`;
    const urlErrors = failedSite === s.id ? data?.fieldErrors.url : undefined;
    const siteErrors = failedSite === s.id ? data?.fieldErrors.siteId : undefined;
    return (
      <li key={s.id} id={`site-${s.id}`} className="list-item stack small">
        <h3 id={`${urlId}-name`}>{s.name}</h3>
        {s.searchLink ? (
          <p>
            <a href={s.searchLink} target="_blank" rel="noreferrer noopener">
              {t("find.searchLink", { name, site: s.name })}
            </a>
          </p>
        ) : s.homePage ? (
          <p>
            <a href={s.homePage} target="_blank" rel="noreferrer noopener">
              {t("find.homeLink", { name, site: s.name })}
            </a>
          </p>
        ) : (
          <p className="muted">{t("find.noAddress")}</p>
        )}
        {s.notFoundLabel ? (
          <p>
            <span className="badge">{t("find.notFoundOn", { date: s.notFoundLabel })}</span>
          </p>
        ) : null}
        {siteErrors?.length ? <FormErrors errors={siteErrors} /> : null}
        {canWrite ? (
          <>
            <details open={Boolean(urlErrors?.length)}>
              <summary>{t("find.exactPage")}</summary>
              <div className="field">
                <label htmlFor={urlId}>{t("find.pageAddress", { site: s.name })}</label>
                {urlErrors?.length ? (
                  <p id={`${urlId}-error`} className="field-error">
                    {urlErrors.join(" ")}
                  </p>
                ) : (
                  <p id={`${urlId}-hint`} className="hint">
                    {t("find.pageAddressHint")}
                  </p>
                )}
                <input
                  id={urlId}
                  name={`url:${s.id}`}
                  type="url"
                  inputMode="url"
                  aria-invalid={urlErrors?.length ? true : undefined}
                  aria-describedby={urlErrors?.length ? `${urlId}-error` : `${urlId}-hint`}
                />
              </div>
            </details>
            <div className="row">
              <button
                type="submit"
                name="found"
                value={s.id}
                className="button"
                disabled={busy || cases.length === 0}
                aria-describedby={`${urlId}-name`}
              >
                {t("find.found")}
              </button>
              {s.notFoundLabel ? (
                <button
                  type="submit"
                  name="again"
                  value={s.id}
                  className="button button-secondary"
                  disabled={busy}
                  aria-describedby={`${urlId}-name`}
                >
                  {t("find.checkAgain")}
                </button>
              ) : (
                <button
                  type="submit"
                  name="notFound"
                  value={s.id}
                  className="button button-secondary"
                  disabled={busy}
                  aria-describedby={`${urlId}-name`}
                >
                  {t("find.notFound")}
                </button>
              )}
            </div>
          </>
        ) : null}
      </li>
    );
  };
  return (
    <div className="stack medium">
      <p>
        <Link to={`/subjects/${subjectId}`}>{t("find.back", { name })}</Link>
      </p>
      <h1>{t("find.heading", { name })}</h1>
      <div className="card stack small">
        <p>{region ? t("find.introRegion", { name, region }) : t("find.intro", { name })}</p>
        <p>{t("find.howTo")}</p>
        <p>{t("find.warning")}</p>
      </div>
      {found ? (
        <div id="found" className="notice notice-ok stack small" role="status">
          <p>{found.siteName ? t("find.recorded", { site: found.siteName }) : t("find.recordedNoName")}</p>
          <p>
            <Link to={`/cases/${found.caseId}/exposures/${found.exposureId}`}>{t("find.openPlace")}</Link>
            {" · "}
            <Link to={`/cases/${found.caseId}/letters/new`}>{t("find.writeRequest")}</Link>
          </p>
        </div>
      ) : null}
      <Form method="post" className="stack medium" noValidate>
        <FormErrors errors={data?.formErrors} />
        {canWrite ? (
          cases.length ? (
            <SelectField
              name="caseId"
              label={t("find.case")}
              hint={t("find.caseHint")}
              options={cases.map((c) => ({ value: c.id, label: c.label }))}
              defaultValue={defaultCase}
              errors={caseErrors}
            />
          ) : (
            <p className="notice">
              {rich("find.noCase", { name, link: (chunks) => <Link to="/cases/new">{chunks}</Link> })}
            </p>
          )
        ) : null}
        {busy ? (
          <p role="status" className="muted">
            {t("common.saving")}
          </p>
        ) : null}
        <section className="stack small" aria-labelledby="search-heading">
          <h2 id="search-heading">{t("find.searchEngines")}</h2>
          <ul className="list">{search.map(siteItem)}</ul>
        </section>
        <section className="stack small" aria-labelledby="people-heading">
          <h2 id="people-heading">{t("find.peopleSites")}</h2>
          <p className="hint">{t("find.peopleSitesHint")}</p>
          <ul className="list">{people.map(siteItem)}</ul>
        </section>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "find.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
