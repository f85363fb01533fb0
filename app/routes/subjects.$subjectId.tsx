import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { EraseSchema } from "~/account/schemas.server";
import { requireScope } from "~/auth/session.server";
import { eraseSubject } from "~/export/erase.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import type { Translator } from "~/i18n/translate";
import { translateUserError } from "~/recipients/user-errors.server";
import { MandateUploadSchema } from "~/requests/compose/forms.server";
import { listMandates, MANDATE_MAX_BYTES, uploadMandate } from "~/requests/compose/mandates.server";
import { countryOptionsIn } from "~/subjects/country-names";
import { hasIntake } from "~/subjects/intake.server";
import { SubjectFieldset, subjectDefaults } from "~/subjects/subject-fields";
import { getSubject, SubjectFieldsSchema, updateSubject } from "~/subjects/subjects.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SelectField, TextField } from "~/ui/forms";
import { countryOptions } from "~/utils/countries.server";
import { formFailure, formFailureOrThrow, parseForm, parseIds, UserError } from "~/utils/forms.server";
import { fileBytes, readFormWithFiles, UploadTooLargeError } from "~/utils/multipart.server";
import { assignableMembers, assignSubject, getAssignee } from "~/workspaces/members.server";
import { AssignSchema } from "~/workspaces/schemas.server";
import { can, requirePermission, type Scope } from "~/workspaces/scope.server";
import { getWorkspace } from "~/workspaces/workspaces.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseIds(params, "subjectId");
  const s = getSubject(scope, subjectId);
  const { locale } = await getTranslator(request);
  return {
    id: s.id,
    defaults: subjectDefaults(s),
    countries: countryOptionsIn(locale, countryOptions()),
    canWrite: can(scope, "case:write"),
    assignment: assignmentFor(scope, subjectId),
    canExport: can(scope, "case:write"),
    canErase: can(scope, "workspace:manage"),
    mandates: listMandates(scope, subjectId),
    hasIntake: hasIntake(scope, subjectId),
  };
}

// Organisations only: who this client is assigned to, for admins (the only ones who may change it).
function assignmentFor(scope: Scope, subjectId: string) {
  if (!can(scope, "subject:assign") || getWorkspace(scope.workspaceId)?.kind !== "organisation") return null;
  return { assignee: getAssignee(scope, subjectId) ?? "", members: assignableMembers(scope) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { subjectId } = parseIds(params, "subjectId");
  const translator = await getTranslator(request);
  const { t } = translator;
  // Every failure below in the page's words: schema messages and UserErrors that are keys (others pass through).
  const fail = failWith(translator);
  let form: FormData;
  try {
    form = await readFormWithFiles(request, MANDATE_MAX_BYTES);
  } catch (e) {
    if (e instanceof UploadTooLargeError)
      return formFailure(new UserError(t("subject.mandate.tooLarge"), { field: "file", status: 413 }), {
        extra: { intent: "mandate" as const },
      });
    throw e;
  }
  if (form.get("intent") === "mandate") {
    const extra = { intent: "mandate" as const };
    const parsed = parseForm(form, MandateUploadSchema);
    if (!parsed.ok) return formFailure(fail(parsed), { extra });
    const file = await fileBytes(form.get("file"));
    if (!file)
      return formFailure(new UserError(t("subject.mandate.noFile"), { field: "file" }), {
        extra,
      });
    try {
      await uploadMandate(scope, subjectId, { ...file, signedOn: parsed.data.signedOn });
    } catch (e) {
      return formFailureOrThrow(e instanceof UserError ? translateUserError(translator, e) : e, { extra }); // MandateError: under the file field
    }
    return redirect(`/subjects/${subjectId}?mandate=1`);
  }
  if (form.get("intent") === "erase") {
    requirePermission(scope, "workspace:manage");
    const erase = parseForm(form, EraseSchema);
    if (!erase.ok) return formFailure(fail(erase), { extra: { intent: "erase" as const } });
    eraseSubject(scope, subjectId);
    return redirect("/?erased=1");
  }
  if (form.get("intent") === "assign") {
    const assign = parseForm(form, AssignSchema);
    // Named, so the person's details below keep what is on file rather than the assignment form's values.
    const extra = { intent: "assign" as const };
    if (!assign.ok) return formFailure(fail(assign), { extra });
    try {
      assignSubject(scope, subjectId, assign.data.assignee || null);
    } catch (e) {
      return formFailureOrThrow(e instanceof UserError ? translateUserError(translator, e) : e, { extra }); // MemberError: under the assignee field
    }
    return redirect(`/subjects/${subjectId}?assigned=1`);
  }
  const parsed = parseForm(form, SubjectFieldsSchema);
  if (!parsed.ok) return formFailure(fail(parsed));
  updateSubject(scope, subjectId, parsed.data);
  return redirect(`/subjects/${subjectId}?saved=1`);
}

function failWith(translator: Translator) {
  return <F extends Parameters<typeof translateFailure>[1]>(failure: F) =>
    translateFailure(translator, failure);
}

export default function SubjectPage() {
  const { id, defaults, countries, canWrite, assignment, canExport, canErase, mandates, hasIntake } =
    useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  // The letter of authority, erasure and assignment forms name themselves; a failed save of the details does not.
  const intent = data && "intent" in data ? data.intent : undefined;
  const eraseErrors = intent === "erase" ? data?.fieldErrors.confirm : undefined;
  const mandateErrors = intent === "mandate" ? data?.fieldErrors : undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { t, rich, locale } = useT();
  return (
    <div className="stack medium">
      <h1>{t("subject.heading", { name: defaults.name ?? "" })}</h1>
      <p>
        {rich("subject.findLink", {
          name: defaults.name ?? "",
          link: (chunks) => <Link to={`/subjects/${id}/find`}>{chunks}</Link>,
        })}
      </p>
      {hasIntake ? (
        <p>
          {rich("subject.intakeLink", {
            link: (chunks) => <Link to={`/clients/${id}/intake`}>{chunks}</Link>,
          })}
        </p>
      ) : null}
      {params.get("saved") || params.get("assigned") || params.get("mandate") ? (
        <p className="notice notice-ok" role="status">
          {t("subject.saved")}
        </p>
      ) : null}
      {assignment ? (
        <Form method="post" className="card row assign-form">
          <input type="hidden" name="intent" value="assign" />
          <SelectField
            name="assignee"
            label={t("subject.assign.label")}
            hint={t("subject.assign.hint")}
            options={[
              { value: "", label: t("subject.assign.nobody") },
              ...assignment.members.map((m) => ({
                value: m.userId,
                label: t("subject.assign.member", { name: m.name, role: m.role }),
              })),
            ]}
            defaultValue={assignment.assignee}
            errors={data?.fieldErrors.assignee}
          />
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t("subject.assign.submit")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="card" noValidate>
        <fieldset className="field" disabled={!canWrite}>
          <legend className="visually-hidden">{t("subject.details")}</legend>
          <SubjectFieldset
            countries={countries}
            defaults={intent ? defaults : (data?.values ?? defaults)}
            errors={intent ? undefined : data?.fieldErrors}
          />
        </fieldset>
        {canWrite ? (
          <button type="submit" className="button" disabled={busy}>
            {busy ? t("common.saving") : t("subject.save")}
          </button>
        ) : null}
      </Form>
      {canWrite ? (
        <section className="card stack" aria-labelledby="mandate-heading">
          <h2 id="mandate-heading">{t("subject.mandate.heading")}</h2>
          <p className="hint">{t("subject.mandate.intro")}</p>
          <p>
            <a href={`/subjects/${id}/mandate`} className="button button-secondary" download>
              {t("subject.mandate.download")}
            </a>
          </p>
          {mandates.length ? (
            <ul className="list">
              {mandates.map((m, i) => (
                <li key={m.id} className="list-item">
                  {rich("subject.mandate.signed", {
                    date: formatDay(locale, m.signedOn, "long"),
                    filename: m.filename,
                    file: (chunks) => <span className="mono">{chunks}</span>,
                  })}
                  {i === 0 ? <span className="badge">{t("subject.mandate.inUse")}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t("subject.mandate.none")}</p>
          )}
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="mandate" />
            <TextField
              name="file"
              type="file"
              label={t("subject.mandate.file")}
              errors={mandateErrors?.file}
            />
            <TextField
              name="signedOn"
              type="date"
              label={t("subject.mandate.signedOn")}
              errors={mandateErrors?.signedOn}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? t("subject.mandate.uploading") : t("subject.mandate.upload")}
            </button>
          </Form>
        </section>
      ) : null}
      {canExport || canErase ? (
        <section className="card stack" aria-labelledby="data-heading">
          <h2 id="data-heading">{t("subject.data.heading")}</h2>
          {canExport ? (
            <p>
              <a href={`/subjects/${id}/export`} className="button button-secondary" download>
                {t("subject.data.export")}
              </a>
            </p>
          ) : null}
          {canErase ? (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="erase" />
              <p className="hint">{t("subject.data.eraseIntro")}</p>
              <TextField
                name="confirm"
                id="f-erase-confirm"
                label={t("subject.data.eraseConfirm")}
                autoComplete="off"
                errors={eraseErrors}
              />
              <button type="submit" className="button button-danger" disabled={busy}>
                {t("subject.data.erase")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "subject.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
