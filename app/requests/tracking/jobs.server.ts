// The tracking issue's background jobs (registered once in app/jobs.server.ts): scheduled re-checks, mailbox
// polls, reminder digests, and the one re-check scheduled after a recipient says a place is removed.
import { recheckJob } from "~/rechecks/rechecks.server";
import { recheckSoonJob } from "~/rechecks/soon.server";
import { mailboxJob, mailboxPollJob } from "~/requests/replies/replies.server";
import { reminderJob } from "./reminders.server";

export const trackingJobs = [recheckJob, recheckSoonJob, mailboxJob, mailboxPollJob, reminderJob];
