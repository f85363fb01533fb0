import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { requireScope } from "~/auth/session.server";
import { formatDay } from "~/i18n/dates";
import { translateFailure } from "~/i18n/errors";
import { useT } from "~/i18n/i18n-context";
import { getTranslator } from "~/i18n/locale.server";
import { pageTitle } from "~/i18n/meta";
import { kindLabel } from "~/requests/kinds";
import { langOwnName } from "~/requests/languages";
import { EditTemplateSchema } from "~/requests/render/template-forms.server";
import {
  getWorkspaceTemplate,
  type Preview,
  previewTemplate,
  saveTemplateVersion,
  WorkspaceTemplateError,
} from "~/requests/render/workspace-templates.server";
import { saidIn } from "~/requests/said";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { FormErrors } from "~/ui/forms";
import { formFailure, parseForm, parseIds } from "~/utils/forms.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "templates:manage");
  const { templateId } = parseIds(params, "templateId");
  const t = getWorkspaceTemplate(scope, templateId);
  const m = t.latest.meta;
  return {
    template: {
      id: t.id,
      title: t.title,
      lang: t.lang,
      kind: m.kind,
      version: t.latest.version,
      body: t.latest.body,
      versions: t.versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString() })),
      variables: m.variables,
      optional: [...m.optionalVariables, ...m.variablesIfRepresented],
    },
    preview: previewTemplate(m as unknown as Record<string, unknown>, t.latest.body),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "templates:manage");
  const { templateId } = parseIds(params, "templateId");
  const translator = await getTranslator(request);
  const parsed = parseForm(await request.formData(), EditTemplateSchema);
  if (!parsed.ok) return formFailure(translateFailure(translator, parsed));
  const t = getWorkspaceTemplate(scope, templateId);
  if (parsed.data.intent === "preview") {
    const preview = previewTemplate(t.latest.meta as unknown as Record<string, unknown>, parsed.data.body);
    return data({ preview, body: parsed.data.body }, { status: preview.ok ? 200 : 400 });
  }
  try {
    const version = saveTemplateVersion(scope, templateId, parsed.data.body);
    return { saved: version };
  } catch (e) {
    if (e instanceof WorkspaceTemplateError)
      return formFailure(translator.t("errors.templates.notSaved", { reason: saidIn(translator, e) }), {
        status: e.status,
        extra: { body: parsed.data.body },
      });
    throw e;
  }
}

/** The preview of a letter: its subject and body in the letter's language, marked so. */
function PreviewPanel({ preview, lang }: { preview: Preview; lang: string }) {
  const { t, rich } = useT();
  if (!preview.ok)
    return (
      <div className="notice notice-error">
        <p>
          {t("templates.preview.cannotRender", {
            reason: preview.said ? t(preview.said.key, preview.said.values) : preview.error,
          })}
        </p>
      </div>
    );
  return (
    <div className="stack">
      <p>
        {rich("templates.preview.subject", {
          subject: <span lang={lang}>{preview.subject}</span>,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <pre className="letter-text" lang={lang}>
        {preview.body}
      </pre>
      <p>{t("templates.preview.checklist", { passed: preview.passed, total: preview.total })}</p>
      <ul>
        {preview.checks
          .filter((c) => c.status === "fail")
          .map((c) => (
            <li key={c.label} className="error">
              {t("templates.preview.missing", { item: c.label })}
            </li>
          ))}
      </ul>
    </div>
  );
}

export default function EditTemplate() {
  const { template, preview } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const data = useActionData<typeof action>();
  const live = useFetcher<typeof action>();
  const nav = useNavigation();
  const busy = nav.state !== "idle";
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const livePreview = live.data && "preview" in live.data ? live.data.preview : undefined;
  const sentPreview = data && "preview" in data ? data.preview : undefined;
  const shown = livePreview ?? sentPreview ?? preview;
  return (
    <div className="stack">
      <p>
        <Link to="/settings/templates">{t("templates.edit.back")}</Link>
      </p>
      <h1>{template.title}</h1>
      <p className="muted">
        {t("templates.edit.facts", {
          kind: t(kindLabel(template.kind)),
          language: langOwnName(template.lang),
          version: template.version,
        })}
      </p>
      {data && "saved" in data ? (
        <p className="notice notice-ok" role="status">
          {t("templates.edit.saved", { version: data.saved })}
        </p>
      ) : null}
      <div className="template-editor">
        <Form method="post" className="stack">
          <FormErrors errors={data && "formErrors" in data ? data.formErrors : undefined} />
          <div className="field">
            <label htmlFor="template-body">{t("templates.edit.body")}</label>
            <textarea
              id="template-body"
              name="body"
              rows={30}
              className="letter-editor"
              defaultValue={data && "body" in data ? data.body : template.body}
              onChange={(e) => {
                const body = e.currentTarget.value;
                clearTimeout(timer.current);
                timer.current = setTimeout(
                  () => live.submit({ intent: "preview", body }, { method: "post" }),
                  500,
                );
              }}
            />
          </div>
          <div className="row">
            {hydrated ? null : (
              <button type="submit" name="intent" value="preview" className="button button-secondary">
                {t("templates.edit.preview")}
              </button>
            )}
            <button type="submit" name="intent" value="save" className="button" disabled={busy}>
              {t("templates.edit.save", { version: template.version + 1 })}
            </button>
          </div>
          <details>
            <summary>{t("templates.edit.variables")}</summary>
            <p>{t("templates.edit.required")}</p>
            <ul>
              {template.variables.map((v) => (
                <li key={v} className="mono">
                  {`{{ ${v.replace("[]", "[0]")} }}`}
                </li>
              ))}
            </ul>
            <p>{t("templates.edit.optional")}</p>
            <ul>
              {template.optional.map((v) => (
                <li key={v} className="mono">
                  {v}
                </li>
              ))}
            </ul>
          </details>
        </Form>
        <section aria-labelledby="preview" className="stack" aria-live="polite">
          <h2 id="preview">{t("templates.edit.previewTitle")}</h2>
          <PreviewPanel preview={shown} lang={template.lang} />
        </section>
      </div>
      <section aria-labelledby="versions">
        <h2 id="versions">{t("templates.edit.versions")}</h2>
        <ul>
          {template.versions.map((v) => (
            <li key={v.version}>
              {t("templates.edit.version", {
                version: v.version,
                day: formatDay(locale, v.createdAt.slice(0, 10), "long"),
              })}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "templates.edit.metaTitle");

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
