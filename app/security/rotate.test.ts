// Key rotation: everything re-encrypted under the new key and still readable, the old key retired only when
// unused; and a rotation killed with SIGKILL mid-way finishes when run again, with nothing lost.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, subjects } from "#db/schema";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { createSubject, getSubject } from "~/subjects/subjects.server";
import { seedCaseData, snapshotPlaintext } from "../../tests/integration/case-data";
import { sentLetter } from "../../tests/integration/factories";
import { newAccount } from "../../tests/integration/helpers";
import { keyIdOf } from "./crypto.server";
import { keyUsage, rotateKeys } from "./rotate.server";
import { readSecrets } from "./secrets.server";

const sqlite = () => getDb().$client;

describe("keys:rotate", () => {
  it("re-encrypts every field and file, keeps every value, and retires the old key", async () => {
    const a = await newAccount();
    const made = await seedCaseData(a.scope, { subjects: 3, exposuresPer: 2, evidencePer: 2 });
    const letterId = sentLetter(a.scope, made[0]!.caseId).id;
    const { dataDir } = getEnv();
    const oldKey = readSecrets(dataDir).currentKeyId;
    const before = snapshotPlaintext(sqlite(), dataDir);
    expect([...before.keyIds]).toEqual([oldKey]);

    const lines: string[] = [];
    const report = await rotateKeys({
      db: sqlite(),
      dataDir,
      batchSize: 3,
      graceMs: 0,
      log: (l) => lines.push(l),
    });

    const secrets = readSecrets(dataDir);
    expect(report.retired).toEqual([oldKey]);
    expect(Object.keys(secrets.dataKeys)).toEqual([report.keyId]);
    expect(secrets.currentKeyId).toBe(report.keyId);
    expect(secrets.retiring).toBeUndefined();
    const after = snapshotPlaintext(sqlite(), dataDir);
    expect(after.values).toEqual(before.values);
    expect([...after.keyIds]).toEqual([report.keyId]);
    expect([...keyUsage(sqlite(), dataDir).keys()]).toEqual([report.keyId]);
    expect(report.files).toBe(6);
    if (letterId)
      expect(after.values[`letters.body_enc:${letterId}`]).toBe(
        before.values[`letters.body_enc:${letterId}`],
      );
    // The freeze trigger is back in place after the rotation.
    if (letterId)
      expect(() => sqlite().prepare("UPDATE letters SET body_enc = 'x' WHERE id = ?").run(letterId)).toThrow(
        /sent letter/,
      );

    // The app's own keyring notices the new key: reads work at once, and new writes use the new key.
    expect(getSubject(a.scope, made[0]!.subjectId).name).toContain("Person");
    await new Promise((r) => setTimeout(r, 1100));
    const fresh = createSubject(a.scope, {
      name: "After rotation",
      aliases: [],
      emails: [],
      phones: [],
      addresses: [],
      usernames: [],
      country: "",
      notes: "",
    });
    const row = getDb()
      .select({ nameEnc: subjects.nameEnc })
      .from(subjects)
      .where(eq(subjects.id, fresh))
      .get()!;
    expect(keyIdOf(row.nameEnc.token)).toBe(report.keyId);

    const logged = getDb().select().from(auditEvents).where(eq(auditEvents.action, "keys.rotate")).all();
    expect(logged).toHaveLength(1);
    expect(logged[0]!.detail).toMatchObject({ files: 6, retired: 1 });
  });

  it("rotates while the app keeps writing: nothing is written under a retired key, everything decrypts", async () => {
    const a = await newAccount();
    await seedCaseData(a.scope, { subjects: 4, exposuresPer: 1, evidencePer: 1, tag: "live" });
    const { dataDir } = getEnv();
    const oldKey = readSecrets(dataDir).currentKeyId;
    const people = () => getDb().select({ id: subjects.id }).from(subjects).all().length;
    const before = people();
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        resolve("scripts/cli.ts"),
        "keys:rotate",
        "--batch-size",
        "3",
        "--grace-ms",
        "1500",
      ],
      { env: { ...process.env, RETRACT_DATA_DIR: dataDir, NODE_ENV: "production" as const } },
    );
    let n = 0;
    // This process plays the running server: it keeps adding people, with the keyring it has cached.
    const writer = setInterval(() => {
      createSubject(a.scope, {
        name: `Live ${n++}`,
        aliases: [],
        emails: [],
        phones: [],
        addresses: [],
        usernames: [],
        country: "",
        notes: "",
      });
    }, 10);
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    clearInterval(writer);
    expect(code).toBe(0);
    expect(n).toBeGreaterThan(20);
    const secrets = readSecrets(dataDir);
    expect(Object.keys(secrets.dataKeys)).toEqual([secrets.currentKeyId]);
    expect(secrets.currentKeyId).not.toBe(oldKey);
    const after = snapshotPlaintext(sqlite(), dataDir);
    expect([...after.keyIds]).toEqual([secrets.currentKeyId]);
    expect(Object.keys(after.values).filter((k) => k.startsWith("subjects.name_enc")).length).toBe(
      before + n,
    );
    expect(people()).toBe(before + n);
  }, 60_000);

  it("finishes after being killed with SIGKILL mid-way, with every field still decrypting", async () => {
    const a = await newAccount();
    const made = await seedCaseData(a.scope, { subjects: 12, exposuresPer: 2, evidencePer: 1, tag: "crash" });
    sentLetter(a.scope, made[0]!.caseId);
    const { dataDir } = getEnv();
    const before = snapshotPlaintext(sqlite(), dataDir);
    const oldKey = readSecrets(dataDir).currentKeyId;

    const cli = resolve("scripts/cli.ts");
    const env = { ...process.env, RETRACT_DATA_DIR: dataDir, NODE_ENV: "production" as const };
    const child: ChildProcess = spawn(
      process.execPath,
      ["--import", "tsx", cli, "keys:rotate", "--batch-size", "2", "--grace-ms", "0", "--pause-ms", "25"],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let stderr = "";
    child.stderr!.on("data", (d) => {
      stderr += String(d);
    });
    const killed = await new Promise<boolean>((done) => {
      child.stdout!.on("data", (d) => {
        out += String(d);
        if ((out.match(/re-encrypted/g) ?? []).length >= 5) {
          child.kill("SIGKILL");
        }
      });
      child.on("exit", (_code, signal) => done(signal === "SIGKILL"));
    });
    expect(killed, `the rotation ended before it could be killed:\n${out}\n${stderr}`).toBe(true);

    // Mid-way: both keys in use, the new one current, the old one still in the keyring.
    const mid = readSecrets(dataDir);
    expect(mid.retiring).toEqual([oldKey]);
    const midSnap = snapshotPlaintext(sqlite(), dataDir);
    expect(midSnap.keyIds).toEqual(new Set([oldKey, mid.currentKeyId]));
    expect(midSnap.values).toEqual(before.values);

    const again = spawnSync(
      process.execPath,
      ["--import", "tsx", cli, "keys:rotate", "--batch-size", "50", "--grace-ms", "0"],
      { env, encoding: "utf8" },
    );
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain("Resuming the rotation");
    const done = readSecrets(dataDir);
    expect(done.currentKeyId).toBe(mid.currentKeyId);
    expect(Object.keys(done.dataKeys)).toEqual([mid.currentKeyId]);
    const after = snapshotPlaintext(sqlite(), dataDir);
    expect(after.values).toEqual(before.values);
    expect([...after.keyIds]).toEqual([mid.currentKeyId]);
    expect(Object.values(after.values)).not.toContain("missing");
    expect(readFileSync(resolve(dataDir, "secrets.json"), "utf8")).not.toContain(oldKey);
  }, 60_000);
});
