// A workspace template cannot freeze the server. Nested loops, huge ranges and huge texts are
// refused with a calm message, quickly, in the preview, on save (nothing stored) and when a letter is written
// from a version stored before the limits; only owners and admins edit the workspace's templates.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { letters, workspaceTemplates, workspaceTemplateVersions } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { TEMPLATE_LIMITS } from "~/requests/render/templates.server";
import {
  copyBuiltInTemplate,
  getWorkspaceTemplate,
  previewTemplate,
  saveTemplateVersion,
  WorkspaceTemplateError,
} from "~/requests/render/workspace-templates.server";
import { LetterInputError, writeLetter } from "~/requests/store.server";
import * as editRoute from "~/routes/settings.templates.$templateId";
import { sealFor } from "~/security/encrypted-type.server";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { newId } from "~/utils/ids.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { call, newAccount, post } from "./helpers";

const NESTED = "{% for a in (1..3000) %}{% for b in (1..3000) %}x{% endfor %}{% endfor %}";
const HUGE_RANGE = "{% for a in (1..50000000) %}{% endfor %}";
/** Wall time allowed for a refused render: well above the limit, far below the seconds it took without. */
const SLACK_MS = TEMPLATE_LIMITS.renderMs + 850;

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let templateId: string;

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Template Owner");
  templateId = copyBuiltInTemplate(owner.scope, "gdpr-erasure", "en");
});

const body = () => getWorkspaceTemplate(owner.scope, templateId).latest.body;
const meta = () => getWorkspaceTemplate(owner.scope, templateId).latest.meta as never;

/** Runs a synchronous step and returns how long it held the event loop. */
function timed<T>(run: () => T): [T, number] {
  const started = performance.now();
  const result = run();
  return [result, performance.now() - started];
}

describe("template limits", () => {
  it("stops nested loops in a preview within the time limit, with a calm message", () => {
    const [preview, ms] = timed(() => previewTemplate(meta(), `${body()}\n${NESTED}`));
    expect(preview.ok).toBe(false);
    expect(preview.ok ? "" : preview.error).toMatch(/takes too long to fill in/);
    // The limit is 150 ms of rendering (the loop alone took 8.5 s before); the bound leaves room for parsing,
    // the checks around it and a busy test machine.
    expect(ms).toBeLessThan(SLACK_MS);
  });

  it("refuses a huge range before allocating it", () => {
    const [preview, ms] = timed(() => previewTemplate(meta(), `${body()}\n${HUGE_RANGE}`));
    expect(preview.ok ? "" : preview.error).toMatch(/far too long/);
    expect(ms).toBeLessThan(SLACK_MS);
  });

  it("refuses a template text over the parse limit", () => {
    const long = `${body()}\n${"word ".repeat(TEMPLATE_LIMITS.parseChars / 4)}`;
    const preview = previewTemplate(meta(), long);
    expect(preview.ok ? "" : preview.error).toMatch(/template is too long/);
  });

  it("answers the preview with a 400 and the message, and saves nothing", async () => {
    const versions = () =>
      getDb()
        .select()
        .from(workspaceTemplateVersions)
        .where(eq(workspaceTemplateVersions.templateId, templateId))
        .all().length;
    const before = versions();
    const preview = (await call(
      editRoute.action,
      post(
        `/settings/templates/${templateId}`,
        { intent: "preview", body: `${body()}\n${NESTED}` },
        owner.cookie,
      ),
      { templateId },
    )) as Response;
    expect(preview.status).toBe(400);
    expect(JSON.stringify(await preview.json())).toContain("takes too long to fill in");
    const [save, ms] = await (async () => {
      const started = performance.now();
      const r = (await call(
        editRoute.action,
        post(
          `/settings/templates/${templateId}`,
          { intent: "save", body: `${body()}\n${NESTED}` },
          owner.cookie,
        ),
        { templateId },
      )) as Response;
      return [r, performance.now() - started] as const;
    })();
    expect(save.status).toBe(400);
    expect(JSON.stringify(await save.json())).toContain("Not saved: This template takes too long");
    expect(ms).toBeLessThan(2 * SLACK_MS);
    expect(() => saveTemplateVersion(owner.scope, templateId, `${body()}\n${HUGE_RANGE}`)).toThrow(
      WorkspaceTemplateError,
    );
    expect(versions()).toBe(before);
  });

  it("refuses to write a letter from a version stored before the limits, quickly and without a row", async () => {
    // A version saved by an older Retract, with the loop already in it.
    const versionId = newId();
    const latest = getWorkspaceTemplate(owner.scope, templateId).latest;
    getDb()
      .insert(workspaceTemplateVersions)
      .values({
        id: versionId,
        workspaceId: owner.workspaceId,
        templateId,
        version: latest.version + 1,
        frontMatter: { ...latest.meta, version: latest.version + 1 } as never,
        bodyEnc: sealFor("workspace_template_versions", "body_enc")(versionId, `${latest.body}\n${NESTED}`),
        createdBy: owner.id,
      })
      .run();
    const subjectId = createSubject(
      owner.scope,
      SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE" }),
    );
    const caseId = createCase(owner.scope, { subjectId, title: "Posts" });
    const n = normaliseUrl("https://t.me/leaks/17");
    if (!n.ok) throw new Error("url");
    const exposureId = createExposure(owner.scope, caseId, {
      url: n.value,
      exposed: ["home_address"],
      callsForHarm: false,
      foundOn: "2026-11-01",
      severityOverride: null,
      status: "active",
      notes: "",
    });
    const details = LetterDetailsSchema.parse({
      exposureIds: [exposureId],
      option: "gdpr-erasure/gdpr",
      lang: "en",
      workspaceTemplateId: templateId,
      destination: "pdf|",
      requesterName: "Robin Example",
      requesterEmail: "robin@example.test",
      particularSituation: "Visited at home.",
      authorityName: "the Berlin DPA",
    });
    const started = performance.now();
    expect(() => writeLetter(owner.scope, caseId, details)).toThrow(LetterInputError);
    expect(performance.now() - started).toBeLessThan(2 * SLACK_MS);
    expect(getDb().select().from(letters).where(eq(letters.caseId, caseId)).all()).toHaveLength(0);
  });
});

describe("who edits the workspace's templates (decision 062; the routes: authorization-matrix)", () => {
  it("owners and admins do; caseworkers and viewers are refused and change nothing", async () => {
    const boss = await newAccount("Org Owner");
    const { id: orgId } = createOrganisation(boss.id, "Legal Aid Org");
    const bossScope = { userId: boss.id, workspaceId: orgId, role: "owner" as const };
    const shared = copyBuiltInTemplate(bossScope, "gdpr-erasure", "en");
    for (const role of ["caseworker", "viewer"] as const) {
      const member = await newAccount(`A ${role}`);
      const scope = { userId: member.id, workspaceId: orgId, role };
      expect(() => copyBuiltInTemplate(scope, "gdpr-erasure", "en")).toThrow(Response);
      expect(() => saveTemplateVersion(scope, shared, "Dear {{ recipient.name }}")).toThrow(Response);
    }
    const admin = await newAccount("An admin");
    const adminScope = { userId: admin.id, workspaceId: orgId, role: "admin" as const };
    const own = getWorkspaceTemplate(adminScope, shared);
    expect(saveTemplateVersion(adminScope, shared, `${own.latest.body}\nP.S.\n`)).toBe(2);
    expect(
      getDb().select().from(workspaceTemplates).where(eq(workspaceTemplates.workspaceId, orgId)).all(),
    ).toHaveLength(1);
  });
});
