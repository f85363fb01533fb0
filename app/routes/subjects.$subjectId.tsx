import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { EraseSchema } from "~/account/schemas";
import { requireScope } from "~/auth/session.server";
import { eraseSubject } from "~/export/erase.server";
import { MandateUploadSchema } from "~/requests/compose/forms";
import {
  listMandates,
  MANDATE_MAX_BYTES,
  MandateError,
  uploadMandate,
} from "~/requests/compose/mandates.server";
import { hasIntake } from "~/subjects/intake.server";
import { SubjectFieldset, subjectDefaults } from "~/subjects/subject-fields";
import { getSubject, SubjectFieldsSchema, updateSubject } from "~/subjects/subjects.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { SelectField, TextField } from "~/ui/forms";
import { countryOptions } from "~/utils/countries.server";
import { type FieldErrors, parseForm, parseParams } from "~/utils/forms";
import { fileBytes, readFormWithFiles, UploadTooLargeError } from "~/utils/multipart.server";
import { assignableMembers, assignSubject, getAssignee, MemberError } from "~/workspaces/members.server";
import { AssignSchema } from "~/workspaces/schemas";
import { can, requirePermission, type Scope } from "~/workspaces/scope.server";
import { getWorkspace } from "~/workspaces/workspaces.server";

const ParamsSchema = z.object({ subjectId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseParams(params, ParamsSchema);
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
  const { subjectId } = parseParams(params, ParamsSchema);
  let form: FormData;
  try {
    form = await readFormWithFiles(request, MANDATE_MAX_BYTES);
  } catch (e) {
    if (e instanceof UploadTooLargeError)
      return Response.json(
        { intent: "mandate", fieldErrors: { file: ["The file is larger than 15 MB."] }, values: {} },
        { status: 413 },
      );
    throw e;
  }
  if (form.get("intent") === "mandate") {
    const parsed = parseForm(form, MandateUploadSchema);
    if (!parsed.ok) return Response.json({ ...parsed, intent: "mandate" }, { status: 400 });
    const file = await fileBytes(form.get("file"));
    const fail = (message: string) =>
      Response.json({ intent: "mandate", fieldErrors: { file: [message] }, values: {} }, { status: 400 });
    if (!file) return fail("Choose the signed letter of authority to upload.");
    try {
      await uploadMandate(scope, subjectId, { ...file, signedOn: parsed.data.signedOn });
    } catch (e) {
      if (e instanceof MandateError) return fail(e.message);
      throw e;
    }
    return redirect(`/subjects/${subjectId}?mandate=1`);
  }
  if (form.get("intent") === "erase") {
    requirePermission(scope, "workspace:manage");
    const erase = parseForm(form, EraseSchema);
    if (!erase.ok) return Response.json({ ...erase, intent: "erase" }, { status: 400 });
    eraseSubject(scope, subjectId);
    return redirect("/?erased=1");
  }
  if (form.get("intent") === "assign") {
    const assign = parseForm(form, AssignSchema);
    if (!assign.ok) return Response.json(assign, { status: 400 });
    try {
      assignSubject(scope, subjectId, assign.data.assignee || null);
    } catch (e) {
      if (e instanceof MemberError)
        return Response.json({ fieldErrors: { assignee: [e.message] }, values: {} }, { status: 400 });
      throw e;
    }
    return redirect(`/subjects/${subjectId}?assigned=1`);
  }
  const parsed = parseForm(form, SubjectFieldsSchema);
  if (!parsed.ok) return Response.json(parsed, { status: 400 });
  updateSubject(scope, subjectId, parsed.data);
  return redirect(`/subjects/${subjectId}?saved=1`);
}

export default function SubjectPage() {
  const { id, defaults, countries, canWrite, assignment, canExport, canErase, mandates, hasIntake } =
    useLoaderData<typeof loader>();
  const data = useActionData<{ fieldErrors: FieldErrors; values: Record<string, string>; intent?: string }>();
  const eraseErrors = data?.intent === "erase" ? data.fieldErrors.confirm : undefined;
  const mandateErrors = data?.intent === "mandate" ? data.fieldErrors : undefined;
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack medium">
      <h1>About {defaults.name}</h1>
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
            defaults={data?.intent ? defaults : (data?.values ?? defaults)}
            errors={data?.intent ? undefined : data?.fieldErrors}
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
