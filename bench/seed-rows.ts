// Pure, deterministic row generators for the bench database: the same plan and index always give the same
// plaintext (faker with a fixed seed, a seeded PRNG per row). Ciphertext is real (the app's encrypt() with
// the data folder's keys), so it differs between runs only by its random IVs.
import { createHash } from "node:crypto";
import { faker } from "@faker-js/faker";
import { blindIndex, encrypt, encryptJson, type Keyring } from "~/security/crypto.server";

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

export function subjectRow(plan: Plan, pools: Pools, ring: Keyring, i: number) {
  const r = rowRandom(1, i);
  const id = benchId("subject", i);
  const ws = plan.subjectWs[i]!;
  const users = plan.workspaceUsers[ws]!;
  const ctx = (f: string) => `subject:${id}:${f}`;
  const created = plan.epoch - Math.floor(r() * 700) * DAY;
  const assignee = plan.subjectAssignee[i]!;
  return [
    id,
    plan.workspaceIds[ws],
    encrypt(pick(r, pools.names), ctx("name"), ring),
    encryptJson(r() < 0.3 ? [pick(r, pools.names)] : [], ctx("aliases"), ring),
    encryptJson([pick(r, pools.emails)], ctx("emails"), ring),
    encryptJson(r() < 0.7 ? [pick(r, pools.phones)] : [], ctx("phones"), ring),
    encryptJson([pick(r, pools.streets)], ctx("addresses"), ring),
    encryptJson([pick(r, pools.usernames)], ctx("usernames"), ring),
    encrypt(pick(r, COUNTRIES), ctx("country"), ring),
    encrypt(r() < 0.5 ? pick(r, pools.paragraphs) : "", ctx("notes"), ring),
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
    encrypt(title, `case:${id}:title`, ring),
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
  const ctx = (f: string) => `exposure:${id}:${f}`;
  return [
    id,
    plan.workspaceIds[ws],
    benchId("case", c),
    encrypt(url, ctx("url"), ring),
    blindIndex("exposure-url", url, ring),
    encrypt(site.host, ctx("host"), ring),
    site.platform,
    site.recipientId,
    JSON.stringify(exposed),
    r() < 0.05 ? 1 : 0,
    new Date(created).toISOString().slice(0, 10),
    pick(r, SEVERITY),
    pick(r, STATUSES),
    encrypt(r() < 0.3 ? pick(r, pools.paragraphs) : "", ctx("notes"), ring),
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
  const created = plan.epoch - Math.floor(r() * 400) * DAY;
  const draft = r() < 0.1;
  const sentOn = new Date(created + DAY).toISOString().slice(0, 10);
  const dueOn = new Date(created + 31 * DAY).toISOString().slice(0, 10);
  // A letter of realistic length (a rendered erasure request is 2–4 KB).
  const body = [
    "Dear Sir or Madam,",
    `I am writing on behalf of ${name} to request the erasure of personal data under Article 17 GDPR and to object to its processing under Article 21 GDPR (reference ${ref}).`,
    `The data appears at: ${url}`,
    pick(r, pools.paragraphs),
    pick(r, pools.paragraphs),
    pick(r, pools.paragraphs),
    pick(r, pools.paragraphs),
    `Please confirm the erasure within one month of receipt, by ${dueOn}, as Article 12(3) GDPR requires.`,
    "If you do not act on this request, a complaint will be lodged with the supervisory authority.",
    pick(r, pools.paragraphs),
    `Yours faithfully,\n${name}`,
  ].join("\n\n");
  const ctx = (f: string) => `letter:${id}:${f}`;
  return [
    id,
    plan.workspaceIds[ws],
    benchId("case", c),
    pick(r, plan.sites).recipientId,
    "gdpr-erasure",
    "email",
    encrypt(`privacy@${pick(r, plan.sites).host}`, ctx("address"), ring),
    "gdpr-erasure",
    "en",
    1,
    "gdpr",
    "gdpr-month",
    ref,
    draft ? "draft" : r() < 0.8 ? "sent" : "queued",
    encrypt(`Erasure request and objection under Articles 17 and 21 GDPR – ref ${ref}`, ctx("subject"), ring),
    encrypt(body, ctx("body"), ring),
    encrypt(body, ctx("template_body"), ring),
    encryptJson(
      { reference: ref, regime: "gdpr", requester: { name }, exposures: [{ url }], dueDate: dueOn },
      ctx("variables"),
      ring,
    ),
    "[]",
    "A4",
    draft ? null : created + DAY,
    draft ? null : created + DAY,
    draft ? null : sentOn,
    draft ? null : dueOn,
    plan.workspaceUsers[ws]![0],
    created,
    created + DAY,
  ];
}

export const LETTER_EXPOSURE_COLUMNS = ["letter_id", "exposure_id", "workspace_id"];

export const GENERATORS = {
  subjects: { columns: SUBJECT_COLUMNS, row: subjectRow },
  cases: { columns: CASE_COLUMNS, row: caseRow },
  exposures: { columns: EXPOSURE_COLUMNS, row: exposureRow },
  letters: { columns: LETTER_COLUMNS, row: letterRow },
} as const;

export type TableName = keyof typeof GENERATORS;
