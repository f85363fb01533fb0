// Export a subject or a workspace as a ZIP (decrypted JSON, evidence, letters as sent, SHA-256 manifest);
// erase a subject or every case of a workspace (rows and files), with the audit log keeping only ids and counts.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, evidence, subjects } from "#db/schema";
import { getCurrentSession } from "~/auth/session.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import * as accountRoute from "~/routes/account";
import * as accountExport from "~/routes/account_.export";
import * as subjectRoute from "~/routes/subjects.$subjectId";
import * as subjectExport from "~/routes/subjects.$subjectId_.export";
import { seedCaseData, snapshotPlaintext } from "./case-data";
import { sentLetter } from "./factories";
import { call, get, newAccount, post, status } from "./helpers";
import { readZip } from "./zip";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const sqlite = () => getDb().$client;

async function zipOf(res: unknown) {
  expect(res).toBeInstanceOf(Response);
  const r = res as Response;
  expect(r.status).toBe(200);
  expect(r.headers.get("Content-Type")).toBe("application/zip");
  expect(r.headers.get("Content-Disposition")).toMatch(
    /^attachment; filename="retract-(person|workspace)-export-/,
  );
  return readZip(Buffer.from(await r.arrayBuffer()));
}

function checkManifest(files: Map<string, Buffer>) {
  const manifest = JSON.parse(files.get("retract-export/manifest.json")!.toString()) as {
    files: { path: string; size: number; sha256: string }[];
  };
  expect(manifest.files.length).toBe(files.size - 1);
  for (const f of manifest.files) {
    const data = files.get(`retract-export/${f.path}`);
    expect(data, f.path).toBeDefined();
    expect(sha(data!)).toBe(f.sha256);
    expect(data!.length).toBe(f.size);
  }
  return JSON.parse(files.get("retract-export/data.json")!.toString()) as {
    kind: string;
    tables: Record<string, Record<string, unknown>[]>;
  };
}

describe("export", () => {
  it("exports one subject with evidence and the letter as sent, and nothing of anyone else", async () => {
    const a = await newAccount();
    const [one, two] = await seedCaseData(a.scope, {
      subjects: 2,
      exposuresPer: 2,
      evidencePer: 2,
      tag: "ex",
    });
    const letter = sentLetter(a.scope, one!.caseId);
    const files = await zipOf(
      await call(subjectExport.loader, get(`/subjects/${one!.subjectId}/export`, a.cookie), {
        subjectId: one!.subjectId,
      }),
    );
    const data = checkManifest(files);
    expect(data.kind).toBe("subject");
    expect(data.tables.subjects).toHaveLength(1);
    expect(data.tables.subjects![0]).toMatchObject({
      name: "Person ex0 홍길동",
      emails: ["person0@example.test"],
    });
    expect(data.tables.cases).toHaveLength(1);
    expect(data.tables.exposures).toHaveLength(2);
    expect(data.tables.evidence).toHaveLength(2);
    const ev = data.tables.evidence![0]!;
    const png = files.get(`retract-export/${ev.file as string}`)!;
    expect(sha(png)).toBe(ev.sha256);
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(data.tables.letters).toHaveLength(1);
    const letterFile = [...files.keys()].find((k) => k.startsWith("retract-export/letters/"));
    expect(files.get(letterFile!)!.toString()).toContain(letter.reference);
    expect(files.get(letterFile!)!.toString()).toContain("Strangers have come to my door");
    const everything = Buffer.concat([...files.values()]).toString("utf8");
    expect(everything).not.toContain("Person ex1");
    expect(everything).not.toContain(two!.subjectId);
    const logged = getDb().select().from(auditEvents).where(eq(auditEvents.action, "export.subject")).all();
    expect(logged.map((l) => l.targetId)).toContain(one!.subjectId);
  });

  it("exports the whole workspace, and another workspace's subject is not found", async () => {
    const a = await newAccount();
    const b = await newAccount();
    await seedCaseData(a.scope, { subjects: 2, exposuresPer: 1, evidencePer: 1, tag: "ws" });
    const [theirs] = await seedCaseData(b.scope, {
      subjects: 1,
      exposuresPer: 1,
      evidencePer: 0,
      tag: "other",
    });
    const data = checkManifest(
      await zipOf(await call(accountExport.loader, get("/account/export", a.cookie))),
    );
    expect(data.kind).toBe("workspace");
    expect(data.tables.subjects!.map((s) => s.name).sort()).toEqual([
      "Person ws0 홍길동",
      "Person ws1 홍길동",
    ]);
    expect(data.tables.evidence).toHaveLength(2);
    const res = await call(subjectExport.loader, get(`/subjects/${theirs!.subjectId}/export`, a.cookie), {
      subjectId: theirs!.subjectId,
    });
    expect(status(res)).toBe(404);
  });
});

describe("erasure", () => {
  it("erases one subject's rows and files after a typed confirmation; others and the audit trail stay", async () => {
    const a = await newAccount();
    const [gone, kept] = await seedCaseData(a.scope, {
      subjects: 2,
      exposuresPer: 2,
      evidencePer: 2,
      tag: "er",
    });
    sentLetter(a.scope, gone!.caseId);
    const { dataDir } = getEnv();
    const keysOf = (subjectId: string) =>
      sqlite()
        .prepare(
          "SELECT e.storage_key AS k FROM evidence e JOIN exposures x ON x.id = e.exposure_id JOIN cases c ON c.id = x.case_id WHERE c.subject_id = ?",
        )
        .all(subjectId) as { k: string }[];
    const goneFiles = keysOf(gone!.subjectId).map((r) => join(dataDir, "evidence", r.k));
    expect(goneFiles).toHaveLength(2);
    const before = snapshotPlaintext(sqlite(), dataDir).values;

    const refused = await call(
      subjectRoute.action,
      post(`/subjects/${gone!.subjectId}`, { intent: "erase", confirm: "yes" }, a.cookie),
      { subjectId: gone!.subjectId },
    );
    expect(status(refused)).toBe(400);
    expect(snapshotPlaintext(sqlite(), dataDir).values).toEqual(before);

    const res = (await call(
      subjectRoute.action,
      post(`/subjects/${gone!.subjectId}`, { intent: "erase", confirm: "erase" }, a.cookie),
      { subjectId: gone!.subjectId },
    )) as Response;
    expect(res.status).toBe(302);
    for (const f of goneFiles) expect(existsSync(f)).toBe(false);
    const left = (table: string, col: string, id: string) =>
      (sqlite().prepare(`SELECT count(*) AS n FROM ${table} WHERE ${col} = ?`).get(id) as { n: number }).n;
    expect(left("subjects", "id", gone!.subjectId)).toBe(0);
    expect(left("cases", "subject_id", gone!.subjectId)).toBe(0);
    expect(left("exposures", "case_id", gone!.caseId)).toBe(0);
    const hasLetters = sqlite().prepare("SELECT 1 FROM sqlite_master WHERE name = 'letters'").get();
    if (hasLetters) expect(left("letters", "case_id", gone!.caseId)).toBe(0);

    // The other person is untouched.
    const after = snapshotPlaintext(sqlite(), dataDir).values;
    for (const [k, v] of Object.entries(after)) expect(before[k]).toBe(v);
    expect(keysOf(kept!.subjectId)).toHaveLength(2);
    expect(getDb().select().from(subjects).where(eq(subjects.id, kept!.subjectId)).all()).toHaveLength(1);

    // The audit log says it happened (ids, counts) and still holds the earlier events about the subject.
    const events = getDb().select().from(auditEvents).where(eq(auditEvents.targetId, gone!.subjectId)).all();
    const erase = events.find((e) => e.action === "subject.erase");
    expect(erase?.detail).toMatchObject({ files: 2 });
    expect(JSON.stringify(erase)).not.toContain("Person");
    expect(events.some((e) => e.action === "subject.create")).toBe(true);
  });

  it("erases every case of the workspace but keeps the account, session and other workspaces", async () => {
    const a = await newAccount();
    const b = await newAccount();
    await seedCaseData(a.scope, { subjects: 2, exposuresPer: 1, evidencePer: 1, tag: "wa" });
    await seedCaseData(b.scope, { subjects: 1, exposuresPer: 1, evidencePer: 1, tag: "wb" });
    const res = await call(
      accountRoute.action,
      post("/account", { intent: "erase", confirm: "ERASE" }, a.cookie),
    );
    expect(status(res)).toBe(302);
    expect(getDb().select().from(subjects).where(eq(subjects.workspaceId, a.workspaceId)).all()).toHaveLength(
      0,
    );
    expect(getDb().select().from(evidence).where(eq(evidence.workspaceId, a.workspaceId)).all()).toHaveLength(
      0,
    );
    expect(getDb().select().from(subjects).where(eq(subjects.workspaceId, b.workspaceId)).all()).toHaveLength(
      1,
    );
    expect(await getCurrentSession(get("/", a.cookie))).not.toBeNull();
    const evs = getDb().select().from(auditEvents).where(eq(auditEvents.action, "workspace.erase")).all();
    expect(evs.at(-1)?.detail).toMatchObject({ files: 2 });
  });
});
