import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { EXPOSED_LABELS } from "~/exposures/categories";
import { useT } from "~/i18n/i18n-context";
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
  if (!intake)
    return (
      <div className="stack medium">
        <h1>{name}</h1>
        <p className="empty">
          No intake answers were recorded for this client. Their details are on{" "}
          <Link to={`/subjects/${subjectId}`}>their page</Link>.
        </p>
      </div>
    );
  return <Intake subjectId={subjectId} name={name} intake={intake} />;
}

type IntakeData = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["intake"]>;

function Intake({ subjectId, name, intake }: { subjectId: string; name: string; intake: IntakeData }) {
  const [params] = useSearchParams();
  const { t } = useT();
  const d = { ...intake, subjectId, name };
  const a = d.answers;
  return (
    <div className="stack medium">
      <h1>
        {d.name} {d.urgent ? <span className="badge badge-critical">Urgent</span> : null}
      </h1>
      {params.get("new") ? (
        <p className="notice notice-ok" role="status">
          The client is saved, with a case for what happened.
        </p>
      ) : null}
      {d.urgent ? (
        <section className="notice notice-error stack" aria-labelledby="safety-heading">
          <h2 id="safety-heading">Their safety comes first</h2>
          <p>The posts call for someone to hurt, find or threaten them. Before anything else:</p>
          <ul>
            <li>If they are in danger now, they should call the local emergency number.</li>
            <li>Talk with them about somewhere safe to stay and someone they can call.</li>
            <li>
              Keep the evidence: save the pages and screenshots before asking for removal, so the threat can
              be reported to the police.
            </li>
            <li>Ask the platforms to remove the posts first: this case is marked urgent.</li>
          </ul>
        </section>
      ) : null}

      <section className="card stack" aria-labelledby="next-heading">
        <h2 id="next-heading">What happens next</h2>
        {d.consent === "yes" ? (
          <>
            <p>
              They want us to act for them. Give them the letter of authority to sign; when it comes back,
              upload the signed copy on their page. Letters we send for them then include it.
            </p>
            <p className="row">
              {/* A PDF download, not a page: a full request, not client-side navigation. */}
              <a href={`/subjects/${d.subjectId}/mandate`} className="button" download>
                Download the letter of authority
              </a>
              <Link to={`/subjects/${d.subjectId}`} className="button button-secondary">
                Upload the signed copy
              </Link>
            </p>
          </>
        ) : d.consent === "not_yet" ? (
          <p>
            They have not decided yet whether we should act for them. When they agree, prepare the letter of
            authority from <Link to={`/subjects/${d.subjectId}`}>their page</Link>.
          </p>
        ) : (
          <p>They want advice only: we do not contact anyone for them.</p>
        )}
        {d.caseId ? (
          <p>
            <Link to={`/cases/${d.caseId}`}>Open the case</Link> to add more leaked pages and prepare letters.
          </p>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="answers-heading">
        <h2 id="answers-heading">Intake answers ({d.createdOn})</h2>
        <dl className="facts">
          <dt>Safe way to contact</dt>
          <dd>{SAFE_CHANNELS[a.safeChannel]}</dd>
          <dt>Details to use</dt>
          <dd>{a.safeContact || "—"}</dd>
          <dt>Safe times</dt>
          <dd>{a.safeTimes || "—"}</dd>
          <dt>Someone else reads their mail</dt>
          <dd>{OTHERS_READ[a.othersRead]}</dd>
          <dt>What leaked</dt>
          <dd>{a.leaked.length ? a.leaked.map((k) => t(EXPOSED_LABELS[k])).join(", ") : "—"}</dd>
          <dt>More about the leak</dt>
          <dd>{a.leakedNotes || "—"}</dd>
          <dt>Calls for harm</dt>
          <dd>{HARM_ANSWERS[a.harm]}</dd>
          <dt>Acting for them</dt>
          <dd>{CONSENT_ANSWERS[d.consent]}</dd>
        </dl>
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Client intake · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
