// The CLI's commands. Each later capability adds its command here (one entry, code in its own module).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { runDirectoryImportCommand } from "~/recipients/import.server";
import { loadEnvOrExit, migrateAndSeed, prepareDataDir } from "../prepare";

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
      const { SignupSchema } = await import("~/auth/schemas");
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
    summary: "Write a consistent copy of the database while the server runs (SQLite online backup).",
    usage: "--out FILE",
    help: "The copy is encrypted like the database itself. Keep secrets.json (in the data folder) backed up separately: without it no backup can be read.",
    async run(args) {
      const o = options(args, { out: { type: "string" } });
      if (!o.out) throw new Error("--out FILE is needed: where to write the backup.");
      const out = resolve(o.out);
      if (existsSync(out)) throw new Error(`${out} already exists; choose a new file name.`);
      const { db } = await openPrepared();
      await db.$client.backup(out);
      db.$client.close();
      console.log(`Backup written to ${out}`);
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
};
