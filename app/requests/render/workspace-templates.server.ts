// A workspace's own letter templates: a copy of a built-in one, edited in the browser, kept in versions. Each
// version holds the built-in's front matter (its variables, regimes, deadline rule) and the edited Liquid body
// (encrypted); a letter records the version it was written from.
import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { workspaceTemplates, workspaceTemplateVersions } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getDb } from "~/db.server";
import type { Lang } from "~/requests/compose/variables";
import { LetterVariables } from "~/requests/compose/variables.server";
import { englishOf, type Said } from "~/requests/said";
import { findUnfilled } from "~/requests/sendable";
import { sealFor } from "~/security/encrypted-type.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { runChecklist } from "./checklist";
import { examplesFor } from "./examples";
import type { TemplateMeta } from "./template-meta";
import {
  getTemplate,
  type LetterTemplate,
  parseTemplate,
  renderTemplate,
  TemplateError,
} from "./templates.server";

const sealBody = sealFor("workspace_template_versions", "body_enc");

/** A template the user wrote or chose that cannot be used; the message says why. */
export class WorkspaceTemplateError extends UserError {
  /** Its words as a message key, when it has one (the template engine's own messages are English only). */
  readonly said: Said | undefined;
  constructor(message: string | Said) {
    super(englishOf(message));
    this.name = "WorkspaceTemplateError";
    this.said = typeof message === "string" ? undefined : message;
  }
}

/** Front matter + body as one template text, the way the built-in files are written. */
function templateText(meta: Record<string, unknown>, body: string): string {
  return `---\n${JSON.stringify(meta, null, 2)}\n---\n${body}`;
}

/** Parses a workspace version like a built-in file (same validation: front matter and declared variables). */
export function parseWorkspaceTemplate(
  meta: Record<string, unknown>,
  body: string,
  source: string,
): LetterTemplate {
  return parseTemplate(templateText(meta, body), source);
}

export function copyBuiltInTemplate(scope: Scope, templateId: string, lang: Lang): string {
  requirePermission(scope, "templates:manage");
  const builtIn = getTemplate(templateId, lang);
  if (!builtIn) throw new WorkspaceTemplateError({ key: "errors.templates.noSuchBuiltIn" });
  const id = newId();
  const versionId = newId();
  const now = new Date();
  const meta: TemplateMeta = { ...builtIn.meta, id: `ws-${randomBytes(5).toString("hex")}`, version: 1 };
  getDb().transaction((tx) => {
    tx.insert(workspaceTemplates)
      .values({
        id,
        workspaceId: scope.workspaceId,
        baseTemplateId: builtIn.meta.id,
        lang,
        title: builtIn.meta.title,
        createdBy: scope.userId,
        updatedAt: now,
      })
      .run();
    tx.insert(workspaceTemplateVersions)
      .values({
        id: versionId,
        workspaceId: scope.workspaceId,
        templateId: id,
        version: 1,
        frontMatter: meta as unknown as Record<string, unknown>,
        bodyEnc: sealBody(versionId, builtIn.body),
        createdBy: scope.userId,
      })
      .run();
  });
  audit({
    action: "template.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "workspace_template",
    targetId: id,
    detail: { base: templateId, lang },
  });
  return id;
}

export type WorkspaceTemplateSummary = {
  id: string;
  title: string;
  kind: string;
  lang: string;
  baseTemplateId: string;
  version: number;
  versionId: string;
};

export function listWorkspaceTemplates(scope: Scope): WorkspaceTemplateSummary[] {
  const templates = getDb()
    .select()
    .from(workspaceTemplates)
    .where(inScope(workspaceTemplates, scope))
    .orderBy(desc(workspaceTemplates.updatedAt))
    .all();
  return templates.flatMap((t) => {
    const v = latestVersionRow(scope.workspaceId, t.id);
    if (!v) return [];
    return [
      {
        id: t.id,
        title: t.title,
        kind: String(v.frontMatter.kind),
        lang: t.lang,
        baseTemplateId: t.baseTemplateId,
        version: v.version,
        versionId: v.id,
      },
    ];
  });
}

function latestVersionRow(workspaceId: string, templateId: string) {
  return getDb()
    .select()
    .from(workspaceTemplateVersions)
    .where(
      and(
        eq(workspaceTemplateVersions.workspaceId, workspaceId),
        eq(workspaceTemplateVersions.templateId, templateId),
      ),
    )
    .orderBy(desc(workspaceTemplateVersions.version))
    .get();
}

export function getWorkspaceTemplate(scope: Scope, id: string) {
  const t = getDb()
    .select()
    .from(workspaceTemplates)
    .where(inScope(workspaceTemplates, scope, eq(workspaceTemplates.id, id)))
    .get();
  if (!t) notFound("This template");
  const versions = getDb()
    .select({
      id: workspaceTemplateVersions.id,
      version: workspaceTemplateVersions.version,
      createdAt: workspaceTemplateVersions.createdAt,
    })
    .from(workspaceTemplateVersions)
    .where(inScope(workspaceTemplateVersions, scope, eq(workspaceTemplateVersions.templateId, id)))
    .orderBy(desc(workspaceTemplateVersions.version))
    .all();
  const latest = latestVersionRow(scope.workspaceId, id)!;
  return {
    id: t.id,
    title: t.title,
    lang: t.lang,
    baseTemplateId: t.baseTemplateId,
    versions,
    latest: {
      id: latest.id,
      version: latest.version,
      meta: latest.frontMatter as unknown as TemplateMeta,
      body: latest.bodyEnc.open(latest.id),
    },
  };
}

/** Checks an edited body, then stores it as the next version. */
export function saveTemplateVersion(scope: Scope, id: string, body: string): number {
  requirePermission(scope, "templates:manage");
  const current = getWorkspaceTemplate(scope, id);
  const version = current.latest.version + 1;
  const meta = { ...current.latest.meta, version };
  const preview = previewTemplate(meta as unknown as Record<string, unknown>, body);
  if (!preview.ok) throw new WorkspaceTemplateError(preview.said ?? preview.error);
  const versionId = newId();
  getDb().transaction((tx) => {
    tx.insert(workspaceTemplateVersions)
      .values({
        id: versionId,
        workspaceId: scope.workspaceId,
        templateId: id,
        version,
        frontMatter: meta as unknown as Record<string, unknown>,
        bodyEnc: sealBody(versionId, body),
        createdBy: scope.userId,
      })
      .run();
    tx.update(workspaceTemplates)
      .set({ updatedAt: new Date() })
      .where(inScope(workspaceTemplates, scope, eq(workspaceTemplates.id, id)))
      .run();
  });
  audit({
    action: "template.version",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "workspace_template",
    targetId: id,
    detail: { version },
  });
  return version;
}

export type Preview =
  | {
      ok: true;
      subject: string;
      body: string;
      checks: { label: string; status: string }[];
      passed: number;
      total: number;
    }
  | { ok: false; error: string; said?: Said };

/** A preview that failed for a reason with a message key: the English words, and the key for the page. */
const failed = (said: Said): Preview => ({ ok: false, error: englishOf(said), said });

/** Renders an edited body with the kind's example variables and runs its docs/legal.md checklist. */
export function previewTemplate(meta: Record<string, unknown>, body: string): Preview {
  try {
    const template = parseWorkspaceTemplate(meta, body, "your template");
    const example = examplesFor(template.meta.kind, template.meta.lang, template.meta.regimes)[0];
    if (!example) return failed({ key: "templates.preview.noExample" });
    const rendered = renderTemplate(template, example.variables);
    const markers = findUnfilled(rendered.body);
    if (markers.length)
      return failed({
        key: "templates.preview.unfilled",
        values: { markers: markers.slice(0, 3).join(" ") },
      });
    const result = runChecklist({
      kind: template.meta.kind,
      lang: template.meta.lang,
      subject: rendered.subject,
      body: rendered.body,
      variables: LetterVariables.parse(example.variables),
    });
    return {
      ok: true,
      subject: rendered.subject,
      body: rendered.body,
      checks: result.checks
        .filter((c) => c.status !== "n/a")
        .map((c) => ({ label: c.label, status: c.status })),
      passed: result.passed,
      total: result.total,
    };
  } catch (e) {
    const message = e instanceof TemplateError || e instanceof Error ? e.message : String(e);
    return { ok: false, error: message.replace(/^your template: /, "") };
  }
}

/** The template a letter was written from, by its version id (for rendering, checks and sending). */
export function workspaceTemplateVersion(workspaceId: string, versionId: string): LetterTemplate | null {
  const row = getDb()
    .select()
    .from(workspaceTemplateVersions)
    .where(
      and(
        eq(workspaceTemplateVersions.id, versionId),
        eq(workspaceTemplateVersions.workspaceId, workspaceId),
      ),
    )
    .get();
  if (!row) return null;
  return parseWorkspaceTemplate(row.frontMatter, row.bodyEnc.open(row.id), `workspace template ${row.id}`);
}

/** The latest version of a workspace template, for writing a new letter. */
export function latestWorkspaceTemplate(scope: Scope, id: string) {
  const row = getDb()
    .select({ id: workspaceTemplates.id })
    .from(workspaceTemplates)
    .where(inScope(workspaceTemplates, scope, eq(workspaceTemplates.id, id)))
    .get();
  if (!row) return null;
  const v = latestVersionRow(scope.workspaceId, id);
  if (!v) return null;
  return { versionId: v.id, template: workspaceTemplateVersion(scope.workspaceId, v.id)! };
}
