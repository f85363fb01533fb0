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
import { MandateUploadSchema } from "~/requests/compose/forms.server";
import { listMandates, MANDATE_MAX_BYTES, uploadMandate } from "~/requests/compose/mandates.server";
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
  return {
    id: s.id,
    defaults: subjectDefaults(s),
    countries: countryOptions(),
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
  let form: FormData;
  try {
    form = await readFormWithFiles(request, MANDATE_MAX_BYTES);
  } catch (e) {
    if (e instanceof UploadTooLargeError)
      return formFailure(new UserError("The file is larger than 15 MB.", { field: "file", status: 413 }), {
        extra: { intent: "mandate" as const },
      });
    throw e;
  }
  if (form.get("intent") === "mandate") {
    const extra = { intent: "mandate" as const };
    const parsed = parseForm(form, MandateUploadSchema);
    if (!parsed.ok) return formFailure(parsed, { extra });
    const file = await fileBytes(form.get("file"));
    if (!file)
      return formFailure(
        new UserError("Choose the signed letter of authority to upload.", { field: "file" }),
        {
          extra,
        },
      );
    try {
      await uploadMandate(scope, subjectId, { ...file, signedOn: parsed.data.signedOn });
    } catch (e) {
      return formFailureOrThrow(e, { extra }); // MandateError: under the file field
    }
    return redirect(`/subjects/${subjectId}?mandate=1`);
  }
  if (form.get("intent") === "erase") {
    requirePermission(scope, "workspace:manage");
    const erase = parseForm(form, EraseSchema);
    if (!erase.ok) return formFailure(erase, { extra: { intent: "erase" as const } });
    eraseSubject(scope, subjectId);
    return redirect("/?erased=1");
  }
  if (form.get("intent") === "assign") {
    const assign = parseForm(form, AssignSchema);
    // Named, so the person's details below keep what is on file rather than the assignment form's values.
    const extra = { intent: "assign" as const };
    if (!assign.ok) return formFailure(assign, { extra });
    try {
      assignSubject(scope, subjectId, assign.data.assignee || null);
    } catch (e) {
      return formFailureOrThrow(e, { extra }); // MemberError: under the assignee field
    }
    return redirect(`/subjects/${subjectId}?assigned=1`);
  }
  const parsed = parseForm(form, SubjectFieldsSchema);
  if (!parsed.ok) return formFailure(parsed);
  updateSubject(scope, subjectId, parsed.data);
  return redirect(`/subjects/${subjectId}?saved=1`);
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
  return (
    <div className="stack medium">
      <h1>About {defaults.name}</h1>
      <p>
        <Link to={`/subjects/${id}/find`}>Where else might {defaults.name} be?</Link> A checklist of search
        engines and people-search sites to look through, in your own browser.
      </p>
      {hasIntake ? (
        <p>
          <Link to={`/clients/${id}/intake`}>Intake answers</Link>: safe contact, what leaked, next steps.
        </p>
      ) : null}
      {params.get("saved") || params.get("assigned") || params.get("mandate") ? (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      ) : null}
      {assignment ? (
        <Form method="post" className="card row assign-form">
          <input type="hidden" name="intent" value="assign" />
          <SelectField
            name="assignee"
            label="Caseworker for this client"
            hint="Caseworkers see only the clients assigned to them; admins and viewers see everyone."
            options={[
              { value: "", label: "Nobody (admins only)" },
              ...assignment.members.map((m) => ({ value: m.userId, label: `${m.name} (${m.role})` })),
            ]}
            defaultValue={assignment.assignee}
            errors={data?.fieldErrors.assignee}
          />
          <button type="submit" className="button button-secondary" disabled={busy}>
            Assign
          </button>
        </Form>
      ) : null}
      <Form method="post" className="card" noValidate>
        <fieldset className="field" disabled={!canWrite}>
          <legend className="visually-hidden">The person's details</legend>
          <SubjectFieldset
            countries={countries}
            defaults={intent ? defaults : (data?.values ?? defaults)}
            errors={intent ? undefined : data?.fieldErrors}
          />
        </fieldset>
        {canWrite ? (
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
        ) : null}
      </Form>
      {canWrite ? (
        <section className="card stack" aria-labelledby="mandate-heading">
          <h2 id="mandate-heading">Letter of authority</h2>
          <p className="hint">
            When you write for this person, they sign a letter of authority naming you. Letters you send for
            them state its date and carry the signed copy.
          </p>
          <p>
            <a href={`/subjects/${id}/mandate`} className="button button-secondary" download>
              Letter of authority (PDF to sign)
            </a>
          </p>
          {mandates.length ? (
            <ul className="list">
              {mandates.map((m, i) => (
                <li key={m.id} className="list-item">
                  Signed {m.signedOn}: <span className="mono">{m.filename}</span>
                  {i === 0 ? <span className="badge">In use</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No signed copy uploaded yet.</p>
          )}
          <Form method="post" encType="multipart/form-data" className="stack" noValidate>
            <input type="hidden" name="intent" value="mandate" />
            <TextField
              name="file"
              type="file"
              label="Signed copy (PDF or photo)"
              errors={mandateErrors?.file}
            />
            <TextField
              name="signedOn"
              type="date"
              label="Date they signed it"
              errors={mandateErrors?.signedOn}
            />
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Uploading…" : "Upload the signed copy"}
            </button>
          </Form>
        </section>
      ) : null}
      {canExport || canErase ? (
        <section className="card stack" aria-labelledby="data-heading">
          <h2 id="data-heading">This person's data</h2>
          {canExport ? (
            <p>
              <a href={`/subjects/${id}/export`} className="button button-secondary" download>
                Download everything about this person (ZIP)
              </a>
            </p>
          ) : null}
          {canErase ? (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="intent" value="erase" />
              <p className="hint">
                Erasing removes this person, their cases, exposures, evidence files and letters for good. The
                activity log keeps only that an erasure happened.
              </p>
              <TextField
                name="confirm"
                id="f-erase-confirm"
                label="Type ERASE to confirm"
                autoComplete="off"
                errors={eraseErrors}
              />
              <button type="submit" className="button button-danger" disabled={busy}>
                Erase this person
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Person · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
