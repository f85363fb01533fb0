import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { kindLabel } from "~/requests/kinds";
import { langOwnName } from "~/requests/languages";
import { CopyTemplateSchema } from "~/requests/render/template-forms.server";
import { listTemplates } from "~/requests/render/templates.server";
import {
  copyBuiltInTemplate,
  listWorkspaceTemplates,
  WorkspaceTemplateError,
} from "~/requests/render/workspace-templates.server";
import { userErrorIn } from "~/requests/said";
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
  const translator = await getTranslator(request);
  const parsed = parseForm(await request.formData(), CopyTemplateSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  try {
    const id = copyBuiltInTemplate(scope, parsed.data.source[0], parsed.data.source[1]);
    return redirect(`/settings/templates/${id}`);
  } catch (e) {
    if (e instanceof WorkspaceTemplateError) return formFailure(userErrorIn(translator, e));
    throw e;
  }
}

export default function Templates() {
  const { own, builtIn } = useLoaderData<typeof loader>();
  const i18n = useT();
  const data = useActionData<typeof action>();
  return (
    <div className="stack medium">
      <h1>{i18n.t("templates.title")}</h1>
      <p>{i18n.t("templates.intro")}</p>
      {own.length ? (
        <ul className="list">
          {own.map((t) => (
            <li key={t.id}>
              <Link to={`/settings/templates/${t.id}`}>{t.title}</Link>{" "}
              <span className="muted">
                {i18n.t("templates.item", {
                  kind: i18n.t(kindLabel(t.kind)),
                  language: langOwnName(t.lang),
                  version: t.version,
                })}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{i18n.t("templates.none")}</p>
      )}
      <Form method="post" className="card stack">
        <h2>{i18n.t("templates.copy.title")}</h2>
        <FormErrors errors={data?.formErrors} />
        <SelectField
          name="source"
          label={i18n.t("templates.copy.source")}
          options={builtIn}
          errors={data?.fieldErrors.source}
        />
        <button type="submit" className="button">
          {i18n.t("templates.copy.submit")}
        </button>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "templates.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
