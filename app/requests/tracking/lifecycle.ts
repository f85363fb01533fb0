// The request lifecycle: one state machine for a letter from draft to closed. Pure (no I/O, no clock), so the
// server, the reply matcher and the browser all agree on what may happen next. `letters.status` holds the state.
//
// "Overdue" is derived, not stored: a request is overdue when it is still waiting for an answer and its due date
// (the announced extension's, when there is one) is before today. Storing it would need a job to flip states at
// midnight and would lose the state the request was actually in (sent or acknowledged).
import type { MessageKey } from "~/i18n/translate";
import type { Kind } from "~/requests/compose/variables";

export const REQUEST_STATES = [
  "draft",
  // Email only: in the outbox, then accepted by the SMTP server (→ sent) or refused for good (→ failed).
  "queued",
  "failed",
  "sent",
  "acknowledged",
  "extended",
  "more_info_requested",
  "follow_up_sent",
  "removed",
  "partly_removed",
  "refused",
  "no_longer_there",
  "escalated",
  "authority_decided",
  "closed",
  // "Stop reminding me about this": set aside by the person, not answered. Resumable to the state it left.
  "abandoned",
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The recipient's answers a reply can carry (recorded by hand or picked after a mailed reply arrives). */
export const REPLY_OUTCOMES = [
  "removed",
  "partly_removed",
  "refused",
  "more_info_requested",
  "no_longer_there",
] as const;
export type ReplyOutcome = (typeof REPLY_OUTCOMES)[number];

// ── Refusal reasons ─────────────────────────────────────────────────────────────────────────────
// The Data Rights Protocol's denial reasons (Consumer Reports, DRP v0.9 §3.02: suspected_fraud,
// insuf_verification, no_match, claim_not_covered, outside_jurisdiction, too_many_requests, other), plus the
// refusals doxxing victims meet most: an ID document demanded, the wrong channel, "freedom of expression",
// and "not our data".
export const REFUSAL_REASONS = [
  "suspected_fraud",
  "insuf_verification",
  "no_match",
  "claim_not_covered",
  "outside_jurisdiction",
  "too_many_requests",
  "id_document_demanded",
  "wrong_channel",
  "freedom_of_expression",
  "not_our_data",
  "other",
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type RefusalInfo = {
  label: string;
  /** Plain advice: what the refusal means and what to do. Not legal advice. */
  advice: string;
  /** The letter to write next. */
  nextLetter: Kind;
  /** From the Data Rights Protocol's vocabulary (true) or added by Retract (false). */
  drp: boolean;
};

export const REFUSALS: Record<RefusalReason, RefusalInfo> = {
  suspected_fraud: {
    label: "They think the request is fraudulent",
    advice:
      "Reply calmly that the request is genuine, from the person concerned (or their representative with a signed mandate), and offer a way to confirm it that does not expose more about them. If they still refuse, complain to the regulator.",
    nextLetter: "follow-up",
    drp: true,
  },
  insuf_verification: {
    label: "They could not verify who is asking",
    advice:
      "They may ask only for what they need to be sure it is you, and only if they have a reasonable doubt. Offer to confirm from the email address or account that the data is about. Do not send more than that.",
    nextLetter: "follow-up",
    drp: true,
  },
  no_match: {
    label: "They say they found no data about the person",
    advice:
      "Send the exact web addresses again, with screenshots, and the identifiers that appear on the page. If the page is still up, they hold the data: complain to the regulator.",
    nextLetter: "follow-up",
    drp: true,
  },
  claim_not_covered: {
    label: "They say the law does not cover this request",
    advice:
      "Check which law the letter used. Doxxing content usually falls under erasure and objection rights, and under platform rules on private information. Try the platform's own report or a DSA notice as well, and complain to the regulator.",
    nextLetter: "regulator-complaint",
    drp: true,
  },
  outside_jurisdiction: {
    label: "They say the person's law does not apply to them",
    advice:
      "Many services are bound by the law where their users live or where they offer their service. Where that fails, their own rules on private information still apply: report under those, or send a DSA notice if they serve the EU.",
    nextLetter: "dsa-notice",
    drp: true,
  },
  too_many_requests: {
    label: "They say there have been too many requests",
    advice:
      "A request about new or different content is a new request. Say so in a follow-up, listing what is new. A regulator can decide whether a request was excessive.",
    nextLetter: "follow-up",
    drp: true,
  },
  id_document_demanded: {
    label: "They demand an ID document",
    advice:
      "Under GDPR they may ask for extra information only when they have a reasonable doubt about who you are, and a copy of an ID document is rarely needed. Offer a less revealing way to confirm it. If you do send one, black out everything except your name and photo.",
    nextLetter: "follow-up",
    drp: false,
  },
  wrong_channel: {
    label: "They say the request came through the wrong channel",
    advice:
      "A request under data-protection law is valid however it arrives. Still, sending it again through the channel they name is often the fastest way: check the directory entry, and say that the first request's date stands.",
    nextLetter: "follow-up",
    drp: false,
  },
  freedom_of_expression: {
    label: "They rely on freedom of expression",
    advice:
      "Publishing a private person's home address or phone number to invite harassment is not journalism or public debate. Explain the particular risk to safety; if they keep the content up, complain to the regulator.",
    nextLetter: "regulator-complaint",
    drp: false,
  },
  not_our_data: {
    label: "They say they do not control the content",
    advice:
      "Hosts and platforms must still act on notices about illegal content they store. Send a DSA notice (EU) or report it through the platform's channel, and write to the site that published it.",
    nextLetter: "dsa-notice",
    drp: false,
  },
  other: {
    label: "Another reason",
    advice:
      "Write down their reason in the note. A refusal must say why and how to challenge it; if it does not, or the reason does not hold, complain to the regulator.",
    nextLetter: "regulator-complaint",
    drp: true,
  },
};

// ── Events and the transition table ─────────────────────────────────────────────────────────────

export type RequestEvent =
  | { type: "queue" }
  | { type: "smtp_accepted" }
  | { type: "smtp_failed" }
  // The recipient's mail server sent the email back (a bounce): it did not arrive (decision 110).
  | { type: "bounce" }
  | { type: "mark_sent" }
  | { type: "acknowledge" }
  | { type: "announce_extension"; newDueOn: string }
  | { type: "reply"; outcome: Exclude<ReplyOutcome, "refused"> }
  | { type: "reply"; outcome: "refused"; reason: RefusalReason }
  | { type: "follow_up" }
  | { type: "escalate" }
  | { type: "authority_outcome" }
  | { type: "close" }
  | { type: "abandon" }
  /** Back to the state the request was in when it was set aside (the server reads it from the abandon event). */
  | { type: "resume"; to: RequestState };
export type RequestEventType = RequestEvent["type"];

export const EVENT_TYPES: readonly RequestEventType[] = [
  "queue",
  "smtp_accepted",
  "smtp_failed",
  "bounce",
  "mark_sent",
  "acknowledge",
  "announce_extension",
  "reply",
  "follow_up",
  "escalate",
  "authority_outcome",
  "close",
  "abandon",
  "resume",
];

/** Waiting for the recipient: the states in which the clock runs and a request can go overdue. */
export const AWAITING: readonly RequestState[] = ["sent", "acknowledged", "extended"];
/** The recipient can still answer (a reply is accepted). */
const ANSWERABLE: readonly RequestState[] = [
  "sent",
  "acknowledged",
  "extended",
  "more_info_requested",
  "follow_up_sent",
  "partly_removed",
  "escalated",
];
/** Something is still wrong, so the user may write again or complain. */
const PURSUABLE: readonly RequestState[] = [
  "sent",
  "acknowledged",
  "extended",
  "more_info_requested",
  "follow_up_sent",
  "partly_removed",
  "refused",
  // They said it was done, but a re-check found it still up: the person writes again or complains.
  "removed",
  "no_longer_there",
];
const CLOSABLE = REQUEST_STATES.filter((s) => s !== "draft" && s !== "queued" && s !== "closed");
/** Open requests: sent (or failed) and not closed or set aside. "Stop reminding me" may leave any of them. */
export const ABANDONABLE: readonly RequestState[] = REQUEST_STATES.filter(
  (s) => s !== "draft" && s !== "queued" && s !== "closed" && s !== "abandoned",
);

/** For every event, the states it may leave from. Anything else is refused. */
export const ALLOWED_FROM: Record<RequestEventType, readonly RequestState[]> = {
  queue: ["draft", "failed"],
  smtp_accepted: ["queued"],
  smtp_failed: ["queued"],
  // Only a letter still waiting for its first answer: once they answered, it arrived.
  bounce: ["sent"],
  mark_sent: ["draft"],
  acknowledge: ["sent", "follow_up_sent"],
  // One extension: the law allows it once, within the first period.
  announce_extension: ["sent", "acknowledged"],
  reply: ANSWERABLE,
  follow_up: PURSUABLE,
  escalate: PURSUABLE,
  authority_outcome: ["escalated"],
  close: CLOSABLE,
  abandon: ABANDONABLE,
  resume: ["abandoned"],
};

export class IllegalTransitionError extends Error {
  readonly from: string;
  readonly event: string;
  constructor(from: string, event: string, message?: string) {
    super(
      message ?? `A request that is ${STATE_LABELS[from as RequestState] ?? from} cannot take "${event}".`,
    );
    this.name = "IllegalTransitionError";
    this.from = from;
    this.event = event;
  }
}

export function isRequestState(s: string): s is RequestState {
  return (REQUEST_STATES as readonly string[]).includes(s);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function target(event: RequestEvent): RequestState {
  switch (event.type) {
    case "queue":
      return "queued";
    case "smtp_accepted":
    case "mark_sent":
      return "sent";
    case "smtp_failed":
    case "bounce":
      return "failed";
    case "acknowledge":
      return "acknowledged";
    case "announce_extension":
      return "extended";
    case "reply":
      return event.outcome;
    case "follow_up":
      return "follow_up_sent";
    case "escalate":
      return "escalated";
    case "authority_outcome":
      return "authority_decided";
    case "close":
      return "closed";
    case "abandon":
      return "abandoned";
    case "resume":
      return event.to;
  }
}

/** The state after `event`, or an IllegalTransitionError. A reply cannot "answer" with the state it is in. */
export function transition(state: string, event: RequestEvent): RequestState {
  if (!isRequestState(state))
    throw new IllegalTransitionError(state, event.type, `Unknown request state "${state}".`);
  if (!ALLOWED_FROM[event.type].includes(state)) throw new IllegalTransitionError(state, event.type);
  const next = target(event);
  if (event.type === "reply") {
    if (next === state) throw new IllegalTransitionError(state, event.type);
    if (event.outcome === "refused" && !(REFUSAL_REASONS as readonly string[]).includes(event.reason))
      throw new IllegalTransitionError(state, event.type, "A refusal needs a reason from the list.");
  }
  if (event.type === "resume" && !ABANDONABLE.includes(event.to))
    throw new IllegalTransitionError(state, event.type, "A request can only go back to an open state.");
  if (event.type === "announce_extension" && !ISO_DATE.test(event.newDueOn))
    throw new IllegalTransitionError(state, event.type, "An extension needs its new due date (YYYY-MM-DD).");
  return next;
}

export function canTake(state: string, event: RequestEventType): boolean {
  return isRequestState(state) && ALLOWED_FROM[event].includes(state);
}

// ── Derived: due date and overdue ──────────────────────────────────────────────────────────────

/** The date the answer is due now: an announced extension's new date, else the date computed at sending. */
export function effectiveDue(r: { dueOn: string | null; announcedDueOn?: string | null }): string | null {
  return r.announcedDueOn ?? r.dueOn;
}

/** True when the request waits for an answer and its due date is before `today` (both YYYY-MM-DD). */
export function isOverdue(
  r: { status: string; dueOn: string | null; announcedDueOn?: string | null },
  today: string,
): boolean {
  const due = effectiveDue(r);
  return due !== null && (AWAITING as readonly string[]).includes(r.status) && due < today;
}

/** Due within `days` days from today (inclusive), and not yet overdue. */
export function isDueSoon(
  r: { status: string; dueOn: string | null; announcedDueOn?: string | null },
  today: string,
  days: number,
): boolean {
  const due = effectiveDue(r);
  if (due === null || !(AWAITING as readonly string[]).includes(r.status) || due < today) return false;
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return due <= limit.toISOString().slice(0, 10);
}

/** What the user should do next in a state (the letter kind to offer, if any). */
export function suggestedNextLetter(state: string, reason?: RefusalReason | null): Kind | null {
  if (state === "refused") return REFUSALS[reason ?? "other"].nextLetter;
  if (state === "partly_removed" || state === "more_info_requested") return "follow-up";
  if (state === "follow_up_sent") return "regulator-complaint";
  return null;
}

export const STATE_LABELS: Record<RequestState, string> = {
  draft: "draft",
  queued: "waiting to be sent",
  failed: "not sent (the mail server refused it)",
  sent: "sent",
  acknowledged: "acknowledged",
  extended: "extended by the recipient",
  more_info_requested: "more information asked",
  follow_up_sent: "followed up",
  // Their word, not a check: see requestStateLabel for what the pages show once the places are checked.
  removed: "they say it is done",
  partly_removed: "partly removed",
  refused: "refused",
  no_longer_there: "no longer there",
  escalated: "complaint filed",
  authority_decided: "authority decided",
  closed: "closed",
  abandoned: "set aside (no reminders)",
};

/**
 * What the pages call a request's state. "Removed" is the recipient's word until every place the request names
 * has been checked gone (by a re-check or by the person): only then "Removed (checked)".
 */
export function requestStateLabel(state: string, placesCheckedGone: boolean): string {
  if ((state === "removed" || state === "no_longer_there") && placesCheckedGone) return "removed (checked)";
  return STATE_LABELS[state as RequestState] ?? "unknown state";
}

/** The pages' words for the states, as message keys (STATE_LABELS keeps the English for mail, the API and letters). */
export const STATE_KEYS = {
  draft: "requestState.draft",
  queued: "requestState.queued",
  failed: "requestState.failed",
  sent: "requestState.sent",
  acknowledged: "requestState.acknowledged",
  extended: "requestState.extended",
  more_info_requested: "requestState.more_info_requested",
  follow_up_sent: "requestState.follow_up_sent",
  removed: "requestState.removed",
  partly_removed: "requestState.partly_removed",
  refused: "requestState.refused",
  no_longer_there: "requestState.no_longer_there",
  escalated: "requestState.escalated",
  authority_decided: "requestState.authority_decided",
  closed: "requestState.closed",
  abandoned: "requestState.abandoned",
} as const satisfies Record<RequestState, MessageKey>;

/** requestStateLabel as a message key. */
export function requestStateKey(state: string, placesCheckedGone: boolean): MessageKey {
  if ((state === "removed" || state === "no_longer_there") && placesCheckedGone)
    return "requestState.removedChecked";
  return STATE_KEYS[state as RequestState] ?? "requestState.unknown";
}

/** The reply outcomes that say the content is gone: its places move to "they say it is removed". */
export const SAID_DONE_OUTCOMES: readonly ReplyOutcome[] = ["removed", "partly_removed", "no_longer_there"];

export const OUTCOME_LABELS: Record<ReplyOutcome, string> = {
  removed: "They removed everything",
  partly_removed: "They removed some of it",
  refused: "They refused",
  more_info_requested: "They asked for more information",
  no_longer_there: "They say it is no longer there",
};

export const OUTCOME_KEYS = {
  removed: "replyOutcome.removed",
  partly_removed: "replyOutcome.partly_removed",
  refused: "replyOutcome.refused",
  more_info_requested: "replyOutcome.more_info_requested",
  no_longer_there: "replyOutcome.no_longer_there",
} as const satisfies Record<ReplyOutcome, MessageKey>;

/** The refusals' label and advice as message keys (REFUSALS keeps the English the letters quote). */
export const REFUSAL_KEYS = {
  suspected_fraud: { label: "refusal.suspected_fraud.label", advice: "refusal.suspected_fraud.advice" },
  insuf_verification: {
    label: "refusal.insuf_verification.label",
    advice: "refusal.insuf_verification.advice",
  },
  no_match: { label: "refusal.no_match.label", advice: "refusal.no_match.advice" },
  claim_not_covered: { label: "refusal.claim_not_covered.label", advice: "refusal.claim_not_covered.advice" },
  outside_jurisdiction: {
    label: "refusal.outside_jurisdiction.label",
    advice: "refusal.outside_jurisdiction.advice",
  },
  too_many_requests: { label: "refusal.too_many_requests.label", advice: "refusal.too_many_requests.advice" },
  id_document_demanded: {
    label: "refusal.id_document_demanded.label",
    advice: "refusal.id_document_demanded.advice",
  },
  wrong_channel: { label: "refusal.wrong_channel.label", advice: "refusal.wrong_channel.advice" },
  freedom_of_expression: {
    label: "refusal.freedom_of_expression.label",
    advice: "refusal.freedom_of_expression.advice",
  },
  not_our_data: { label: "refusal.not_our_data.label", advice: "refusal.not_our_data.advice" },
  other: { label: "refusal.other.label", advice: "refusal.other.advice" },
} as const satisfies Record<RefusalReason, { label: MessageKey; advice: MessageKey }>;
