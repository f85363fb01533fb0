// `npm run cli -- jobs`: the server's background jobs without the web server. Once (cron-style deployments that
// run the server with RETRACT_DISABLE_JOBS=true) or, with --watch, as a worker process beside the servers until
// SIGTERM/SIGINT; any number of these and of servers may share one data folder (decision 084).
import { parseArgs } from "node:util";
import { loadEnvOrExit, migrateAndSeed, prepareDataDir } from "../prepare";
import type { Command } from "./commands";

export const jobsCommands: Record<string, Command> = {
  jobs: {
    summary:
      "Run the background jobs that are due (letters to send, bulk runs, polls, reminders, re-checks, backups).",
    usage: "[--watch]",
    help: "Without --watch, runs what is due now and exits. With --watch, keeps running them until stopped with SIGTERM or Ctrl-C, then hands back what it holds and exits.",
    async run(args) {
      const o = parseArgs({
        args,
        options: { watch: { type: "boolean" } },
        strict: true,
        allowPositionals: false,
      }).values;
      const env = loadEnvOrExit();
      prepareDataDir(env);
      (await migrateAndSeed(env, { seed: false })).$client.close();
      const { closeDb } = await import("~/db.server");
      const { createJobRunner } = await import("~/jobs.server");
      const runner = createJobRunner();
      if (!o.watch) {
        runner.prepare();
        const ran = await runner.drain();
        closeDb();
        console.log(`Ran ${ran} job(s).`);
        return;
      }
      globalThis.__retractJobRunner = runner;
      runner.start();
      const alive = setInterval(() => undefined, 60_000);
      console.log("Running background jobs; stop with Ctrl-C.");
      await new Promise<void>((done) => {
        for (const signal of ["SIGTERM", "SIGINT"] as const)
          process.once(signal, () => {
            void runner.stop().then(() => done());
          });
      });
      clearInterval(alive);
      closeDb();
      console.log(`Stopped after ${[...runner.ran.values()].reduce((a, b) => a + b, 0)} job(s).`);
    },
  },
};
