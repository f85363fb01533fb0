import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireScope } from "~/auth/session.server";
import { SubjectFieldset, subjectDefaults } from "~/subjects/subject-fields";
import { getSubject, SubjectFieldsSchema, updateSubject } from "~/subjects/subjects.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { countryOptions } from "~/utils/countries.server";
import { type FieldErrors, parseForm, parseParams } from "~/utils/forms";
import { can, requirePermission } from "~/workspaces/scope.server";

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
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "case:write");
  const { subjectId } = parseParams(params, ParamsSchema);
  const form = await request.formData();
  const parsed = parseForm(form, SubjectFieldsSchema);
  if (!parsed.ok) return Response.json(parsed, { status: 400 });
  updateSubject(scope, subjectId, parsed.data);
  return redirect(`/subjects/${subjectId}?saved=1`);
}

export default function SubjectPage() {
  const { defaults, countries, canWrite } = useLoaderData<typeof loader>();
  const data = useActionData<{ fieldErrors: FieldErrors; values: Record<string, string> }>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack medium">
      <h1>About {defaults.name}</h1>
      {params.get("saved") ? (
        <p className="notice notice-ok" role="status">
          Saved.
        </p>
      ) : null}
      <Form method="post" className="card" noValidate>
        <fieldset className="field" disabled={!canWrite}>
          <legend className="visually-hidden">The person's details</legend>
          <SubjectFieldset
            countries={countries}
            defaults={data?.values ?? defaults}
            errors={data?.fieldErrors}
          />
        </fieldset>
        {canWrite ? (
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Saving…" : "Save"}
          </button>
        ) : null}
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Person · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
