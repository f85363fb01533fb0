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
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { metaTranslator } from "~/i18n/meta";
import type { Translator } from "~/i18n/translate";
import { RecheckSection } from "~/rechecks/recheck-section";
import { listChecks, recheckExposure } from "~/rechecks/rechecks.server";
import { reasonInWords } from "~/recipients/regimes";
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
  return {
    // How it was checked gone and when, the recipient's word, and the next re-check (days, written in the page
    // language by the page).
    story: {
      gone: story?.gone ? { on: story.gone.on, by: story.gone.by } : null,
      saidRemovedOn: story?.status === "said_removed" ? (story.saidRemoved?.on ?? null) : null,
      nextCheckOn: story?.nextCheckOn ?? null,
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
  const translator = await getTranslator(request);
  const { t } = translator;
  const maxBytes = getEnv().RETRACT_MAX_UPLOAD_MB * 1024 * 1024;
  let form: FormData;
  try {
    form = await readFormWithFiles(request, maxBytes);
  } catch (e) {
    if (e instanceof UploadTooLargeError) {
      return formFailure(t("exposure.errors.tooLarge", { mb: getEnv().RETRACT_MAX_UPLOAD_MB }), {
        status: 413,
        extra: { intent: "upload" as const },
      });
    }
    throw e;
  }
  const intent = ExposureIntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return formFailure(t("errors.unknownAction"));
  const here = `/cases/${caseId}/exposures/${exposureId}`;
  switch (intent.data) {
    case "update": {
      const parsed = parseForm(form, ExposureFieldsSchema, ["exposed"]);
      const extra = { intent: "update" as const };
      if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra });
      try {
        updateExposure(scope, caseId, exposureId, parsed.data);
      } catch (e) {
        return formFailureOrThrow(e, { extra, translator }); // DuplicateExposureError: under the address
      }
      return redirect(`${here}?saved=1`);
    }
    case "delete":
      deleteExposure(scope, caseId, exposureId);
      return redirect(`/cases/${caseId}`);
    case "upload": {
      const file = await fileBytes(form.get("file"));
      const extra = { intent: "upload" as const };
      if (!file) return formFailure(new UserError(t("exposure.errors.noFile"), { field: "file" }), { extra });
      try {
        await addEvidence(scope, exposureId, file);
      } catch (e) {
        return formFailureOrThrow(e, { extra, translator }); // EvidenceError: under the file field
      }
      return redirect(`${here}#evidence`);
    }
    case "gone": {
      requirePermission(scope, "case:write"); // viewers: 403 before their form is read
      const extra = { intent: "gone" as const };
      const parsed = parseForm(form, checkedGoneSchema());
      if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra });
      try {
        const file = await fileBytes(form.get("file"));
        await confirmGone(scope, caseId, exposureId, { checkedOn: parsed.data.checkedOn, file });
      } catch (e) {
        return formFailureOrThrow(e, { extra, translator }); // EvidenceError: under the file field
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
      if (!parsed.ok) return formFailure(translateFailure(translator, parsed), { extra });
      try {
        await stripMetadata(scope, exposureId, parsed.data.evidenceId);
      } catch (e) {
        return formFailureOrThrow(e, { extra, translator }); // EvidenceError: a file that cannot be cleaned
      }
      return redirect(`${here}#evidence`);
    }
  }
}

function formatBytes({ t }: Translator, n: number) {
  if (n < 1024) return t("exposure.evidence.bytes", { count: n });
  if (n < 1024 * 1024) return t("exposure.evidence.kilobytes", { size: n / 1024 });
  return t("exposure.evidence.megabytes", { size: n / 1024 / 1024 });
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
  const translator = useT();
  const { t, rich, locale } = translator;
  const day = (on: string) => formatDay(locale, on, "long");
  const uploadHint = t("exposure.evidence.fileHint", { mb: maxUploadMb });
  return (
    <div className="stack">
      <p>
        <Link to={`/cases/${caseId}`}>{t("exposure.page.back")}</Link>
      </p>
      <h1>{t("exposure.page.title")}</h1>
      <div className="card">
        <dl className="facts">
          <dt>{t("exposure.page.url")}</dt>
          <dd className="mono">{e.url}</dd>
          <dt>{t("exposure.page.status")}</dt>
          <dd>
            <span className={`badge badge-${e.status}`}>{t(STATUS_LABELS[e.status])}</span>
            {story.gone ? (
              <p>
                {t(story.gone.by === "recheck" ? "exposure.page.goneByRecheck" : "exposure.page.goneByYou", {
                  on: day(story.gone.on),
                })}
              </p>
            ) : null}
            {story.saidRemovedOn ? (
              <p>{t("exposure.page.saidRemoved", { on: day(story.saidRemovedOn) })}</p>
            ) : null}
            {story.nextCheckOn ? <p>{t("exposure.page.nextCheck", { on: day(story.nextCheckOn) })}</p> : null}
          </dd>
          <dt>{t("exposure.field.severity")}</dt>
          <dd>
            <span className={`badge badge-${e.severity}`}>{t(SEVERITY_LABELS[e.severity])}</span>{" "}
            {e.severityOverridden ? (
              <span className="muted">
                {t("exposure.page.severitySetByHand", { computed: t(SEVERITY_LABELS[e.computedSeverity]) })}
              </span>
            ) : null}
          </dd>
          <dt>{t("exposure.page.exposed")}</dt>
          <dd>
            {e.exposed.length
              ? e.exposed.map((k) => t(EXPOSED_LABELS[k])).join(", ")
              : t("exposure.nothingMarked")}
          </dd>
          <dt>{t("exposure.callsForHarm")}</dt>
          <dd>{t(e.callsForHarm ? "common.yes" : "common.no")}</dd>
          <dt>{t("exposure.page.found")}</dt>
          <dd>{day(e.foundOn)}</dd>
          {e.notes ? (
            <>
              <dt>{t("exposure.page.notes")}</dt>
              <dd>{e.notes}</dd>
            </>
          ) : null}
        </dl>
      </div>

      <section aria-labelledby="recipient" className="card stack">
        <h2 id="recipient">{t("exposure.page.whoToWrite")}</h2>
        {match ? <RecipientSummary match={match} /> : <p>{t("exposure.page.noDomain")}</p>}
        {match?.recipient ? (
          <>
            <h3>{t("exposure.page.rules")}</h3>
            {match.regimes.length ? (
              <ul>
                {match.regimes.map((g) => (
                  <li key={g.regime}>
                    <strong>{g.name}</strong>: {reasonInWords(t, locale, g.reasonMessage)}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t("exposure.page.regulator")}</p>
            )}
            <p className="muted">
              {residence
                ? t("exposure.page.basisResidence", {
                    residence,
                    photos: e.exposed.includes("photos") ? "yes" : "no",
                  })
                : t("exposure.page.basis", { photos: e.exposed.includes("photos") ? "yes" : "no" })}
            </p>
          </>
        ) : null}
      </section>

      <RecheckSection checks={checks} canWrite={canWrite} busy={busy("recheck")} />

      {canWrite && e.status !== "removed" ? (
        <section aria-labelledby="gone" className="card medium">
          <h2 id="gone">{t("exposure.gone.title")}</h2>
          <p className="muted">{t("exposure.gone.intro")}</p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="gone" />
            {data?.intent === "gone" ? <FormErrors errors={data.formErrors} /> : null}
            <TextField
              id="gone-checked-on"
              name="checkedOn"
              label={t("exposure.gone.checkedOn")}
              type="date"
              defaultValue={today}
              errors={data?.intent === "gone" ? data.fieldErrors.checkedOn : undefined}
            />
            <div className="field">
              <label htmlFor="gone-file">{t("exposure.gone.file")}</label>
              <p className="hint" id="gone-file-hint">
                {uploadHint}
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
              {t(busy("gone") ? "common.saving" : "exposure.gone.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="evidence" className="stack">
        <h2 id="evidence">{t("exposure.evidence.title")}</h2>
        <p className="muted">{t("exposure.evidence.intro")}</p>
        {evidence.length === 0 ? (
          <div className="empty">
            <p>{t("exposure.evidence.empty")}</p>
          </div>
        ) : (
          <ul className="list">
            {evidence.map((f) => (
              <li key={f.id} className="list-item stack">
                <div className="spread">
                  <strong>{f.filename}</strong>
                  <a href={`${base}/evidence/${f.id}`} download>
                    {rich("exposure.evidence.download", {
                      filename: f.filename,
                      hidden: (chunks) => (
                        <span key="name" className="visually-hidden">
                          {chunks}
                        </span>
                      ),
                    })}
                  </a>
                </div>
                <div className="meta-row">
                  <span>{f.mime}</span>
                  <span>{formatBytes(translator, f.size)}</span>
                  {f.derivedFrom ? <span>{t("exposure.evidence.cleanCopy")}</span> : null}
                </div>
                <p>
                  {rich("exposure.evidence.sha256", {
                    hash: f.sha256,
                    code: (chunks) => <code key="hash">{chunks}</code>,
                  })}
                </p>
                {f.hasGps ? (
                  <div className="notice notice-warn" role="note">
                    <p>
                      {rich("exposure.evidence.gps", {
                        where: f.metadata.gps
                          ? `${f.metadata.gps.latitude.toFixed(5)}, ${f.metadata.gps.longitude.toFixed(5)}`
                          : "none",
                        camera: f.metadata.camera || "none",
                        strong: (chunks) => <strong key="gps">{chunks}</strong>,
                      })}
                    </p>
                    {canWrite && f.strippable ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="strip" />
                        <input type="hidden" name="evidenceId" value={f.id} />
                        <button type="submit" className="button button-secondary" disabled={busy("strip")}>
                          {t(busy("strip") ? "exposure.evidence.stripping" : "exposure.evidence.strip")}
                        </button>
                      </Form>
                    ) : null}
                  </div>
                ) : f.metadata.camera || f.metadata.takenAt ? (
                  <p className="muted">
                    {t("exposure.evidence.camera", {
                      camera: f.metadata.camera || "none",
                      takenOn: f.metadata.takenAt ? day(f.metadata.takenAt.slice(0, 10)) : "none",
                    })}
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
              <label htmlFor="f-file">{t("exposure.evidence.add")}</label>
              <p className="hint" id="f-file-hint">
                {uploadHint}
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
              {t(busy("upload") ? "exposure.evidence.uploading" : "exposure.evidence.upload")}
            </button>
            {busy("upload") ? (
              <p role="status" className="muted">
                {t("exposure.evidence.uploadingNote")}
              </p>
            ) : null}
          </Form>
        ) : null}
      </section>

      {canWrite ? (
        <section aria-labelledby="edit" className="card medium">
          <h2 id="edit">{t("exposure.edit.title")}</h2>
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
              {t(busy("update") ? "common.saving" : "exposure.edit.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {canWrite ? (
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <button type="submit" className="button button-danger">
            {t("exposure.edit.delete")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => [
  { title: metaTranslator(matches).t("exposure.page.metaTitle") },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
