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
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField } from "~/ui/forms";
import { formFailure, formFailureOrThrow, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { can, requirePermission } from "~/workspaces/scope.server";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const longDate = (iso: string) => dateFormat.format(new Date(`${iso}T00:00:00Z`));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseIds(params, "subjectId");
  const list = findingChecklist(scope, subjectId);
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
    cases: list.cases.map((c) => ({ id: c.id, label: c.open ? c.title : `${c.title} (closed)` })),
    sites: list.sites.map((s) => ({ ...s, notFoundLabel: s.notFoundOn ? longDate(s.notFoundOn) : null })),
    found: found && list.cases.some((c) => c.id === found.caseId) ? found : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { subjectId } = parseIds(params, "subjectId");
  const form = await request.formData();
  const parsed = parseForm(form, FindActionSchema);
  if (!parsed.ok) return formFailure(parsed, { extra: { siteId: "" } });
  const { caseId, found, notFound, again } = parsed.data;
  const siteId = found ?? notFound ?? again ?? "";
  const extra = { siteId };
  const today = new Date().toISOString().slice(0, 10);
  try {
    if (found) {
      const pasted = FoundUrlSchema.safeParse(form.get(`url:${found}`) ?? "");
      if (!pasted.success)
        return formFailure(
          new UserError(pasted.error.issues[0]?.message ?? "Enter the address of the page.", {
            field: "url",
          }),
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
    return formFailureOrThrow(e, { extra });
  }
}

export default function FindYourself() {
  const { subjectId, name, region, canWrite, cases, sites, found } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
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
              Look for {name} on {s.name} (opens in a new tab)
            </a>
          </p>
        ) : s.homePage ? (
          <p>
            <a href={s.homePage} target="_blank" rel="noreferrer noopener">
              Open {s.name} and search for {name} there (opens in a new tab)
            </a>
          </p>
        ) : (
          <p className="muted">We have no address for this site; search for it by its name.</p>
        )}
        {s.notFoundLabel ? (
          <p>
            <span className="badge">Not found on {s.notFoundLabel}</span>
          </p>
        ) : null}
        {siteErrors?.length ? <FormErrors errors={siteErrors} /> : null}
        {canWrite ? (
          <>
            <details open={Boolean(urlErrors?.length)}>
              <summary>Add the exact page (optional)</summary>
              <div className="field">
                <label htmlFor={urlId}>Address of the page about you on {s.name}</label>
                {urlErrors?.length ? (
                  <p id={`${urlId}-error`} className="field-error">
                    {urlErrors.join(" ")}
                  </p>
                ) : (
                  <p id={`${urlId}-hint`} className="hint">
                    Without it, the place is recorded at the site's address and you can add the page later.
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
                Found here
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
                  Check again
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
                  Not found
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
        <Link to={`/subjects/${subjectId}`}>Back to {name}</Link>
      </p>
      <h1>Where else might {name} be?</h1>
      <div className="card stack small">
        <p>
          Each link opens the site in your own browser, already searching for “{name}”
          {region ? ` in ${region}` : ""}. Retract does not visit these sites for you. The site will see the
          search, as it sees any search made in your browser.
        </p>
        <p>
          When you find yourself, choose “Found here”: the site becomes a place in a case, and you can ask for
          removal from there. When you find nothing, choose “Not found” and the date is kept.
        </p>
        <p>
          Please do not send opt-outs to sites where you have not found yourself. A site that does not hold
          your details learns them from the opt-out itself. That is why a removal request is offered only
          after “Found here”.
        </p>
      </div>
      {found ? (
        <div id="found" className="notice notice-ok stack small" role="status">
          <p>
            {found.siteName
              ? `Recorded: ${found.siteName} is now a place in the case.`
              : "Recorded: the site is now a place in the case."}
          </p>
          <p>
            <Link to={`/cases/${found.caseId}/exposures/${found.exposureId}`}>Open the place</Link>
            {" · "}
            <Link to={`/cases/${found.caseId}/letters/new`}>Write a removal request</Link>
          </p>
        </div>
      ) : null}
      <Form method="post" className="stack medium" noValidate>
        <FormErrors errors={data?.formErrors} />
        {canWrite ? (
          cases.length ? (
            <SelectField
              name="caseId"
              label="Case for places you find"
              hint="The most recent open case is chosen for you."
              options={cases.map((c) => ({ value: c.id, label: c.label }))}
              defaultValue={defaultCase}
              errors={caseErrors}
            />
          ) : (
            <p className="notice">
              To record a place you find, first <Link to="/cases/new">open a case</Link> for {name}.
            </p>
          )
        ) : null}
        {busy ? (
          <p role="status" className="muted">
            Saving…
          </p>
        ) : null}
        <section className="stack small" aria-labelledby="search-heading">
          <h2 id="search-heading">Search engines</h2>
          <ul className="list">{search.map(siteItem)}</ul>
        </section>
        <section className="stack small" aria-labelledby="people-heading">
          <h2 id="people-heading">People-search sites</h2>
          <p className="hint">
            Most of these sites list people in the United States. Few publish a search address, so for most
            you open the site and search for your name there.
          </p>
          <ul className="list">{people.map(siteItem)}</ul>
        </section>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Where else might I be? · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
