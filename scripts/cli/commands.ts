// The CLI's commands. Each later capability adds its command here (one entry, code in its own module).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runDirectoryImportCommand } from "~/recipients/import.server";
import { loadEnvOrExit, migrateAndSeed, prepareDataDir } from "../prepare";
import { jobsCommands } from "./jobs";
import { trackingCommands } from "./tracking";

export type Command = {
  summary: string;
  usage: string;
  help?: string;
  run: (args: string[]) => Promise<void> | void;
};

function options<T extends Record<string, { type: "string" | "boolean"; short?: string }>>(
  args: string[],
  spec: T,
) {
  return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values;
}

async function openPrepared({ seed = false } = {}) {
  const env = loadEnvOrExit();
  prepareDataDir(env);
  return { env, db: await migrateAndSeed(env, { seed }) };
}

export const commands: Record<string, Command> = {
  migrate: {
    summary: "Create the data folder and keys if needed, apply database migrations and load reference data.",
    usage: "",
    async run(args) {
      options(args, {});
      const { env, db } = await openPrepared({ seed: true });
      db.$client.close();
      console.log(`The database in ${env.dataDir} is up to date.`);
    },
  },
  "user:create": {
    summary: "Create an account (with its personal workspace) and print the new user's id.",
    usage: "--email E --password P --name N",
    async run(args) {
      const o = options(args, {
        email: { type: "string" },
        password: { type: "string" },
        name: { type: "string" },
      });
      const { SignupSchema } = await import("~/auth/schemas.server");
      const parsed = SignupSchema.safeParse(o);
      if (!parsed.success) {
        throw new Error(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("\n"));
      }
      const { db } = await openPrepared();
      db.$client.close();
      const { createUser } = await import("~/auth/users.server");
      const { id } = await createUser(parsed.data);
      console.log(id);
    },
  },
  backup: {
    summary:
      "Write a consistent backup (database + evidence files + SHA-256 manifest) while the server runs.",
    usage: "--out FILE [--db-only]",
    help: [
      "FILE is a tar archive: retract-backup/retract.sqlite (SQLite online backup), retract-backup/evidence/… and",
      "retract-backup/manifest.json with the SHA-256 of every file. --db-only writes just the SQLite copy.",
      "Everything inside is encrypted like the data folder itself. secrets.json is NOT included: back it up",
      "separately and keep it apart from the backups — without it no backup can be read.",
    ].join("\n"),
    async run(args) {
      const o = options(args, { out: { type: "string" }, "db-only": { type: "boolean" } });
      if (!o.out) throw new Error("--out FILE is needed: where to write the backup.");
      const out = resolve(o.out);
      if (existsSync(out)) throw new Error(`${out} already exists; choose a new file name.`);
      const { env, db } = await openPrepared();
      const { createBackup } = await import("~/backup/backup.server");
      try {
        const r = await createBackup({ db: db.$client, dataDir: env.dataDir, out, dbOnly: o["db-only"] });
        db.$client
          .prepare(
            "INSERT INTO audit_events (action, target_type, detail) VALUES ('backup.create', 'backup', ?)",
          )
          .run(JSON.stringify({ files: r.files, bytes: r.bytes, dbOnly: Boolean(o["db-only"]) }));
        console.log(`Backup written to ${out} (${r.files} files, ${r.bytes} bytes).`);
        if (r.missing)
          console.log(`${r.missing} evidence file(s) were already gone from disk (listed in the manifest).`);
      } finally {
        db.$client.close();
      }
    },
  },
  restore: {
    summary: "Replace the database and evidence with a backup, after verifying it completely.",
    usage: "--from FILE",
    help: [
      "Stop the server first: restore refuses while it runs (data/server.pid names a live process).",
      "Before anything is replaced, the backup is checked: every file against the manifest's SHA-256,",
      "PRAGMA integrity_check on the database, and a trial decryption with this data folder's secrets.json.",
      "The database and evidence that were there are moved to data/pre-restore-<time>/, not deleted.",
      "FILE may also be a --db-only copy: then only the database is replaced and the evidence folder stays.",
      "A backup made by a newer version of Retract is refused.",
    ].join("\n"),
    async run(args) {
      const o = options(args, { from: { type: "string" } });
      if (!o.from) throw new Error("--from FILE is needed: the backup to restore.");
      const env = loadEnvOrExit();
      const { restoreBackup } = await import("~/backup/backup.server");
      const r = await restoreBackup({ archive: resolve(o.from), dataDir: env.dataDir });
      console.log(`Restored ${r.files} files (${r.evidence} evidence files) into ${env.dataDir}.`);
      if (r.previous) console.log(`The previous database and evidence are kept in ${r.previous}.`);
      console.log("Start Retract as usual; it brings the database up to date with this version.");
    },
  },
  "keys:rotate": {
    summary: "Re-encrypt every field and evidence file under a new data key, then retire the old key.",
    usage: "[--batch-size N] [--pause-ms MS]",
    help: [
      "Safe while the server runs, and resumable: if it is interrupted, run it again and it continues.",
      "The old key is removed from secrets.json only after a scan proves nothing uses it any more.",
      "Backups made before the rotation need the secrets.json from before it: keep that copy with them, or take a new backup now.",
    ].join("\n"),
    async run(args) {
      const o = options(args, {
        "batch-size": { type: "string" },
        "grace-ms": { type: "string" },
        "pause-ms": { type: "string" },
      });
      const pauseMs = Number(o["pause-ms"] ?? 0);
      const batchSize = Number(o["batch-size"] ?? 500);
      const graceMs = Number(o["grace-ms"] ?? 2000);
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new Error("--batch-size must be a whole number ≥ 1.");
      if (!Number.isInteger(graceMs) || graceMs < 0)
        throw new Error("--grace-ms must be a whole number ≥ 0.");
      if (!Number.isInteger(pauseMs) || pauseMs < 0)
        throw new Error("--pause-ms must be a whole number ≥ 0.");
      const { env, db } = await openPrepared();
      const { rotateKeys } = await import("~/security/rotate.server");
      try {
        const r = await rotateKeys({
          db: db.$client,
          dataDir: env.dataDir,
          batchSize,
          graceMs,
          log: console.log,
        });
        console.log(`Done: ${r.values} values and ${r.files} files now use key ${r.keyId}.`);
        if (r.missingFiles.length)
          console.log(
            `${r.missingFiles.length} evidence file(s) listed in the database are missing on disk.`,
          );
        console.log("Back up secrets.json now: older copies cannot read data written from now on.");
      } finally {
        db.$client.close();
      }
    },
  },
  "directory:import": {
    summary: "Re-import the recipient directory from a newer snapshot, keeping workspace corrections.",
    usage: "[--from DIR]",
    help: "DIR holds datenanfragen-companies.json, datenanfragen-authorities.json, data-brokers.json (and optionally curated.json), as in db/seed-data/directory.",
    async run(args) {
      const { db } = await openPrepared();
      console.log(runDirectoryImportCommand(db, args));
      db.$client.close();
    },
  },
  "token:create": {
    summary: "Create an API access token for an account (and organisation) and print it alone on stdout.",
    usage: "--email E [--workspace SLUG] [--name N] [--read-only]",
    help: "Without --workspace the token works in the account's personal workspace. Send it as Authorization: Bearer TOKEN. It is shown once; only its hash is kept.",
    async run(args) {
      const { db } = await openPrepared();
      db.$client.close();
      const { runTokenCreate } = await import("~/api/token-command.server");
      console.log(runTokenCreate(args));
    },
  },
  ...trackingCommands,
  ...jobsCommands,
};
