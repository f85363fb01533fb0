// A workspace's own templates: copied from a built-in, edited with a checked preview, saved in versions; a
// letter written from one records the version, and is checked and sent against that version.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { letters, workspaceTemplateVersions } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import {
  copyBuiltInTemplate,
  getWorkspaceTemplate,
  listWorkspaceTemplates,
  previewTemplate,
  saveTemplateVersion,
  WorkspaceTemplateError,
} from "~/requests/render/workspace-templates.server";
import { getLetter, letterProblems, sendLetter, writeLetter } from "~/requests/store.server";
import * as editRoute from "~/routes/settings.templates.$templateId";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, newAccount, post, status } from "./helpers";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let other: Account;
let caseId: string;
let exposureId: string;

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
  other = await newAccount("Other");
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE" }),
  );
  caseId = createCase(owner.scope, { subjectId, title: "Posts" });
  const n = normaliseUrl("https://t.me/leaks/7");
  if (!n.ok) throw new Error("url");
  exposureId = createExposure(owner.scope, caseId, {
    url: n.value,
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
});

describe("workspace templates", () => {
  let id: string;
  const extra = "We ask you to act quickly: the person has been visited at home.";

  it("copies a built-in template as version 1 with its front matter", () => {
    id = copyBuiltInTemplate(owner.scope, "gdpr-erasure", "en");
    const t = getWorkspaceTemplate(owner.scope, id);
    expect(t.latest.version).toBe(1);
    expect(t.latest.meta.kind).toBe("gdpr-erasure");
    expect(t.latest.meta.variables).toContain("particularSituation");
    expect(t.latest.body).toContain("Article 17");
    expect(listWorkspaceTemplates(owner.scope).map((x) => x.id)).toContain(id);
    expect(listWorkspaceTemplates(other.scope)).toEqual([]);
  });

  it("previews an edit with example details and the docs/legal.md checklist", () => {
    const t = getWorkspaceTemplate(owner.scope, id);
    const p = previewTemplate(t.latest.meta as never, `${t.latest.body}\n${extra}\n`);
    expect(p.ok).toBe(true);
    if (p.ok) {
      expect(p.body).toContain(extra);
      expect(p.passed).toBe(p.total);
    }
    const bad = previewTemplate(t.latest.meta as never, `${t.latest.body}\n{{ secretThing }}`);
    expect(bad).toMatchObject({ ok: false });
  });

  it("saves versions, refusing a body that uses undeclared variables", () => {
    const t = getWorkspaceTemplate(owner.scope, id);
    expect(saveTemplateVersion(owner.scope, id, `${t.latest.body}\n${extra}\n`)).toBe(2);
    expect(() => saveTemplateVersion(owner.scope, id, "Hello {{ unknown.thing }}")).toThrow(
      WorkspaceTemplateError,
    );
    const again = getWorkspaceTemplate(owner.scope, id);
    expect(again.versions.map((v) => v.version)).toEqual([2, 1]);
    // Encrypted at rest.
    const raw = JSON.stringify(getDb().select().from(workspaceTemplateVersions).all());
    expect(raw).not.toContain("visited at home");
  });

  it("the edit route previews without saving and saves a version (404 for another workspace)", async () => {
    const t = getWorkspaceTemplate(owner.scope, id);
    const res = (await call(
      editRoute.action,
      post(`/settings/templates/${id}`, { intent: "preview", body: `${t.latest.body}\nP.S.` }, owner.cookie),
      { templateId: id },
    )) as Response;
    expect(status(res)).toBe(200);
    expect(((await res.json()) as { preview: { ok: boolean } }).preview.ok).toBe(true);
    expect(getWorkspaceTemplate(owner.scope, id).latest.version).toBe(2);
    const foreign = await call(editRoute.loader, post(`/settings/templates/${id}`, {}, other.cookie), {
      templateId: id,
    });
    expect(status(foreign)).toBe(404);
  });

  it("a letter written from it records the version, and is checked and sent against it", () => {
    const letterId = writeLetter(
      owner.scope,
      caseId,
      LetterDetailsSchema.parse({
        exposureIds: [exposureId],
        option: "gdpr-erasure/gdpr",
        lang: "en",
        workspaceTemplateId: id,
        destination: "pdf|",
        requesterName: "Robin Example",
        requesterEmail: "robin@example.test",
        particularSituation: "Visited at home.",
        authorityName: "the Berlin DPA",
      }),
    );
    const letter = getLetter(owner.scope, caseId, letterId);
    expect(letter.templateVersion).toBe(2);
    expect(letter.workspaceTemplateVersionId).toBe(getWorkspaceTemplate(owner.scope, id).latest.id);
    expect(letter.body).toContain(extra);
    expect(letterProblems(letter)).toEqual({ missing: [], markers: [] });
    // A later version does not change the letter.
    saveTemplateVersion(owner.scope, id, `${getWorkspaceTemplate(owner.scope, id).latest.body}\nv3\n`);
    sendLetter(owner.scope, caseId, letterId);
    const sent = getLetter(owner.scope, caseId, letterId);
    expect(sent.status).toBe("sent");
    expect(sent.templateVersion).toBe(2);
    expect(() =>
      getDb().update(letters).set({ templateVersion: 3 }).where(eq(letters.id, letterId)).run(),
    ).toThrow(/cannot be changed/);
  });

  it("refuses a workspace template of another kind", () => {
    const other = copyBuiltInTemplate(owner.scope, "dsa-notice", "en");
    expect(() =>
      writeLetter(
        owner.scope,
        caseId,
        LetterDetailsSchema.parse({
          exposureIds: [exposureId],
          option: "gdpr-erasure/gdpr",
          lang: "en",
          workspaceTemplateId: other,
          destination: "pdf|",
        }),
      ),
    ).toThrow(/another kind/);
  });
});
