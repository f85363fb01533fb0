import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { useT } from "~/i18n/i18n-context";
import { kindLabel } from "~/requests/kinds";
import { langOwnName } from "~/requests/languages";
import { CopyTemplateSchema } from "~/requests/render/template-forms.server";
import { listTemplates } from "~/requests/render/templates.server";
import {
  copyBuiltInTemplate,
  listWorkspaceTemplates,
  WorkspaceTemplateError,
} from "~/requests/render/workspace-templates.server";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors, SelectField } from "~/ui/forms";
import { formFailure, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "templates:manage");
  return {
    own: listWorkspaceTemplates(scope),
    builtIn: listTemplates()
      .filter((m) => m.id === m.kind)
      .map((m) => ({ value: `${m.id}/${m.lang}`, label: `${m.title} (${langOwnName(m.lang)})` })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "templates:manage");
  const parsed = parseForm(await request.formData(), CopyTemplateSchema);
  if (!parsed.ok) return formFailure(parsed);
  try {
    const id = copyBuiltInTemplate(scope, parsed.data.source[0], parsed.data.source[1]);
    return redirect(`/settings/templates/${id}`);
  } catch (e) {
    if (e instanceof WorkspaceTemplateError) return formFailure(e);
    throw e;
  }
}

export default function Templates() {
  const { own, builtIn } = useLoaderData<typeof loader>();
  const i18n = useT();
  const data = useActionData<typeof action>();
  return (
    <div className="stack medium">
      <h1>Your letter templates</h1>
      <p>
        Copy one of Retract's letters and change its wording for your workspace. Every saved change is a new
        version; each letter remembers the version it was written from.
      </p>
      {own.length ? (
        <ul className="list">
          {own.map((t) => (
            <li key={t.id}>
              <Link to={`/settings/templates/${t.id}`}>{t.title}</Link>{" "}
              <span className="muted">
                ({i18n.t(kindLabel(t.kind))}, {langOwnName(t.lang)}, version {t.version})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No templates of your own yet.</p>
      )}
      <Form method="post" className="card stack">
        <h2>Copy a built-in letter</h2>
        <FormErrors errors={data?.formErrors} />
        <SelectField
          name="source"
          label="Letter to copy"
          options={builtIn}
          errors={data?.fieldErrors.source}
        />
        <button type="submit" className="button">
          Copy and edit
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Letter templates · Retract" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
