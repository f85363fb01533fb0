// CLI commands of the tracking issue, for cron-style deployments that run with RETRACT_DISABLE_JOBS=true.
import { parseArgs } from "node:util";
import { loadEnvOrExit, migrateAndSeed, prepareDataDir } from "../prepare";
import type { Command } from "./commands";

async function prepared() {
  const env = loadEnvOrExit();
  prepareDataDir(env);
  const db = await migrateAndSeed(env, { seed: false });
  db.$client.close();
  return env;
}

export const trackingCommands: Record<string, Command> = {
  recheck: {
    summary: "Re-check exposures whose last check is older than RETRACT_RECHECK_HOURS (or --hours).",
    usage: "[--hours H] [--limit N]",
    help: "Fetches each page from this machine behind the SSRF guard and records whether it is still up, removed or back.",
    async run(args) {
      const o = parseArgs({
        args,
        options: { hours: { type: "string" }, limit: { type: "string" } },
        strict: true,
        allowPositionals: false,
      }).values;
      const env = await prepared();
      const hours = o.hours === undefined ? env.RETRACT_RECHECK_HOURS : Number(o.hours);
      const limit = o.limit === undefined ? 500 : Number(o.limit);
      if (!Number.isFinite(hours) || hours < 0) throw new Error("--hours must be a number ≥ 0.");
      if (!Number.isInteger(limit) || limit < 1) throw new Error("--limit must be a whole number ≥ 1.");
      const { runScheduledRechecks } = await import("~/rechecks/rechecks.server");
      const results = await runScheduledRechecks({ intervalHours: hours, limit });
      const counts = new Map<string, number>();
      for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
      const summary = [...counts].map(([k, n]) => `${n} ${k}`).join(", ");
      console.log(`Checked ${results.length} exposure(s)${summary ? `: ${summary}` : ""}.`);
    },
  },
  reminders: {
    summary: "Email each user today's digest of requests that are overdue or due within three days.",
    usage: "",
    help: "Sends at most one digest per user and day, so running it from cron and having the server's job on is safe.",
    async run(args) {
      parseArgs({ args, options: {}, strict: true, allowPositionals: false });
      await prepared();
      const { sendReminderDigests } = await import("~/requests/tracking/reminders.server");
      const sent = await sendReminderDigests();
      console.log(`Sent ${sent} reminder digest(s).`);
    },
  },
  replies: {
    summary: "Read new mail from every workspace's mailbox (IMAP) and attach replies to their requests.",
    usage: "",
    async run(args) {
      parseArgs({ args, options: {}, strict: true, allowPositionals: false });
      await prepared();
      const { pollAllMailboxes } = await import("~/requests/replies/replies.server");
      const results = Object.values(await pollAllMailboxes());
      const fetched = results.reduce((n, r) => n + r.fetched, 0);
      const matched = results.reduce((n, r) => n + r.matched, 0);
      const failed = results.filter((r) => r.error).length;
      console.log(
        `${results.length} mailbox(es): ${fetched} new message(s), ${matched} matched to a request${failed ? `, ${failed} could not be read` : ""}.`,
      );
    },
  },
};
