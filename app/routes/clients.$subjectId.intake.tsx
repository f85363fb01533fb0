import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { EXPOSED_LABELS } from "~/exposures/categories";
import { formatDay } from "~/i18n/dates";
import { useT } from "~/i18n/i18n-context";
import { pageTitle } from "~/i18n/meta";
import { getIntake } from "~/subjects/intake.server";
import { CONSENT_ANSWERS, HARM_ANSWERS, OTHERS_READ, SAFE_CHANNELS } from "~/subjects/intake-choices";
import { listSubjectNames } from "~/subjects/subjects.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { parseIds } from "~/utils/forms.server";
import { can, notFound } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseIds(params, "subjectId");
  // Both reads are scoped (another workspace's client, or a colleague's, is 404) and logged.
  const [person] = listSubjectNames(scope, [subjectId]);
  if (!person) notFound("This client");
  const intake = getIntake(scope, subjectId);
  return {
    subjectId,
    name: person.name,
    intake: intake
      ? {
          caseId: intake.caseId,
          urgent: intake.urgent,
          consent: intake.consent,
          createdOn: intake.createdAt.toISOString().slice(0, 10),
          answers: intake.answers,
        }
      : null,
    canWrite: can(scope, "case:write"),
  };
}

export default function IntakePage() {
  const { subjectId, name, intake } = useLoaderData<typeof loader>();
  const { rich } = useT();
  if (!intake)
    return (
      <div className="stack medium">
        <h1>{name}</h1>
        <p className="empty">
          {rich("intake.page.none", {
            link: (chunks) => <Link to={`/subjects/${subjectId}`}>{chunks}</Link>,
          })}
        </p>
      </div>
    );
  return <Intake subjectId={subjectId} name={name} intake={intake} />;
}

type IntakeData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["intake"]>;

function Intake({ subjectId, name, intake }: { subjectId: string; name: string; intake: IntakeData }) {
  const [params] = useSearchParams();
  const { t, rich, locale } = useT();
  const d = { ...intake, subjectId, name };
  const a = d.answers;
  return (
    <div className="stack medium">
      <h1>
        {d.name} {d.urgent ? <span className="badge badge-critical">{t("intake.page.urgent")}</span> : null}
      </h1>
      {params.get("new") ? (
        <p className="notice notice-ok" role="status">
          {t("intake.page.saved")}
        </p>
      ) : null}
      {d.urgent ? (
        <section className="notice notice-error stack" aria-labelledby="safety-heading">
          <h2 id="safety-heading">{t("intake.page.safetyHeading")}</h2>
          <p>{t("intake.page.safetyIntro")}</p>
          <ul>
            <li>{t("intake.page.safety1")}</li>
            <li>{t("intake.page.safety2")}</li>
            <li>{t("intake.page.safety3")}</li>
            <li>{t("intake.page.safety4")}</li>
          </ul>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="next-heading">
        <h2 id="next-heading">{t("intake.page.nextHeading")}</h2>
        {d.consent === "yes" ? (
          <>
            <p>{t("intake.page.consentYes")}</p>
            <p className="row">
              {/* A PDF download, not a page: a full request, not client-side navigation. */}
              <a href={`/subjects/${d.subjectId}/mandate`} className="button" download>
                {t("intake.page.downloadMandate")}
              </a>
              <Link to={`/subjects/${d.subjectId}`} className="button button-secondary">
                {t("subject.mandate.upload")}
              </Link>
            </p>
          </>
        ) : d.consent === "not_yet" ? (
          <p>
            {rich("intake.page.consentNotYet", {
              link: (chunks) => <Link to={`/subjects/${d.subjectId}`}>{chunks}</Link>,
            })}
          </p>
        ) : (
          <p>{t("intake.page.consentNo")}</p>
        )}
        {d.caseId ? (
          <p>
            {rich("intake.page.openCase", {
              link: (chunks) => <Link to={`/cases/${d.caseId}`}>{chunks}</Link>,
            })}
          </p>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="answers-heading">
        <h2 id="answers-heading">
          {t("intake.page.answersHeading", { date: formatDay(locale, d.createdOn, "long") })}
        </h2>
        <dl className="facts">
          <dt>{t("intake.page.safeChannel")}</dt>
          <dd>{t(SAFE_CHANNELS[a.safeChannel])}</dd>
          <dt>{t("intake.page.safeContact")}</dt>
          <dd>{a.safeContact || "—"}</dd>
          <dt>{t("intake.page.safeTimes")}</dt>
          <dd>{a.safeTimes || "—"}</dd>
          <dt>{t("intake.page.othersRead")}</dt>
          <dd>{t(OTHERS_READ[a.othersRead])}</dd>
          <dt>{t("intake.new.leak")}</dt>
          <dd>{a.leaked.length ? a.leaked.map((k) => t(EXPOSED_LABELS[k])).join(", ") : "—"}</dd>
          <dt>{t("intake.page.leakedNotes")}</dt>
          <dd>{a.leakedNotes || "—"}</dd>
          <dt>{t("intake.page.harm")}</dt>
          <dd>{t(HARM_ANSWERS[a.harm])}</dd>
          <dt>{t("intake.new.consentHeading")}</dt>
          <dd>{t(CONSENT_ANSWERS[d.consent])}</dd>
        </dl>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "intake.page.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
