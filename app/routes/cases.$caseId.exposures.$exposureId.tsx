import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { getEnv } from "~/env.server";
import { addEvidence, listEvidence, stripMetadata } from "~/evidence/evidence.server";
import { EXPOSED_LABELS, SEVERITY_LABELS, STATUS_LABELS } from "~/exposures/categories";
import { confirmGone, placeStories } from "~/exposures/checked-gone.server";
import { ExposureFieldset } from "~/exposures/exposure-fields";
import {
  deleteExposure,
  ExposureFieldsSchema,
  getExposure,
  updateExposure,
} from "~/exposures/exposures.server";
import { matchExposure, refreshExposureRecipient, residenceForCase } from "~/exposures/recipient.server";
import { RecipientSummary } from "~/exposures/recipient-match";
import { checkedGoneSchema, ExposureIntentSchema, StripEvidenceSchema } from "~/exposures/schemas.server";
import { RecheckSection } from "~/rechecks/recheck-section";
import { listChecks, recheckExposure } from "~/rechecks/rechecks.server";
import { formatLongDate } from "~/requests/render/format";
import { regionName } from "~/subjects/regions";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, TextField } from "~/ui/forms";
import { formFailure, formFailureOrThrow, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { fileBytes, readFormWithFiles, UploadTooLargeError } from "~/utils/multipart.server";
import { can, requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, exposureId } = parseIds(params, "caseId", "exposureId");
  const exposure = getExposure(scope, caseId, exposureId);
  const residence = residenceForCase(scope, caseId);
  const match = matchExposure(scope.workspaceId, exposure.url, {
    residence,
    photos: exposure.exposed.includes("photos"),
  });
  if (match) refreshExposureRecipient(scope, exposure, match.recipient?.id ?? null);
  const story = placeStories(scope, [exposureId]).get(exposureId);
  const long = (day: string | null | undefined) => (day ? formatLongDate(day, "en") : null);
  return {
    // How it was checked gone and when, the recipient's word, and the next re-check (dates in words).
    story: {
      gone: story?.gone ? { on: long(story.gone.on), by: story.gone.by } : null,
      saidRemovedOn: story?.status === "said_removed" ? long(story.saidRemoved?.on) : null,
      nextCheckOn: long(story?.nextCheckOn),
    },
    caseId,
    match,
    // Shown as words: "DE", or "US, Virginia" where the state is given.
    residence: residence
      ? [residence.country, regionName(residence.country, residence.region)].filter(Boolean).join(", ")
      : null,
    exposure: { ...exposure, updatedAt: exposure.updatedAt.toISOString() },
    evidence: listEvidence(scope, exposureId).map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
    checks: listChecks(scope, exposureId).map((c) => ({ ...c, checkedAt: c.checkedAt.toISOString() })),
    canWrite: can(scope, "case:write"),
    maxUploadMb: getEnv().RETRACT_MAX_UPLOAD_MB,
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  const { caseId, exposureId } = parseIds(params, "caseId", "exposureId");
  getExposure(scope, caseId, exposureId); // 404 unless it is in this workspace and case
  const maxBytes = getEnv().RETRACT_MAX_UPLOAD_MB * 1024 * 1024;
  let form: FormData;
  try {
    form = await readFormWithFiles(request, maxBytes);
  } catch (e) {
    if (e instanceof UploadTooLargeError) {
      return formFailure(
        `This file is larger than ${getEnv().RETRACT_MAX_UPLOAD_MB} MB, the limit on this server.`,
        {
          status: 413,
          extra: { intent: "upload" as const },
        },
      );
    }
    throw e;
  }
  const intent = ExposureIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return formFailure("Unknown action.");
  const here = `/cases/${caseId}/exposures/${exposureId}`;
  switch (intent.data) {
    case "update": {
      const parsed = parseForm(form, ExposureFieldsSchema, ["exposed"]);
      const extra = { intent: "update" as const };
      if (!parsed.ok) return formFailure(parsed, { extra });
      try {
        updateExposure(scope, caseId, exposureId, parsed.data);
      } catch (e) {
        return formFailureOrThrow(e, { extra }); // DuplicateExposureError: under the address
      }
      return redirect(`${here}?saved=1`);
    }
    case "delete":
      deleteExposure(scope, caseId, exposureId);
      return redirect(`/cases/${caseId}`);
    case "upload": {
      const file = await fileBytes(form.get("file"));
      const extra = { intent: "upload" as const };
      if (!file) return formFailure(new UserError("Choose a file to upload.", { field: "file" }), { extra });
      try {
        await addEvidence(scope, exposureId, file);
      } catch (e) {
        return formFailureOrThrow(e, { extra }); // EvidenceError: under the file field
      }
      return redirect(`${here}#evidence`);
    }
    case "gone": {
      requirePermission(scope, "case:write"); // viewers: 403 before their form is read
      const extra = { intent: "gone" as const };
      const parsed = parseForm(form, checkedGoneSchema());
      if (!parsed.ok) return formFailure(parsed, { extra });
      try {
        const file = await fileBytes(form.get("file"));
        await confirmGone(scope, caseId, exposureId, { checkedOn: parsed.data.checkedOn, file });
      } catch (e) {
        return formFailureOrThrow(e, { extra }); // EvidenceError: under the file field
      }
      return redirect(`${here}?gone=1#gone`);
    }
    case "recheck": {
      // Fetched by the server behind the SSRF guard, never by the user's browser.
      await recheckExposure(scope, caseId, exposureId);
      return redirect(`${here}#checks`);
    }
    case "strip": {
      const parsed = parseForm(form, StripEvidenceSchema);
      const extra = { intent: "strip" as const };
      if (!parsed.ok) return formFailure(parsed, { extra });
      try {
        await stripMetadata(scope, exposureId, parsed.data.evidenceId);
      } catch (e) {
        return formFailureOrThrow(e, { extra }); // EvidenceError: a file that cannot be cleaned
      }
      return redirect(`${here}#evidence`);
    }
  }
}

function formatBytes(n: number) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export default function ExposurePage() {
  const {
    caseId,
    exposure: e,
    evidence,
    checks,
    canWrite,
    maxUploadMb,
    today,
    match,
    residence,
    story,
  } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // Which form failed (an unknown action names none).
  const data = answer && "intent" in answer ? answer : undefined;
  const nav = useNavigation();
  const busy = (intent: string) => nav.state === "submitting" && nav.formData?.get("intent") === intent;
  const base = `/cases/${caseId}/exposures/${e.id}`;
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${caseId}`}>← Back to the case</Link>
      </p>
      <h1>Exposure</h1>
      <div className="card">
        <dl className="facts">
          <dt>Web address</dt>
          <dd className="mono">{e.url}</dd>
          <dt>Status</dt>
          <dd>
            <span className={`badge badge-${e.status}`}>{STATUS_LABELS[e.status]}</span>
            {story.gone ? (
              <p>
                {story.gone.by === "recheck"
                  ? `Checked gone on ${story.gone.on} by a re-check.`
                  : `You confirmed it was gone on ${story.gone.on}.`}
              </p>
            ) : null}
            {story.saidRemovedOn ? (
              <p>
                The recipient said on {story.saidRemovedOn} that it is removed. Retract has not checked it
                yet.
              </p>
            ) : null}
            {story.nextCheckOn ? <p>Next re-check on {story.nextCheckOn}.</p> : null}
          </dd>
          <dt>Severity</dt>
          <dd>
            <span className={`badge badge-${e.severity}`}>{SEVERITY_LABELS[e.severity]}</span>{" "}
            {e.severityOverridden ? (
              <span className="muted">(set by hand; worked out: {SEVERITY_LABELS[e.computedSeverity]})</span>
            ) : null}
          </dd>
          <dt>Exposed</dt>
          <dd>
            {e.exposed.length ? e.exposed.map((k) => EXPOSED_LABELS[k]).join(", ") : "Nothing marked yet"}
          </dd>
          <dt>Calls for harm</dt>
          <dd>{e.callsForHarm ? "Yes" : "No"}</dd>
          <dt>Found</dt>
          <dd>{e.foundOn}</dd>
          {e.notes ? (
            <>
              <dt>Notes</dt>
              <dd>{e.notes}</dd>
            </>
          ) : null}
        </dl>
      </div>

      <section aria-labelledby="recipient" className="card stack">
        <h2 id="recipient">Who to write to</h2>
        {match ? (
          <RecipientSummary match={match} />
        ) : (
          <p>This address is not on a domain the directory can look up (an IP or onion address).</p>
        )}
        {match?.recipient ? (
          <>
            <h3>Rules a letter can use</h3>
            {match.regimes.length ? (
              <ul>
                {match.regimes.map((g) => (
                  <li key={g.regime}>
                    <strong>{g.name}</strong>: {g.reason}
                  </li>
                ))}
              </ul>
            ) : (
              <p>A regulator takes complaints: no removal letter is addressed to it.</p>
            )}
            <p className="muted">
              {residence
                ? `Based on where the recipient is, where the person lives (${residence})`
                : "Based on where the recipient is (add the person's country to see more)"}
              {e.exposed.includes("photos") ? " and the photos exposed" : ""}. Suggestions, not legal advice.
            </p>
          </>
        ) : null}
      </section>

      <RecheckSection checks={checks} canWrite={canWrite} busy={busy("recheck")} />

      {canWrite && e.status !== "removed" ? (
        <section aria-labelledby="gone" className="card medium">
          <h2 id="gone">I checked: it is gone</h2>
          <p className="muted">
            Looked at the page yourself and the details are no longer there? Record the day you checked. A
            screenshot of the empty page or the error is good evidence, but it is optional.
          </p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="gone" />
            {data?.intent === "gone" ? <FormErrors errors={data.formErrors} /> : null}
            <TextField
              id="gone-checked-on"
              name="checkedOn"
              label="The day you checked"
              type="date"
              defaultValue={today}
              errors={data?.intent === "gone" ? data.fieldErrors.checkedOn : undefined}
            />
            <div className="field">
              <label htmlFor="gone-file">Evidence (optional)</label>
              <p className="hint" id="gone-file-hint">
                Screenshot (PNG, JPEG, WebP), PDF, saved web page or MP4 video, up to {maxUploadMb} MB.
              </p>
              {data?.intent === "gone" && data.fieldErrors.file ? (
                <p className="error" id="gone-file-error">
                  {data.fieldErrors.file.join(" ")}
                </p>
              ) : null}
              <input
                id="gone-file"
                name="file"
                type="file"
                aria-describedby={
                  data?.intent === "gone" && data.fieldErrors.file
                    ? "gone-file-hint gone-file-error"
                    : "gone-file-hint"
                }
                aria-invalid={data?.intent === "gone" && data.fieldErrors.file ? true : undefined}
              />
            </div>
            <button type="submit" className="button" disabled={busy("gone")}>
              {busy("gone") ? "Saving…" : "Record that it is gone"}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="evidence" className="stack">
        <h2 id="evidence">Evidence</h2>
        <p className="muted">
          Screenshots, PDFs or saved pages that show what was posted. Files are encrypted on this server. The
          SHA-256 fingerprint proves later that a file was not changed.
        </p>
        {evidence.length === 0 ? (
          <div className="empty">
            <p>No evidence yet. A screenshot with the address bar visible is the most useful.</p>
          </div>
        ) : (
          <ul className="list">
            {evidence.map((f) => (
              <li key={f.id} className="list-item stack">
                <div className="spread">
                  <strong>{f.filename}</strong>
                  <a href={`${base}/evidence/${f.id}`} download>
                    Download <span className="visually-hidden">{f.filename}</span>
                  </a>
                </div>
                <div className="meta-row">
                  <span>{f.mime}</span>
                  <span>{formatBytes(f.size)}</span>
                  {f.derivedFrom ? <span>Copy without metadata</span> : null}
                </div>
                <p>
                  SHA-256: <code>{f.sha256}</code>
                </p>
                {f.hasGps ? (
                  <div className="notice notice-warn" role="note">
                    <p>
                      <strong>This file contains a GPS position</strong>
                      {f.metadata.gps
                        ? ` (${f.metadata.gps.latitude.toFixed(5)}, ${f.metadata.gps.longitude.toFixed(5)})`
                        : ""}
                      {f.metadata.camera ? ` and the camera model (${f.metadata.camera})` : ""}. Anyone you
                      send it to can see where it was taken. Send a copy without metadata instead.
                    </p>
                    {canWrite && f.strippable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="strip" />
                        <input type="hidden" name="evidenceId" value={f.id} />
                        <button type="submit" className="button button-secondary" disabled={busy("strip")}>
                          {busy("strip") ? "Making a clean copy…" : "Make a copy without metadata"}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                ) : f.metadata.camera || f.metadata.takenAt ? (
                  <p className="muted">
                    Contains camera details{f.metadata.camera ? ` (${f.metadata.camera})` : ""}
                    {f.metadata.takenAt ? `, taken ${f.metadata.takenAt.slice(0, 10)}` : ""}.
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {data?.intent === "strip" ? <FormErrors errors={data.formErrors} /> : null}
        {canWrite ? (
          <Form method="post" encType="multipart/form-data" className="card medium">
            <input type="hidden" name="intent" value="upload" />
            {data?.intent === "upload" ? <FormErrors errors={data.formErrors} /> : null}
            <div className="field">
              <label htmlFor="f-file">Add a file</label>
              <p className="hint" id="f-file-hint">
                Screenshot (PNG, JPEG, WebP), PDF, saved web page or MP4 video, up to {maxUploadMb} MB.
              </p>
              {data?.intent === "upload" && data.fieldErrors.file ? (
                <p className="error" id="f-file-error">
                  {data.fieldErrors.file.join(" ")}
                </p>
              ) : null}
              <input
                id="f-file"
                name="file"
                type="file"
                aria-describedby={
                  data?.intent === "upload" && data.fieldErrors.file
                    ? "f-file-hint f-file-error"
                    : "f-file-hint"
                }
                aria-invalid={data?.intent === "upload" && data.fieldErrors.file ? true : undefined}
              />
            </div>
            <button type="submit" className="button" disabled={busy("upload")}>
              {busy("upload") ? "Uploading and encrypting…" : "Upload"}
            </button>
            {busy("upload") ? (
              <p role="status" className="muted">
                Uploading. Large files can take a little while.
              </p>
            ) : null}
          </Form>
        ) : null}
      </section>

      {canWrite ? (
        <section aria-labelledby="edit" className="card medium">
          <h2 id="edit">Change the details</h2>
          <Form method="post" noValidate>
            {data?.intent === "update" ? <FormErrors errors={data.formErrors} /> : null}
            <input type="hidden" name="intent" value="update" />
            <ExposureFieldset
              today={today}
              withStatus
              errors={data?.intent === "update" ? data.fieldErrors : undefined}
              defaults={{
                url: e.url,
                exposed: e.exposed,
                callsForHarm: e.callsForHarm,
                foundOn: e.foundOn,
                status: e.status,
                severityOverride: e.severityOverridden ? e.severity : "",
                notes: e.notes,
              }}
            />
            <button type="submit" className="button" disabled={busy("update")}>
              {busy("update") ? "Saving…" : "Save changes"}
            </button>
          </Form>
        </section>
      ) : null}

      {canWrite ? (
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button-danger">
            Delete this exposure and its evidence
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Exposure · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
