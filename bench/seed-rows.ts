// Pure, deterministic row generators for the bench database: the same plan and index always give the same
// plaintext (faker with a fixed seed, a seeded PRNG per row). Ciphertext is real (the app's encrypt() with
// the data folder's keys), so it differs between runs only by its random IVs.
import { createHash } from "node:crypto";
import { faker } from "@faker-js/faker";
import { blindIndex, type Keyring } from "~/security/crypto.server";
import { Sealed, sealFor } from "~/security/encrypted-type.server";

export const FAKER_SEED = 20261123;

/** Opaque, random-looking ids (like newId()) that are the same in every run. */
export function benchId(kind: string, i: number) {
  return createHash("sha256").update(`${kind}:${i}`).digest("base64url").slice(0, 16);
}

/** mulberry32: a tiny seeded PRNG, one stream per row so workers can generate any row independently. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rowRandom = (table: number, i: number) => prng((table * 0x9e3779b1) ^ (i * 0x85ebca6b) ^ FAKER_SEED);
const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;

/** The shape of the seeded data, computed once by the main thread and handed to the workers. */
export type Plan = {
  /** Fixed "now" of the data set (ms), so dates are the same in every run. */
  epoch: number;
  workspaceIds: string[];
  /** Per workspace: the user ids that may have created rows (owner first). */
  workspaceUsers: string[][];
  subjectWs: Int32Array;
  subjectAssignee: Int32Array; // index into workspaceUsers[ws], -1 = nobody
  caseSubject: Int32Array;
  exposureCase: Int32Array;
  letterExposure: Int32Array;
  /** Web addresses exposures point at, with the directory's answer for each (computed with app code). */
  sites: { host: string; recipientId: string | null; platform: string | null }[];
  /** Per letter: lifecycle events kept of its story, stand-alone notes, and its first event's index. */
  eventCap?: Int32Array;
  eventNotes?: Int32Array;
  eventStart?: Float64Array;
};

export type Pools = {
  names: string[];
  emails: string[];
  phones: string[];
  streets: string[];
  usernames: string[];
  words: string[];
  paragraphs: string[];
};

export function makePools(): Pools {
  faker.seed(FAKER_SEED);
  const names = Array.from({ length: 3000 }, () => faker.person.fullName());
  return {
    names,
    emails: Array.from({ length: 3000 }, () => faker.internet.email().toLowerCase()),
    phones: Array.from({ length: 3000 }, () => faker.phone.number({ style: "international" })),
    streets: Array.from(
      { length: 3000 },
      () => `${faker.location.streetAddress()}, ${faker.location.zipCode()} ${faker.location.city()}`,
    ),
    usernames: Array.from({ length: 3000 }, () => faker.internet.username().toLowerCase()),
    words: Array.from({ length: 500 }, () => faker.word.noun()),
    paragraphs: Array.from({ length: 200 }, () => faker.lorem.paragraph({ min: 3, max: 6 })),
  };
}

const COUNTRIES = ["DE", "GB", "FR", "NL", "US", "KR", "AT", "IE", "ES", "IT"];
const EXPOSED = ["home_address", "phone", "email", "photos", "family", "workplace", "social_accounts"];
const STATUSES = [
  ...Array(4).fill("removed"),
  ...Array(3).fill("requested"),
  ...Array(2).fill("active"),
  "reappeared",
  "unreachable",
] as const;
const SEVERITY = ["low", "medium", "high", "critical"] as const;
const DAY = 86_400_000;

export const SUBJECT_COLUMNS = [
  "id",
  "workspace_id",
  "name_enc",
  "aliases_enc",
  "emails_enc",
  "phones_enc",
  "addresses_enc",
  "usernames_enc",
  "country_enc",
  "notes_enc",
  "assigned_to",
  "created_by",
  "created_at",
  "updated_at",
];

const sealSubject = Object.fromEntries(
  SUBJECT_COLUMNS.filter((c) => c.endsWith("_enc")).map((c) => [c, sealFor("subjects", c)]),
);
const sealCaseTitle = sealFor("cases", "title_enc");

export function subjectRow(plan: Plan, pools: Pools, ring: Keyring, i: number) {
  const r = rowRandom(1, i);
  const id = benchId("subject", i);
  const ws = plan.subjectWs[i]!;
  const users = plan.workspaceUsers[ws]!;
  const seal = (column: string, plain: string) => sealSubject[column]!(id, plain, ring).token;
  const created = plan.epoch - Math.floor(r() * 700) * DAY;
  const assignee = plan.subjectAssignee[i]!;
  return [
    id,
    plan.workspaceIds[ws],
    seal("name_enc", pick(r, pools.names)),
    seal("aliases_enc", JSON.stringify(r() < 0.3 ? [pick(r, pools.names)] : [])),
    seal("emails_enc", JSON.stringify([pick(r, pools.emails)])),
    seal("phones_enc", JSON.stringify(r() < 0.7 ? [pick(r, pools.phones)] : [])),
    seal("addresses_enc", JSON.stringify([pick(r, pools.streets)])),
    seal("usernames_enc", JSON.stringify([pick(r, pools.usernames)])),
    seal("country_enc", pick(r, COUNTRIES)),
    seal("notes_enc", r() < 0.5 ? pick(r, pools.paragraphs) : ""),
    assignee >= 0 ? users[assignee] : null,
    users[0],
    created,
    created + Math.floor(r() * 30) * DAY,
  ];
}

export const CASE_COLUMNS = [
  "id",
  "workspace_id",
  "subject_id",
  "title_enc",
  "status",
  "created_by",
  "created_at",
  "updated_at",
];

export function caseRow(plan: Plan, pools: Pools, ring: Keyring, c: number) {
  const r = rowRandom(2, c);
  const id = benchId("case", c);
  const s = plan.caseSubject[c]!;
  const ws = plan.subjectWs[s]!;
  const created = plan.epoch - Math.floor(r() * 600) * DAY;
  const title = `${pick(r, pools.words)} leak on ${pick(r, ["Telegram", "a forum", "X", "a paste site", "Facebook", "a people-search site"])}`;
  return [
    id,
    plan.workspaceIds[ws],
    benchId("subject", s),
    sealCaseTitle(id, title, ring).token,
    r() < 0.8 ? "open" : "closed",
    plan.workspaceUsers[ws]![0],
    created,
    // Newest activity first on the dashboard: spread over the last year, distinct to the millisecond.
    plan.epoch - Math.floor(r() * 365 * DAY),
  ];
}

export const EXPOSURE_COLUMNS = [
  "id",
  "workspace_id",
  "case_id",
  "url_enc",
  "url_hmac",
  "host_enc",
  "platform",
  "recipient_id",
  "exposed",
  "calls_for_harm",
  "found_on",
  "severity",
  "status",
  "notes_enc",
  "created_by",
  "created_at",
  "updated_at",
];

export function exposureRow(plan: Plan, pools: Pools, ring: Keyring, e: number) {
  const r = rowRandom(3, e);
  const id = benchId("exposure", e);
  const c = plan.exposureCase[e]!;
  const ws = plan.subjectWs[plan.caseSubject[c]!]!;
  const site = pick(r, plan.sites);
  // The exposure index in the path keeps URLs unique within a case (the unique index on case + URL).
  const url = `https://${site.host}/${pick(r, pools.usernames)}/${e.toString(36)}`;
  const exposed = EXPOSED.filter(() => r() < 0.3);
  if (exposed.length === 0) exposed.push(pick(r, EXPOSED));
  const created = plan.epoch - Math.floor(r() * 500) * DAY;
  const seal = (column: string, plain: string) => Sealed.seal("exposures", column, id, plain, ring).token;
  return [
    id,
    plan.workspaceIds[ws],
    benchId("case", c),
    seal("url_enc", url),
    blindIndex("exposure-url", url, ring),
    seal("host_enc", site.host),
    site.platform,
    site.recipientId,
    JSON.stringify(exposed),
    r() < 0.05 ? 1 : 0,
    new Date(created).toISOString().slice(0, 10),
    pick(r, SEVERITY),
    pick(r, STATUSES),
    seal("notes_enc", r() < 0.3 ? pick(r, pools.paragraphs) : ""),
    plan.workspaceUsers[ws]![0],
    created,
    created + Math.floor(r() * 60) * DAY,
  ];
}

export const LETTER_COLUMNS = [
  "id",
  "workspace_id",
  "case_id",
  "recipient_id",
  "kind",
  "channel",
  "address_enc",
  "template_id",
  "template_lang",
  "template_version",
  "regime",
  "deadline_rule",
  "reference",
  "status",
  "subject_enc",
  "body_enc",
  "template_body_enc",
  "variables_enc",
  "attachment_ids",
  "paper",
  "frozen_at",
  "sent_at",
  "sent_on",
  "due_on",
  "created_by",
  "created_at",
  "updated_at",
];

const REF_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** RX-XXXX-XX from the letter's index: unique for up to 32^6 letters. */
function reference(i: number) {
  let s = "";
  let n = i;
  for (let k = 0; k < 6; k++) {
    s = REF_ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  }
  return `RX-${s.slice(0, 4)}-${s.slice(4)}`;
}

export function letterRow(plan: Plan, pools: Pools, ring: Keyring, l: number) {
  const r = rowRandom(4, l);
  const id = benchId("letter", l);
  const e = plan.letterExposure[l]!;
  const c = plan.exposureCase[e]!;
  const ws = plan.subjectWs[plan.caseSubject[c]!]!;
  const ref = reference(l);
  const name = pick(r, pools.names);
  const url = `https://${pick(r, plan.sites).host}/${pick(r, pools.usernames)}/${e.toString(36)}`;
  // Dates and status come from the letter's story, so they agree with its request_events.
  const story = letterStory(plan, l, plan.eventCap?.[l] ?? 0);
  const created = story.created;
  const sentOn = story.sentAt === null ? null : isoDay(story.sentAt);
  const dueOn = story.dueOn;
  // A letter of realistic length (a rendered erasure request is 2–4 KB).
  const body = [
    "Dear Sir or Madam,",
    `I am writing on behalf of ${name} to request the erasure of personal data under Article 17 GDPR and to object to its processing under Article 21 GDPR (reference ${ref}).`,
    `The data appears at: ${url}`,
    pick(r, pools.paragraphs),
    pick(r, pools.paragraphs),
    pick(r, pools.paragraphs),
    pick(r, pools.paragraphs),
    `Please confirm the erasure within one month of receipt, by ${dueOn ?? "one month after receipt"}, as Article 12(3) GDPR requires.`,
    "If you do not act on this request, a complaint will be lodged with the supervisory authority.",
    pick(r, pools.paragraphs),
    `Yours faithfully,\n${name}`,
  ].join("\n\n");
  // The column type's seal (its context from ENCRYPTED_COLUMNS), written as the raw token.
  const seal = (column: string, plain: string) => Sealed.seal("letters", column, id, plain, ring).token;
  return [
    id,
    plan.workspaceIds[ws],
    benchId("case", c),
    pick(r, plan.sites).recipientId,
    "gdpr-erasure",
    "email",
    seal("address_enc", `privacy@${pick(r, plan.sites).host}`),
    "gdpr-erasure",
    "en",
    1,
    "gdpr",
    "gdpr-month",
    ref,
    story.status,
    seal("subject_enc", `Erasure request and objection under Articles 17 and 21 GDPR – ref ${ref}`),
    seal("body_enc", body),
    seal("template_body_enc", body),
    seal(
      "variables_enc",
      JSON.stringify({
        reference: ref,
        regime: "gdpr",
        requester: { name },
        exposures: [{ url }],
        dueDate: dueOn,
      }),
    ),
    "[]",
    "A4",
    story.sentAt,
    story.sentAt,
    sentOn,
    dueOn,
    plan.workspaceUsers[ws]![0],
    created,
    story.updated,
  ];
}

export const LETTER_EXPOSURE_COLUMNS = ["letter_id", "exposure_id", "workspace_id"];

export const GENERATORS = {
  subjects: { columns: SUBJECT_COLUMNS, row: subjectRow },
  cases: { columns: CASE_COLUMNS, row: caseRow },
  exposures: { columns: EXPOSURE_COLUMNS, row: exposureRow },
  letters: { columns: LETTER_COLUMNS, row: letterRow },
} as const;

/** Tables the workers generate: one row per index, or (request_events) every event of letter `index`. */
export type TableName = keyof typeof GENERATORS | "request_events";

// ── Request timeline events (request_events) ─────────────────────────────────────────────────────
// Each sent letter lives a story through the app's lifecycle (app/requests/tracking/lifecycle.ts): acknowledged, maybe
// an extension, a reply (removed, refused with a reason, more information asked…), follow-ups, a complaint,
// closed. The letter's status is the state its story ends in, so letters and events agree. As in the app,
// sending itself is no event (the timeline takes it from letters.sent_at / the outbox), and most events carry
// no note (note_enc NULL, what applyEvent stores without one); notes are encrypted under
// `request_event:<id>:note`, as addNote() and applyEvent() do.

const HOUR = 3_600_000;
export type StoryStep = {
  kind: string;
  from: string | null;
  to: string | null;
  outcome?: string;
  reason?: string;
  dueOn?: string;
  at: number;
};
export type Story = {
  status: string;
  created: number;
  sentAt: number | null;
  dueOn: string | null;
  updated: number;
  steps: StoryStep[];
};

const REPLY_MIX = [
  ...Array(9).fill("removed"),
  ...Array(3).fill("partly_removed"),
  ...Array(3).fill("refused"),
  ...Array(3).fill("more_info_requested"),
  ...Array(2).fill("no_longer_there"),
] as const;
const REASONS = [
  "insuf_verification",
  "id_document_demanded",
  "id_document_demanded",
  "no_match",
  "freedom_of_expression",
  "freedom_of_expression",
  "not_our_data",
  "outside_jurisdiction",
  "claim_not_covered",
  "wrong_channel",
  "other",
] as const;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A letter's life up to the data set's "now", cut after `cap` lifecycle events (the seeder trims a few stories
 * so the total is exactly the target). Pure: the main thread and the workers get the same story.
 */
export function letterStory(plan: Plan, l: number, cap = Number.POSITIVE_INFINITY): Story {
  const r = rowRandom(5, l);
  const created = plan.epoch - (2 + Math.floor(r() * 400)) * DAY - Math.floor(r() * 10) * HOUR;
  if (r() < 0.08) return { status: "draft", created, sentAt: null, dueOn: null, updated: created, steps: [] };
  const sentAt = created + Math.floor((1 + r() * 47) * HOUR);
  const dueOn = isoDay(sentAt + 31 * DAY);
  const steps: StoryStep[] = [];
  let state = "sent";
  let t = sentAt;
  let replies = 0;
  const step = (days: number, s: Omit<StoryStep, "at" | "from">) => {
    const at = t + Math.floor(days * DAY) + Math.floor(r() * 8 * HOUR);
    if (at >= plan.epoch || steps.length >= cap) return false;
    steps.push({ ...s, from: state, at });
    if (s.to) state = s.to;
    t = at;
    return true;
  };
  const reply = (days: number) => {
    const outcome = pick(r, REPLY_MIX);
    const next = replies > 1 && outcome !== "removed" && r() < 0.5 ? "removed" : outcome;
    if (next === state) return false;
    replies++;
    return step(days, {
      kind: "reply",
      to: next,
      outcome: next,
      reason: next === "refused" ? pick(r, REASONS) : undefined,
    });
  };
  walk: for (let guard = 0; guard < 12; guard++) {
    switch (state) {
      case "sent":
      case "follow_up_sent":
        if (r() < 0.6 && step(1 + r() * 6, { kind: "acknowledge", to: "acknowledged" })) continue;
        if (
          r() < 0.88
            ? !reply(3 + r() * 30)
            : !step(32 + r() * 20, { kind: "follow_up", to: "follow_up_sent" })
        )
          break walk;
        continue;
      case "acknowledged":
        if (replies === 0 && r() < 0.2) {
          const newDue = isoDay(sentAt + (31 + 60) * DAY);
          if (!step(5 + r() * 20, { kind: "announce_extension", to: "extended", dueOn: newDue })) break walk;
          continue;
        }
        if (!reply(3 + r() * 25)) break walk;
        continue;
      case "extended":
        if (!reply(10 + r() * 60)) break walk;
        continue;
      case "more_info_requested":
      case "partly_removed":
        if (r() < 0.7 ? !step(2 + r() * 10, { kind: "follow_up", to: "follow_up_sent" }) : !closeIt())
          break walk;
        continue;
      case "refused":
        if (r() < 0.45) {
          if (!step(3 + r() * 20, { kind: "escalate", to: "escalated" })) break walk;
        } else if (r() < 0.6) {
          if (!step(2 + r() * 10, { kind: "follow_up", to: "follow_up_sent" })) break walk;
        } else if (!closeIt()) break walk;
        continue;
      case "escalated":
        if (r() < 0.5 && step(60 + r() * 120, { kind: "authority_outcome", to: "authority_decided" }))
          continue;
        break walk;
      case "removed":
      case "no_longer_there":
      case "authority_decided":
        closeIt();
        break walk;
      default:
        break walk;
    }
  }
  function closeIt() {
    return r() < 0.55 && step(1 + r() * 14, { kind: "close", to: "closed" });
  }
  return { status: state, created, sentAt, dueOn, updated: t, steps };
}

/** Notes a letter's events carry: a share of the lifecycle events has one, as do the stand-alone notes. */
const NOTE_TEXTS = [
  "Called their privacy line; they said the team will look at it this week.",
  "Reply came by post, scanned into the case evidence.",
  "They asked for the exact URLs again; sent them with the screenshots.",
  "Checked the page: still up this morning.",
  "Client prefers we do not send an ID document.",
  "Spoke to the client, who wants to go to the regulator if this is refused.",
  "Second address for their DPO found on the imprint page.",
  "The profile was renamed but the photos are still there.",
];

export const REQUEST_EVENT_COLUMNS = [
  "id",
  "workspace_id",
  "case_id",
  "letter_id",
  "at",
  "kind",
  "from_status",
  "to_status",
  "outcome",
  "refusal_reason",
  "due_on",
  "note_enc",
  "inbound_message_id",
  "related_letter_id",
  "actor_user_id",
];

/**
 * All event rows of letter `l`: its story (cut at plan.eventCap[l]) plus plan.eventNotes[l] stand-alone notes;
 * ids follow plan.eventStart so every event of the data set has a stable index.
 */
export function letterEventRows(plan: Plan, _pools: Pools, ring: Keyring, l: number): unknown[][] {
  const story = letterStory(plan, l, plan.eventCap![l]!);
  if (story.sentAt === null) return [];
  const r = rowRandom(6, l);
  const letterId = benchId("letter", l);
  const c = plan.exposureCase[plan.letterExposure[l]!]!;
  const ws = plan.subjectWs[plan.caseSubject[c]!]!;
  const users = plan.workspaceUsers[ws]!;
  const actor = users[Math.floor(r() * users.length)] ?? null;
  let k = plan.eventStart![l]!;
  const rows: unknown[][] = [];
  const row = (at: number, s: Partial<StoryStep> & { kind: string }, note: string | null) => {
    const id = benchId("request_event", k++);
    rows.push([
      id,
      plan.workspaceIds[ws],
      benchId("case", c),
      letterId,
      at,
      s.kind,
      s.from ?? null,
      s.to ?? null,
      s.outcome ?? null,
      s.reason ?? null,
      s.dueOn ?? null,
      note === null ? null : Sealed.seal("request_events", "note_enc", id, note, ring).token,
      null,
      null,
      actor,
    ]);
  };
  for (const s of story.steps) row(s.at, s, r() < 0.12 ? pick(r, NOTE_TEXTS) : null);
  const notes = plan.eventNotes![l]!;
  const span = Math.max(HOUR, Math.min(plan.epoch - 1, story.updated + 10 * DAY) - story.sentAt);
  for (let n = 0; n < notes; n++)
    row(story.sentAt + Math.floor(r() * span), { kind: "note" }, pick(r, NOTE_TEXTS));
  return rows;
}
