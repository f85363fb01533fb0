// The tracking issue's background jobs (registered once in app/jobs.server.ts): scheduled re-checks, mailbox
// polls, reminder digests.
import { recheckJob } from "~/rechecks/rechecks.server";
import { mailboxJob, mailboxPollJob } from "~/requests/replies/replies.server";
import { reminderJob } from "./reminders.server";

export const trackingJobs = [recheckJob, mailboxJob, mailboxPollJob, reminderJob];
