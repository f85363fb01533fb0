// Backup while the server writes, restore into a fresh data folder, the same data; restore refuses damaged
// archives, foreign keys and a running server before touching anything; scheduled backups keep the newest N.
import { spawn, spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  BackupError,
  backupDue,
  createBackup,
  listScheduledBackups,
  restoreBackup,
  runScheduledBackup,
} from "~/backup/backup.server";
import { TarWriter } from "~/backup/tar.server";
import { getDb } from "~/db.server";
import { getEnv } from "~/env.server";
import { ensureSecrets } from "~/security/secrets.server";
import { createSubject } from "~/subjects/subjects.server";
import { seedCaseData, snapshotPlaintext } from "./case-data";
import { newAccount } from "./helpers";

const cli = resolve("scripts/cli.ts");
const sqlite = () => getDb().$client;
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

function freshDataDirWithSameKeys() {
  const dir = tmp("retract-restore-");
  copyFileSync(join(getEnv().dataDir, "secrets.json"), join(dir, "secrets.json"));
  return dir;
}

function runCli(args: string[], dataDir: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
      env: { ...process.env, RETRACT_DATA_DIR: dataDir, NODE_ENV: "production" as const },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.on("exit", (code) => done({ code, stdout, stderr }));
  });
}

const person = (name: string) => ({
  name,
  aliases: [],
  emails: [],
  phones: [],
  addresses: [],
  usernames: [],
  country: "FR",
  notes: "written during the backup",
});

describe("backup and restore", () => {
  it("backs up while writes happen and restores the same data into a fresh data folder", async () => {
    const a = await newAccount();
    await seedCaseData(a.scope, { subjects: 4, exposuresPer: 2, evidencePer: 2, tag: "bk" });
    const { dataDir } = getEnv();
    const before = snapshotPlaintext(sqlite(), dataDir).values;

    // Keep writing while the CLI (another process) takes the backup.
    let n = 0;
    const writer = setInterval(() => {
      createSubject(a.scope, person(`Concurrent ${n++}`));
    }, 2);
    const out = join(tmp("retract-backups-"), "full.tar");
    const backup = await runCli(["backup", "--out", out], dataDir);
    clearInterval(writer);
    expect(backup.code, backup.stderr).toBe(0);
    expect(n).toBeGreaterThan(0);
    const after = snapshotPlaintext(sqlite(), dataDir).values;

    // A standard tool can read the archive.
    const listing = spawnSync("tar", ["-tf", out], { encoding: "utf8" });
    expect(listing.status).toBe(0);
    expect(listing.stdout).toContain("retract-backup/manifest.json");
    expect(listing.stdout).toContain("retract-backup/retract.sqlite");
    expect(listing.stdout.match(/retract-backup\/evidence\//g)).toHaveLength(8);
    expect(readFileSync(out).includes(Buffer.from("secrets"))).toBe(false);

    const target = freshDataDirWithSameKeys();
    const restore = await runCli(["restore", "--from", out], target);
    expect(restore.code, restore.stderr).toBe(0);
    const db = new Database(join(target, "retract.sqlite"));
    try {
      const restored = snapshotPlaintext(db, target).values;
      // Everything that existed before the backup started is there, unchanged; nothing is invented.
      for (const [k, v] of Object.entries(before)) expect(restored[k], k).toBe(v);
      for (const [k, v] of Object.entries(restored)) expect(after[k], k).toBe(v);
      expect(Object.values(restored)).not.toContain("missing");
      expect((db.pragma("integrity_check") as { integrity_check: string }[])[0]!.integrity_check).toBe("ok");
      expect(
        db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'backup.restore'").get(),
      ).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  }, 60_000);

  it("refuses a damaged archive, other keys, a corrupt database and a running server, touching nothing", async () => {
    const a = await newAccount();
    await seedCaseData(a.scope, { subjects: 1, exposuresPer: 1, evidencePer: 1, tag: "bad" });
    const { dataDir } = getEnv();
    const dir = tmp("retract-backups-");
    const good = join(dir, "good.tar");
    await createBackup({ db: sqlite(), dataDir, out: good });

    const target = freshDataDirWithSameKeys();
    const state = () => readdirSync(target).sort().join(",");
    const untouched = state();

    // One flipped byte inside an evidence file.
    const raw = readFileSync(good);
    const at = raw.indexOf(Buffer.from("RXE1"), raw.indexOf(Buffer.from("retract-backup/evidence/")));
    raw[at + 40]! ^= 0xff;
    const damaged = join(dir, "damaged.tar");
    writeFileSync(damaged, raw);
    await expect(restoreBackup({ archive: damaged, dataDir: target })).rejects.toThrow(/SHA-256/);
    expect(state()).toBe(untouched);

    // A database that is not one, with a manifest that matches it.
    const corrupt = join(dir, "corrupt.tar");
    const tar = await TarWriter.create(corrupt);
    const entry = await tar.addBuffer("retract-backup/retract.sqlite", Buffer.alloc(8192, 7));
    await tar.addBuffer(
      "retract-backup/manifest.json",
      Buffer.from(
        JSON.stringify({ format: "retract-backup", version: 1, createdAt: "x", missing: [], files: [entry] }),
      ),
    );
    await tar.close();
    await expect(restoreBackup({ archive: corrupt, dataDir: target })).rejects.toThrow(BackupError);
    expect(state()).toBe(untouched);

    // A data folder with other keys.
    const stranger = tmp("retract-stranger-");
    ensureSecrets(stranger);
    await expect(restoreBackup({ archive: good, dataDir: stranger })).rejects.toThrow(
      /cannot be read with the keys/,
    );

    // A running server (this process stands in for it).
    writeFileSync(join(target, "server.pid"), String(process.pid));
    await expect(restoreBackup({ archive: good, dataDir: target })).rejects.toThrow(/is running/);
    rmSync(join(target, "server.pid"));

    // The same archive, undamaged, restores; an existing database is kept aside, not deleted.
    writeFileSync(join(target, "retract.sqlite"), "previous");
    const r = await restoreBackup({ archive: good, dataDir: target });
    expect(r.previous).not.toBeNull();
    expect(readFileSync(join(r.previous!, "retract.sqlite"), "utf8")).toBe("previous");
    expect(statSync(join(target, "retract.sqlite")).size).toBeGreaterThan(8192);
  });

  it("restores a --db-only copy, and refuses a backup made by a newer version", async () => {
    const a = await newAccount();
    await seedCaseData(a.scope, { subjects: 2, exposuresPer: 1, evidencePer: 0, tag: "dbo" });
    const { dataDir } = getEnv();
    const dir = tmp("retract-backups-");
    const copy = join(dir, "db-only.sqlite");
    await createBackup({ db: sqlite(), dataDir, out: copy, dbOnly: true });
    const target = freshDataDirWithSameKeys();
    const r = await restoreBackup({ archive: copy, dataDir: target });
    expect(r.files).toBe(1);
    const db = new Database(join(target, "retract.sqlite"));
    try {
      const restored = snapshotPlaintext(db, target).values;
      const source = snapshotPlaintext(sqlite(), dataDir).values;
      // Every field is there; the evidence folder is not part of a --db-only copy.
      for (const [k, v] of Object.entries(restored)) if (!k.startsWith("file:")) expect(source[k], k).toBe(v);
      expect(Object.keys(restored).filter((k) => k.startsWith("subjects.")).length).toBeGreaterThan(0);
    } finally {
      db.close();
    }

    const newer = join(dir, "newer.sqlite");
    await createBackup({ db: sqlite(), dataDir, out: newer, dbOnly: true });
    const n = new Database(newer);
    n.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 99999999999999)").run();
    n.close();
    await expect(restoreBackup({ archive: newer, dataDir: freshDataDirWithSameKeys() })).rejects.toThrow(
      /newer version/,
    );
  });

  it("writes a scheduled backup when one is due and keeps only the newest N", async () => {
    await newAccount();
    const { dataDir } = getEnv();
    const dir = tmp("retract-scheduled-");
    expect(backupDue(dir, 24)).toBe(true);
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 3, 0, 0));
    for (const d of [1, 2, 3]) await runScheduledBackup({ db: sqlite(), dataDir, dir, keep: 2, now: day(d) });
    expect(listScheduledBackups(dir)).toEqual([
      "retract-20261103T030000Z.tar",
      "retract-20261102T030000Z.tar",
    ]);
    expect(backupDue(dir, 24, new Date(Date.UTC(2026, 10, 3, 20)))).toBe(false);
    expect(backupDue(dir, 24, new Date(Date.UTC(2026, 10, 4, 3)))).toBe(true);
  });
});
