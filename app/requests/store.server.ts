// Letters of a case: written from a template, kept as drafts while the user edits them, then frozen exactly as
// sent. Text, address and variables are encrypted; every read that decrypts them is logged.

import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { exposures, letterExposures, letters, outbox, UNEDITED } from "#db/schema";
import { audit } from "~/audit/audit.server";
import { getCase } from "~/cases/cases.server";
import { getDb, insertEach } from "~/db.server";
import { calendarDateIn, RULES, type RuleId } from "~/deadlines/engine";
import { listEvidence } from "~/evidence/evidence.server";
import { type Exposure, listExposures } from "~/exposures/exposures.server";
import { recipientNames } from "~/exposures/recipient.server";
import { setExposureStatus } from "~/exposures/status.server";
import { isMessageKey } from "~/i18n/errors";
import { getRecipient } from "~/recipients/directory.server";
import { markFamilyRequested } from "~/requests/broker-family.server";
import { composeVariables, deadlineFor, recipientFor } from "~/requests/compose/compose.server";
import type { LetterDetails, LetterText } from "~/requests/compose/forms";
import { latestMandateForCase } from "~/requests/compose/mandates.server";
import type { Lang, LetterVariablesInput, Regime } from "~/requests/compose/variables";
import { LetterVariables } from "~/requests/compose/variables.server";
import { kindInfo } from "~/requests/kinds";
import { deadlineRuleFor, type TemplateMeta } from "~/requests/render/template-meta";
import {
  getTemplate,
  type LetterTemplate,
  renderTemplate,
  TemplateLimitError,
} from "~/requests/render/templates.server";
import {
  latestWorkspaceTemplate,
  workspaceTemplateVersion,
} from "~/requests/render/workspace-templates.server";
import { applyEventIn } from "~/requests/requests.server";
import { englishOf, type Said } from "~/requests/said";
import { enqueueLetter } from "~/requests/send/queue.server";
import { hasSmtpSettings, smtpSettingsFor } from "~/requests/send/smtp-settings.server";
import { type SentDates, sentDatesSchema } from "~/requests/tracking/forms.server";
import { IllegalTransitionError, type RequestEvent } from "~/requests/tracking/lifecycle";
import { Sealed, sealFor } from "~/security/encrypted-type.server";
import { getSubject } from "~/subjects/subjects.server";
import { UserError } from "~/utils/forms.server";
import { newId } from "~/utils/ids.server";
import { randomBytes } from "~/utils/random.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { generateReference } from "./reference";
import { assertSendable, unsendableReasons } from "./sendable";

const seal = {
  address: sealFor("letters", "address_enc"),
  subject: sealFor("letters", "subject_enc"),
  body: sealFor("letters", "body_enc"),
  templateBody: sealFor("letters", "template_body_enc"),
};
const sealVariables = sealFor("letters", "variables_enc");

/**
 * A letter's template_body_enc while its body is still the template's text (UNEDITED, decision 046): an empty
 * value, no ciphertext. Every writer of a new or re-rendered letter stores this; `isUnedited` reads it back.
 */
const uneditedTemplateBody = new Sealed("letters", "template_body_enc", UNEDITED);
const isUnedited = (v: Sealed) => v.token === UNEDITED;

/** The rendered text of a letter (subject, body, variables), sealed for its row: the insert and re-renders. */
export function sealLetterText(
  id: string,
  t: { subject: string; body: string; variables: LetterVariablesInput },
) {
  return {
    subjectEnc: seal.subject(id, t.subject),
    bodyEnc: seal.body(id, t.body),
    templateBodyEnc: uneditedTemplateBody,
    variablesEnc: sealVariables(id, JSON.stringify(t.variables)),
  };
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>["transaction"]>[0]>[0];

/** Input the user can correct (400 with the message). */
export class LetterInputError extends UserError {
  readonly said: Said | undefined;
  constructor(message: string | Said, field?: string) {
    super(englishOf(message), { field });
    this.name = "LetterInputError";
    this.said = typeof message === "string" ? undefined : message;
  }
}

/** A frozen letter is what was sent; nothing about it changes (409). */
export class LetterFrozenError extends UserError {
  readonly said: Said = { key: "errors.letter.frozen" };
  constructor() {
    super(englishOf({ key: "errors.letter.frozen" }), { status: 409 });
    this.name = "LetterFrozenError";
  }
}

function freshReference(): string {
  const db = getDb();
  for (let i = 0; i < 20; i++) {
    const ref = generateReference(randomBytes);
    if (!db.select({ id: letters.id }).from(letters).where(eq(letters.reference, ref)).get()) return ref;
  }
  throw new Error("could not find a free letter reference");
}

export const todayUtc = (now = new Date()) => calendarDateIn(now, "UTC");

/** Writes a draft letter for exposures at one recipient; returns its id. */
export function writeLetter(scope: Scope, caseId: string, input: LetterDetails, now = new Date()): string {
  requirePermission(scope, "case:write");
  const kase = getCase(scope, caseId); // 404 unless the case is in this workspace
  const d = withChosenAddress(scope, kase.subjectId, input);
  const all = listExposures(scope, caseId);
  const chosen = all.filter((e) => d.exposureIds.includes(e.id));
  if (chosen.length !== new Set(d.exposureIds).size)
    throw new LetterInputError("One of the places is not in this case.", "exposureIds");
  const recipients = new Set(chosen.map((e) => recipientFor(scope.workspaceId, e)?.id ?? `host:${e.host}`));
  if (recipients.size !== 1)
    throw new LetterInputError(
      "Pick places at one recipient only: one letter goes to one recipient.",
      "exposureIds",
    );
  const recipient = recipientFor(scope.workspaceId, chosen[0]!);
  // A kind not written in the chosen language yet is written in English (every kind has English); the letter
  // page says which language it got.
  let template = getTemplate(d.option.kind, d.lang) ?? getTemplate(d.option.kind, "en");
  let workspaceTemplateVersionId: string | null = null;
  if (d.workspaceTemplateId) {
    const own = latestWorkspaceTemplate(scope, d.workspaceTemplateId);
    if (!own) throw new LetterInputError("That template no longer exists.", "workspaceTemplateId");
    if (own.template.meta.kind !== d.option.kind)
      throw new LetterInputError("That template is for another kind of letter.", "workspaceTemplateId");
    template = own.template;
    workspaceTemplateVersionId = own.versionId;
  }
  if (!template) throw new LetterInputError("This letter is not available.", "option");
  const meta = template.meta;
  if (!meta.regimes.includes(d.option.regime))
    throw new LetterInputError("This letter does not fit that law.", "option");
  let { channel, address } = d.destination;
  if (d.otherEmail) {
    channel = "email";
    address = d.otherEmail;
  }
  if (!meta.channels.includes(channel))
    throw new LetterInputError(
      `This kind of letter goes by ${meta.channels.join(", ")}, not by ${channel}.`,
      "destination",
    );
  if (channel === "email" && !address)
    throw new LetterInputError("Enter the email address the letter goes to.", "otherEmail");

  // The subject is read (and the read logged) to fill the form's defaults in the route; the letter itself only
  // carries what the user confirmed there.
  const reference = freshReference();
  // A representative's letter names the date of the client's latest signed letter of authority.
  const mandate = d.represented ? latestMandateForCase(scope.workspaceId, caseId) : null;
  const { variables } = composeVariables({
    meta,
    details: mandate ? { ...d, repMandateDate: mandate.signedOn } : d,
    regime: d.option.regime,
    reference,
    today: todayUtc(now),
    exposures: chosen,
    recipient,
    channel,
    address,
    workspaceId: scope.workspaceId,
  });
  let rendered: ReturnType<typeof renderTemplate>;
  try {
    rendered = renderTemplate(template, variables);
  } catch (e) {
    // A workspace template over the rendering limits: refused, nothing written.
    if (e instanceof TemplateLimitError) throw new LetterInputError(e.message, "workspaceTemplateId");
    throw e;
  }
  const allowed = new Set(evidenceChoices(scope, chosen).map((e) => e.id));
  const attachmentIds = d.attachmentIds.filter((id) => allowed.has(id));

  const id = newId();
  getDb().transaction((tx) =>
    insertLetter(tx, {
      id,
      workspaceId: scope.workspaceId,
      caseId,
      recipientId: recipient?.id ?? null,
      template: meta,
      workspaceTemplateVersionId,
      channel,
      address,
      regime: d.option.regime,
      reference,
      status: "draft",
      subject: rendered.subject,
      body: rendered.body,
      variables,
      attachmentIds,
      paper: d.paper,
      exposureIds: chosen.map((e) => e.id),
      createdBy: scope.userId,
      now,
    }),
  );
  audit({
    action: "letter.create",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: id,
    detail: { kind: meta.kind, lang: meta.lang, channel, exposures: chosen.length },
  });
  return id;
}

/** A letter as it is written: plain values; insertLetter encrypts them. */
export type NewLetter = {
  id: string;
  workspaceId: string;
  caseId: string;
  recipientId: string | null;
  /** The template it was rendered from (kind, deadline rule and version come from it). */
  template: TemplateMeta;
  workspaceTemplateVersionId?: string | null;
  channel: "email" | "pdf" | "webform";
  address: string;
  regime: Regime;
  reference: string;
  /** "queued" freezes it at `now` (the caller writes its outbox row in the same transaction). */
  status: "draft" | "queued";
  subject: string;
  body: string;
  variables: LetterVariablesInput;
  attachmentIds?: string[];
  paper?: "A4" | "LETTER";
  exposureIds: string[];
  createdBy: string;
  now: Date;
  /** Left to the database's clock unless given (a bulk run stamps its batch's time). */
  createdAt?: Date;
};

/**
 * The one write of new letters, for every caller (the letter page, the API, follow-ups and complaints, bulk
 * runs): the letters rows with their text, address and variables sealed for their row, and
 * their links to the exposures they name. Runs inside the caller's transaction; a bulk batch passes all its
 * letters at once (one prepared INSERT per table, built once and run per row).
 */
export function insertLetter(tx: Tx, input: NewLetter | NewLetter[]) {
  const all = Array.isArray(input) ? input : [input];
  if (!all.length) return;
  // One prepared INSERT per table, run once per row (insertEach, decision 099).
  insertEach(
    tx,
    letters,
    all.map((l) => ({
      id: l.id,
      workspaceId: l.workspaceId,
      caseId: l.caseId,
      recipientId: l.recipientId,
      kind: l.template.kind,
      channel: l.channel,
      addressEnc: seal.address(l.id, l.address),
      templateId: l.template.id,
      templateLang: l.template.lang,
      templateVersion: l.template.version,
      workspaceTemplateVersionId: l.workspaceTemplateVersionId ?? null,
      regime: l.regime,
      deadlineRule: deadlineRuleFor(l.template, l.regime),
      reference: l.reference,
      status: l.status,
      ...sealLetterText(l.id, l),
      attachmentIds: l.attachmentIds ?? [],
      paper: l.paper ?? "A4",
      frozenAt: l.status === "queued" ? l.now : null,
      createdBy: l.createdBy,
      ...(l.createdAt ? { createdAt: l.createdAt } : {}),
      updatedAt: l.now,
    })),
  );
  const links = all.flatMap((l) =>
    l.exposureIds.map((exposureId) => ({ letterId: l.id, exposureId, workspaceId: l.workspaceId })),
  );
  insertEach(tx, letterExposures, links);
}

/**
 * The sender's postal address as the person chose it (docs/legal.md §2): none, the one they typed, or the home
 * address on file, read from the person's record here (the read is logged) and never taken from the form.
 */
function withChosenAddress(scope: Scope, subjectId: string, d: LetterDetails): LetterDetails {
  if (d.contactAddress === "none") return { ...d, requesterAddress: "" };
  if (d.contactAddress === "typed") return d;
  const home = getSubject(scope, subjectId).addresses[0]?.trim();
  if (!home)
    throw new LetterInputError(
      "There is no home address on file for this person. Type the address to use, or choose email only.",
      "contactAddress",
    );
  return { ...d, requesterAddress: home };
}

/** Evidence files of these exposures the user may attach (names decrypted for the picker). */
export function evidenceChoices(scope: Scope, exposures: Pick<Exposure, "id" | "url">[]) {
  return exposures.flatMap((e) =>
    listEvidence(scope, e.id).map((f) => ({
      id: f.id,
      exposureId: e.id,
      filename: f.filename,
      size: f.size,
      mime: f.mime,
    })),
  );
}

type Row = typeof letters.$inferSelect;

export type Letter = {
  id: string;
  workspaceId: string;
  workspaceTemplateVersionId: string | null;
  caseId: string;
  recipientId: string | null;
  recipientName: string;
  kind: string;
  channel: "email" | "pdf" | "webform";
  address: string;
  templateId: string;
  templateLang: Lang;
  templateVersion: number;
  regime: string;
  deadlineRule: string | null;
  reference: string;
  status: string;
  subject: string;
  body: string;
  templateBody: string;
  variables: LetterVariablesInput;
  attachmentIds: string[];
  paper: "A4" | "LETTER";
  frozen: boolean;
  sentAt: Date | null;
  sentOn: string | null;
  receivedOn: string | null;
  dueOn: string | null;
  extendedDueOn: string | null;
  acknowledgeBy: string | null;
  messageId: string | null;
  createdAt: Date;
  exposureIds: string[];
  outbox: { state: string; attempts: number; nextAttemptAt: Date; lastError: string | null } | null;
};

function recipientName(workspaceId: string, id: string | null): string {
  if (!id) return "Unknown site";
  return getRecipient({ workspaceId }, id)?.effective.name ?? "Unknown recipient";
}

export function decryptLetter(row: Row): Omit<Letter, "recipientName" | "exposureIds" | "outbox"> {
  const id = row.id;
  const body = row.bodyEnc.open(id);
  return {
    id,
    workspaceId: row.workspaceId,
    workspaceTemplateVersionId: row.workspaceTemplateVersionId,
    caseId: row.caseId,
    recipientId: row.recipientId,
    kind: row.kind,
    channel: row.channel,
    address: row.addressEnc.open(id),
    templateId: row.templateId,
    templateLang: row.templateLang as Lang,
    templateVersion: row.templateVersion,
    regime: row.regime,
    deadlineRule: row.deadlineRule,
    reference: row.reference,
    status: row.status,
    subject: row.subjectEnc.open(id),
    body,
    templateBody: isUnedited(row.templateBodyEnc) ? body : row.templateBodyEnc.open(id),
    variables: row.variablesEnc.openJson<LetterVariablesInput>(id),
    attachmentIds: row.attachmentIds,
    paper: row.paper,
    frozen: row.frozenAt !== null,
    sentAt: row.sentAt,
    sentOn: row.sentOn,
    receivedOn: row.receivedOn,
    dueOn: row.dueOn,
    extendedDueOn: row.extendedDueOn,
    acknowledgeBy: row.acknowledgeBy,
    messageId: row.messageId,
    createdAt: row.createdAt,
  };
}

function findRow(scope: Scope, caseId: string, id: string): Row {
  const row = getDb()
    .select()
    .from(letters)
    .where(inScope(letters, scope, and(eq(letters.id, id), eq(letters.caseId, caseId))))
    .get();
  if (!row) notFound("This letter");
  return row;
}

/** How a letter of the case goes (email, pdf, webform), nothing decrypted; 404 outside the scope. */
export function letterChannel(scope: Scope, caseId: string, id: string) {
  const row = getDb()
    .select({ channel: letters.channel })
    .from(letters)
    .where(inScope(letters, scope, and(eq(letters.id, id), eq(letters.caseId, caseId))))
    .get();
  if (!row) notFound("This letter");
  return row.channel;
}

/** One letter, decrypted; the read is logged. */
export function getLetter(scope: Scope, caseId: string, id: string): Letter {
  const row = findRow(scope, caseId, id);
  audit({
    action: "letter.read",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: id,
  });
  const exposureIds = getDb()
    .select({ id: letterExposures.exposureId })
    .from(letterExposures)
    .where(inScope(letterExposures, scope, eq(letterExposures.letterId, id)))
    .all()
    .map((r) => r.id);
  const box = getDb()
    .select({
      state: outbox.state,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(eq(outbox.letterId, id))
    .get();
  return {
    ...decryptLetter(row),
    recipientName: recipientName(scope.workspaceId, row.recipientId),
    exposureIds,
    outbox: box ?? null,
  };
}

export type LetterSummary = {
  id: string;
  kind: string;
  channel: string;
  reference: string;
  status: string;
  recipientName: string;
  createdAt: Date;
  sentAt: Date | null;
  /** The day it went out (for a posted letter: the date the user gave, not the day it was recorded). */
  sentOn: string | null;
  dueOn: string | null;
  // The date the recipient announced instead (an extension), kept by the database from the request's events.
  announcedDueOn: string | null;
  problem: string | null;
  attempts: number;
};

/** The case's letters for the case page (no text decrypted), newest first; `limit` keeps the newest few. */
export function listLetters(
  scope: Scope,
  caseId: string,
  { limit }: { limit?: number } = {},
): LetterSummary[] {
  const query = getDb()
    .select({
      id: letters.id,
      kind: letters.kind,
      channel: letters.channel,
      reference: letters.reference,
      status: letters.status,
      recipientId: letters.recipientId,
      createdAt: letters.createdAt,
      sentAt: letters.sentAt,
      sentOn: letters.sentOn,
      dueOn: letters.dueOn,
      announcedDueOn: letters.announcedDueOn,
      lastError: outbox.lastError,
      attempts: outbox.attempts,
    })
    .from(letters)
    .leftJoin(outbox, eq(outbox.letterId, letters.id))
    .where(inScope(letters, scope, eq(letters.caseId, caseId)))
    .orderBy(desc(letters.createdAt), desc(letters.id));
  const rows = limit === undefined ? query.all() : query.limit(limit).all();
  // Only the names, for every recipient at once (with the workspace's corrections).
  const names = recipientNames(
    scope.workspaceId,
    rows.flatMap((r) => (r.recipientId ? [r.recipientId] : [])),
  );
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? "Unknown recipient") : "Unknown site");
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    reference: r.reference,
    status: r.status,
    recipientName: nameOf(r.recipientId),
    createdAt: r.createdAt,
    sentAt: r.sentAt,
    sentOn: r.sentOn,
    dueOn: r.dueOn,
    announcedDueOn: r.announcedDueOn,
    problem: r.lastError ?? null,
    attempts: r.attempts ?? 0,
  }));
}

/** How many letters the case has (the case page lists the newest and links to the rest). */
export function countLetters(scope: Scope, caseId: string): number {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(letters)
      .where(inScope(letters, scope, eq(letters.caseId, caseId)))
      .get()?.n ?? 0
  );
}

/** Saves the user's edits to a draft. */
export function saveDraft(scope: Scope, caseId: string, id: string, t: LetterText) {
  requirePermission(scope, "case:write");
  const row = findRow(scope, caseId, id);
  if (row.frozenAt) throw new LetterFrozenError();
  const exposures = listExposures(scope, caseId).filter((e) =>
    getDb()
      .select({ id: letterExposures.exposureId })
      .from(letterExposures)
      .where(and(eq(letterExposures.letterId, id), eq(letterExposures.exposureId, e.id)))
      .get(),
  );
  const allowed = new Set(evidenceChoices(scope, exposures).map((e) => e.id));
  getDb()
    .update(letters)
    .set({
      subjectEnc: seal.subject(id, t.subject),
      bodyEnc: seal.body(id, t.body.endsWith("\n") ? t.body : `${t.body}\n`),
      // The first edit keeps the body its template wrote, for the "what you changed" view.
      ...(isUnedited(row.templateBodyEnc)
        ? { templateBodyEnc: seal.templateBody(id, row.bodyEnc.open(id)) }
        : {}),
      attachmentIds: t.attachmentIds.filter((a) => allowed.has(a)),
      paper: t.paper,
      updatedAt: new Date(),
    })
    .where(inScope(letters, scope, eq(letters.id, id)))
    .run();
  audit({
    action: "letter.update",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: id,
  });
}

/** The template a letter was written from: a workspace's own version, or the built-in one. */
export function templateOf(letter: {
  workspaceId: string;
  templateId: string;
  templateLang: string;
  workspaceTemplateVersionId: string | null;
}): LetterTemplate | undefined {
  if (letter.workspaceTemplateVersionId)
    return workspaceTemplateVersion(letter.workspaceId, letter.workspaceTemplateVersionId) ?? undefined;
  return getTemplate(letter.templateId, letter.templateLang as Lang);
}

/** Why the letter cannot go yet (empty lists: it may go). */
export function letterProblems(
  letter: Pick<
    Letter,
    | "workspaceId"
    | "templateId"
    | "templateLang"
    | "workspaceTemplateVersionId"
    | "variables"
    | "subject"
    | "body"
  >,
) {
  const template = templateOf(letter);
  if (!template) return { missing: ["template"], markers: [] };
  return unsendableReasons({
    template: template.meta,
    variables: LetterVariables.parse(letter.variables),
    subject: letter.subject,
    body: letter.body,
  });
}

/**
 * The dates the tracking issue follows: the day the letter went out, the day the recipient got it (email: the
 * same day; post or outside Retract: what the user entered) and the deadlines. Rules that run from receipt
 * count from `receivedOn`; the follow-up rules (DMCA, DSA, platforms) count from the day sent (docs/legal.md §1).
 */
export function dueDatesOnSend(row: Row, sentOn: string, receivedOn = sentOn) {
  const template = templateOf(row);
  const countries = row.recipientId
    ? (getRecipient({ workspaceId: row.workspaceId }, row.recipientId)?.effective.countries ?? [])
    : [];
  const rule =
    row.deadlineRule && Object.hasOwn(RULES, row.deadlineRule) ? RULES[row.deadlineRule as RuleId] : null;
  const from = rule?.countsFrom === "sent" ? sentOn : receivedOn;
  const d = template ? deadlineFor(template.meta, row.regime as Regime, from, countries) : null;
  return {
    sentOn,
    receivedOn,
    dueOn: d?.due ?? null,
    extendedDueOn: d?.extendedDue ?? null,
    acknowledgeBy: d?.acknowledgeBy ?? null,
  };
}

/** The request a follow-up or complaint pursues moves on when that letter is sent: this event (the registry's). */
function pursuitEvent(kind: string): RequestEvent | null {
  const next = kindInfo(kind).next;
  return next ? { type: next.event } : null;
}

/**
 * The one place a letter becomes sent, whatever the channel: the outbox when the mail server accepts an email,
 * and sendLetter when the user marks a letter posted, submitted in a web form or sent from their own mail.
 * Records the dates and deadlines, moves the letter's exposures to `requested`, and, for a follow-up or
 * complaint written from a request, moves that request (followed up / complaint filed) only now.
 */
export function recordSent(
  tx: Tx,
  row: Row,
  sent: {
    at: Date;
    sentOn: string;
    receivedOn?: string;
    messageId?: string | null;
    actorUserId: string | null;
  },
) {
  const dates = dueDatesOnSend(row, sent.sentOn, sent.receivedOn ?? sent.sentOn);
  tx.update(letters)
    .set({
      status: "sent",
      frozenAt: row.frozenAt ?? sent.at,
      sentAt: sent.at,
      ...(sent.messageId !== undefined ? { messageId: sent.messageId } : {}),
      ...dates,
      updatedAt: sent.at,
    })
    .where(and(eq(letters.id, row.id), eq(letters.workspaceId, row.workspaceId)))
    .run();
  markExposuresRequested(tx, row, sent.actorUserId, sent.at);
  // An opt-out at a parent broker covers its front sites' places too (decision 111).
  markFamilyRequested(tx, row, sent.actorUserId, sent.at);
  const event = pursuitEvent(row.kind);
  if (event && row.followsLetterId) {
    try {
      applyEventIn(tx, row.workspaceId, row.followsLetterId, event, sent.actorUserId, {
        relatedLetterId: row.id,
        at: sent.at,
      });
    } catch (e) {
      // The first request was answered or closed meanwhile: this letter is still sent, the request stays.
      if (!(e instanceof IllegalTransitionError)) throw e;
    }
  }
  return dates;
}

/**
 * Sends a draft: checks it (refuses blanks and leftover markers), then freezes it. Email: the letter and its
 * outbox row are written in one transaction and the worker sends it. PDF and web form: the user posts or pastes
 * it themselves, so it is recorded as sent with the dates they give (both default to today). `recorded` also
 * records an email letter the user sent from their own mail instead of queueing it.
 */
export function sendLetter(scope: Scope, caseId: string, id: string, now = new Date(), recorded?: SentDates) {
  requirePermission(scope, "case:write");
  const row = findRow(scope, caseId, id);
  if (row.frozenAt) throw new LetterFrozenError();
  if (recorded) checkSentDates(recorded, now);
  const letter = decryptLetter(row);
  const template = templateOf(row);
  if (!template) throw new LetterInputError({ key: "errors.letter.templateGone" });
  if (letter.variables.representative && !latestMandateForCase(scope.workspaceId, caseId))
    throw new LetterInputError({ key: "errors.letter.noMandate" });
  assertSendable({
    template: template.meta,
    variables: LetterVariables.parse(letter.variables),
    subject: letter.subject,
    body: letter.body,
  });
  const db = getDb();
  if (row.channel === "email" && !recorded) {
    if (!hasSmtpSettings(scope.workspaceId)) throw new LetterInputError({ key: "errors.letter.noSmtp" });
    db.transaction((tx) => {
      const res = tx
        .update(letters)
        .set({ status: "queued", frozenAt: now, updatedAt: now })
        .where(and(eq(letters.id, id), eq(letters.workspaceId, scope.workspaceId)))
        .run();
      if (res.changes !== 1) notFound("This letter");
      const from = smtpSettingsFor(scope.workspaceId)?.from ?? "";
      const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1];
      enqueueLetter(tx, { workspaceId: scope.workspaceId, letterId: id, now, domain });
    });
    audit({
      action: "letter.queue",
      actorUserId: scope.userId,
      workspaceId: scope.workspaceId,
      targetType: "letter",
      targetId: id,
    });
    return { queued: true };
  }
  const today = todayUtc(now);
  const dates = db.transaction((tx) =>
    recordSent(tx, row, {
      at: now,
      sentOn: recorded?.sentOn ?? today,
      receivedOn: recorded?.receivedOn ?? today,
      actorUserId: scope.userId,
    }),
  );
  audit({
    action: "letter.mark_sent",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: id,
    detail: { channel: row.channel, sentOn: dates.sentOn, receivedOn: dates.receivedOn },
  });
  return { queued: false };
}

/** A letter the user sent themselves (no outbox row), still waiting for its first answer. */
function receivedOnCorrectable(row: Pick<Row, "id" | "sentOn" | "status">): boolean {
  if (!row.sentOn || row.status !== "sent") return false;
  return !getDb().select({ id: outbox.id }).from(outbox).where(eq(outbox.letterId, row.id)).get();
}

/** Whether the request page offers to correct the day this letter was received. */
export function canCorrectReceivedOn(scope: Scope, caseId: string, id: string): boolean {
  return receivedOnCorrectable(findRow(scope, caseId, id));
}

/**
 * Corrects the day a letter the user sent themselves was received (a posted letter's delivery date is often
 * known only later) and computes its deadlines again. Only while the request waits for its first answer:
 * once the recipient has acknowledged, extended or answered, the dates that followed stand.
 */
export function correctReceivedOn(
  scope: Scope,
  caseId: string,
  id: string,
  receivedOn: string,
  now = new Date(),
) {
  requirePermission(scope, "case:write");
  const row = findRow(scope, caseId, id);
  const sentOn = row.sentOn;
  if (!sentOn || !receivedOnCorrectable(row))
    throw new LetterInputError({ key: "errors.letter.receivedNotEditable" }, "receivedOn");
  checkSentDates({ sentOn, receivedOn }, now);
  const dates = dueDatesOnSend(row, sentOn, receivedOn);
  getDb()
    .update(letters)
    .set({ ...dates, updatedAt: now })
    .where(and(eq(letters.id, id), eq(letters.workspaceId, scope.workspaceId), eq(letters.status, "sent")))
    .run();
  audit({
    action: "letter.mark_sent",
    actorUserId: scope.userId,
    workspaceId: scope.workspaceId,
    targetType: "letter",
    targetId: id,
    detail: { channel: row.channel, sentOn, receivedOn, corrected: true },
  });
  return dates;
}

/** The same checks as the forms' (dates real, received not before sent, neither in the future), for every caller. */
function checkSentDates(d: SentDates, now: Date) {
  const parsed = sentDatesSchema(now).safeParse(d);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // The schema's messages are keys: the error carries the English (the API's words); the request page
    // translates its own parse of the same schema.
    const said = isMessageKey(issue.message) ? { key: issue.message } : issue.message;
    throw new LetterInputError(said, String(issue.path[0] ?? "sentOn"));
  }
}

/**
 * The one place a sent letter moves its exposures on: those still `active` or `reappeared` become `requested`
 * (removed, unreachable and already requested ones keep their status). Called when the outbox hands an email
 * to the server, and when the user marks a PDF posted or a web form submitted; each move is audited.
 */
export function markExposuresRequested(
  tx: Tx | ReturnType<typeof getDb>,
  letter: { id: string; workspaceId: string },
  actorUserId: string | null,
  now = new Date(),
): string[] {
  const ids = tx
    .select({ id: exposures.id })
    .from(letterExposures)
    .innerJoin(exposures, eq(exposures.id, letterExposures.exposureId))
    .where(
      and(
        eq(letterExposures.letterId, letter.id),
        eq(exposures.workspaceId, letter.workspaceId),
        inArray(exposures.status, ["active", "reappeared"]),
      ),
    )
    .all()
    .map((r) => r.id);
  if (!ids.length) return [];
  const moved = setExposureStatus(
    tx,
    { workspaceId: letter.workspaceId, exposureIds: ids, from: ["active", "reappeared"] },
    "requested",
    { source: "letter", actorUserId, now, letterId: letter.id },
  );
  for (const id of moved)
    audit({
      action: "exposure.requested",
      actorUserId,
      workspaceId: letter.workspaceId,
      targetType: "exposure",
      targetId: id,
      detail: { letterId: letter.id },
    });
  return moved;
}
