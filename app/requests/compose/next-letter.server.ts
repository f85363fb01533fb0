// One click from a request to its next letter: the follow-up (reminder with a 14-day final date) or the complaint
// to the authority, filled from the first letter and the request's timeline. The draft is written through the
// letters issue's own writeLetter, then its tracking variables (previous letter, dates, what came back) are
// added and the text rendered again; the user reviews and sends it like any other draft. The request is marked
// followed up (or complaint filed) only when that draft is sent.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { cases, letterExposures, letters, requestEvents } from "#db/schema";
import { getDb } from "~/db.server";
import { addDays } from "~/deadlines/dates";
import { listEvidence } from "~/evidence/evidence.server";
import type { MessageKey } from "~/i18n/translate";
import { getRecipient } from "~/recipients/directory.server";
import {
  type ComplaintAuthority,
  complaintAuthorities,
  complaintLangs,
  defaultComplaintAuthority,
  defaultComplaintLang,
  findComplaintAuthority,
  LANDER,
} from "~/requests/compose/authorities.server";
import { defaultAuthority, defaultLang } from "~/requests/compose/compose.server";
import type { Lang, LetterVariablesInput, Regime } from "~/requests/compose/variables";
import { isKind, KINDS, type NextKind, rightExercised } from "~/requests/kinds";
import { langName } from "~/requests/languages";
import { formatLongDate } from "~/requests/render/format";
import { getTemplate, listTemplates, renderTemplate } from "~/requests/render/templates.server";
import { getRequest, timeline } from "~/requests/requests.server";
import { englishOf, type Said } from "~/requests/said";
import { decryptLetter, sealLetterText, todayUtc, writeLetter } from "~/requests/store.server";
import { effectiveDue, REFUSALS, type RefusalReason, transition } from "~/requests/tracking/lifecycle";
import { getSubjectResidence } from "~/subjects/subjects.server";
import { UserError } from "~/utils/forms.server";
import { inScope, notFound, requirePermission, type Scope } from "~/workspaces/scope.server";
import { LetterDetailsSchema } from "./forms.server";

/** The next letter cannot be written now (the request is not there yet, no authority fits): 409 with the message. */
export class NextLetterError extends UserError {
  readonly said: Said | undefined;
  constructor(message: string | Said) {
    super(englishOf(message), { status: 409 });
    this.said = typeof message === "string" ? undefined : message;
  }
}

/** The person's choice for a complaint: the authority (a directory id) and the letter's language. */
export type ComplaintChoice = { authorityId?: string | null; lang?: Lang | null };

type RequestContext = {
  first: ReturnType<typeof decryptLetter>;
  regime: Regime;
  exposureIds: string[];
  residence: string | null;
  region: string | null;
  respondentCountries: string[];
};

function requestContext(scope: Scope, letterId: string): RequestContext {
  const req = getRequest(scope, letterId);
  const row = getDb()
    .select()
    .from(letters)
    .where(inScope(letters, scope, eq(letters.id, letterId)))
    .get();
  if (!row) notFound("This request");
  const first = decryptLetter(row);
  const exposureIds = getDb()
    .select({ id: letterExposures.exposureId })
    .from(letterExposures)
    .where(and(eq(letterExposures.letterId, letterId), eq(letterExposures.workspaceId, scope.workspaceId)))
    .all()
    .map((r) => r.id);
  const kase = getDb()
    .select({ subjectId: cases.subjectId })
    .from(cases)
    .where(inScope(cases, scope, eq(cases.id, req.caseId)))
    .get();
  // The country and region alone are decrypted (and the read logged), not the whole person.
  const home = kase ? getSubjectResidence(scope, kase.subjectId) : null;
  const residence = home?.country ?? null;
  const region = home?.region ?? null;
  // The first letter went to the controller complained about.
  const respondent = first.recipientId ? getRecipient(scope, first.recipientId) : null;
  return {
    first,
    regime: first.regime as Regime,
    exposureIds,
    residence,
    region,
    respondentCountries: respondent?.effective.countries ?? [],
  };
}

export type ComplaintOptions = {
  /** `label` names the Land first for a German Land authority. */
  authorities: { id: string; name: string; label: string }[];
  /** The authority of the person's residence (their Land in Germany), when known. */
  defaultAuthorityId: string | null;
  /** The languages of `authority` (the chosen one, else the default). */
  authority: { id: string; langs: Lang[]; defaultLang: Lang; note: string | null } | null;
  /** Whether church and broadcasting authorities are listed too. */
  all: boolean;
  /** Whether church and broadcasting DPOs exist for the person's country and are not listed yet. */
  moreOnRequest: boolean;
  /** Why no complaint can be written from this request, in words; null when one can. */
  /** Why no complaint can be written here, as a message key (the page says it in its language). */
  unavailable: MessageKey | null;
};

/** What the request page offers for a complaint: the authorities, the default one and its languages. */
export function complaintOptions(
  scope: Scope,
  letterId: string,
  opts: { authorityId?: string | null; all?: boolean } = {},
): ComplaintOptions {
  const c = requestContext(scope, letterId);
  const context = {
    regime: c.regime,
    residence: c.residence,
    region: c.region,
    respondentCountries: c.respondentCountries,
  };
  const chosen = opts.authorityId
    ? findComplaintAuthority(scope.workspaceId, context, opts.authorityId)
    : null;
  const all = !!opts.all || !!chosen?.onRequest;
  const list = complaintAuthorities(scope.workspaceId, { ...context, all });
  const home = defaultComplaintAuthority(list, context);
  const shown = chosen ?? home;
  const langs = shown ? complaintLangs(shown) : null;
  const fits = listTemplates().some((m) => m.id === "regulator-complaint" && m.regimes.includes(c.regime));
  return {
    moreOnRequest: c.residence === "DE" && c.regime === "gdpr" && !all,
    unavailable: !fits
      ? "errors.nextLetter.noComplaint"
      : list.length
        ? null
        : "errors.nextLetter.noAuthorityYet",
    authorities: list.map((a) => ({
      id: a.id,
      name: a.name,
      label: a.land && LANDER[a.land] ? `${LANDER[a.land]!.name}: ${a.name}` : a.name,
    })),
    defaultAuthorityId: home?.id ?? null,
    authority:
      shown && langs
        ? {
            id: shown.id,
            langs: langs.langs,
            defaultLang: defaultComplaintLang(langs.langs, personalLangs(c)),
            note: langs.note,
          }
        : null,
    all,
  };
}

/** The person's languages, most likely first: the first letter's, then their country's. */
function personalLangs(c: RequestContext): Lang[] {
  return [c.first.templateLang as Lang, defaultLang(c.residence)];
}

const EVIDENCE_WORDS: Record<Lang, { letter: string; reminder: string; reply: string; file: string }> = {
  en: {
    letter: "Letter {ref} of {date}",
    reminder: "Reminder {ref} of {date}",
    reply: "Reply received on {date}",
    file: "saved on {date}",
  },
  de: {
    letter: "Schreiben {ref} vom {date}",
    reminder: "Erinnerung {ref} vom {date}",
    reply: "Antwort erhalten am {date}",
    file: "gespeichert am {date}",
  },
  fr: {
    letter: "Courrier {ref} du {date}",
    reminder: "Relance {ref} du {date}",
    reply: "Réponse reçue le {date}",
    file: "enregistré le {date}",
  },
  nl: {
    letter: "Brief {ref} van {date}",
    reminder: "Herinnering {ref} van {date}",
    reply: "Antwoord ontvangen op {date}",
    file: "opgeslagen op {date}",
  },
  ko: {
    letter: "{date} 요구서 ({ref})",
    reminder: "{date} 재요청서 ({ref})",
    reply: "{date} 답변 수신",
    file: "{date} 저장",
  },
};

/** The follow-ups of a request that were sent (a draft is no evidence), oldest first. */
function sentFollowUps(scope: Scope, letterId: string): { reference: string; sentOn: string }[] {
  const ids = getDb()
    .select({ id: requestEvents.relatedLetterId })
    .from(requestEvents)
    .where(
      and(
        eq(requestEvents.workspaceId, scope.workspaceId),
        eq(requestEvents.letterId, letterId),
        eq(requestEvents.kind, "follow_up"),
        isNotNull(requestEvents.relatedLetterId),
      ),
    )
    .all()
    .flatMap((r) => (r.id ? [r.id] : []));
  if (!ids.length) return [];
  return getDb()
    .select({ reference: letters.reference, sentAt: letters.sentAt })
    .from(letters)
    .where(inScope(letters, scope, and(inArray(letters.id, ids), isNotNull(letters.sentAt))))
    .all()
    .flatMap((l) =>
      l.sentAt ? [{ reference: l.reference, sentOn: l.sentAt.toISOString().slice(0, 10) }] : [],
    )
    .sort((a, b) => a.sentOn.localeCompare(b.sentOn));
}

const SUMMARY_WORDS: Record<
  Lang,
  { refused: string; partly: string; acknowledged: string; extended: string; moreInfo: string }
> = {
  en: {
    refused: "Refused",
    partly: "Part of the content was removed; the rest is still online.",
    acknowledged: "The receipt of the request was confirmed; no decision has followed.",
    extended: "The deadline was extended to {date}; no decision has followed.",
    moreInfo: "More information was asked for; no decision has followed.",
  },
  de: {
    refused: "Abgelehnt",
    partly: "Ein Teil der Inhalte wurde entfernt; der Rest ist weiterhin online.",
    acknowledged: "Der Eingang des Antrags wurde bestätigt; eine Entscheidung ist nicht gefolgt.",
    extended: "Die Frist wurde bis zum {date} verlängert; eine Entscheidung ist nicht gefolgt.",
    moreInfo: "Es wurden weitere Angaben verlangt; eine Entscheidung ist nicht gefolgt.",
  },
  fr: {
    refused: "Refusé",
    partly: "Une partie du contenu a été retirée ; le reste est toujours en ligne.",
    acknowledged: "La réception de la demande a été confirmée ; aucune décision n'a suivi.",
    extended: "Le délai a été prolongé jusqu'au {date} ; aucune décision n'a suivi.",
    moreInfo: "Des informations complémentaires ont été demandées ; aucune décision n'a suivi.",
  },
  nl: {
    refused: "Geweigerd",
    partly: "Een deel van de inhoud is verwijderd; de rest staat nog online.",
    acknowledged: "De ontvangst van het verzoek is bevestigd; er is geen beslissing gevolgd.",
    extended: "De termijn is verlengd tot {date}; er is geen beslissing gevolgd.",
    moreInfo: "Er is om meer informatie gevraagd; er is geen beslissing gevolgd.",
  },
  ko: {
    refused: "거부됨",
    partly: "일부 게시물만 삭제되었고 나머지는 아직 게시되어 있습니다.",
    acknowledged: "요구서 접수는 확인되었으나 결정은 없었습니다.",
    extended: "기한이 {date}까지 연장되었으나 결정은 없었습니다.",
    moreInfo: "추가 정보를 요청받았으나 결정은 없었습니다.",
  },
};

/**
 * The timeline entries a complaint tells the authority: letters sent, replies, extensions. Reminders are in the
 * evidence list once sent (a drafted one is no fact to state).
 */
const AUTHORITY_TIMELINE = new Set(["smtp", "sent", "mail", "reply", "acknowledge", "announce_extension"]);

const fill = (t: string, v: Record<string, string>) => t.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? "");

/** The bodies a Korean follow-up names, in Korean (the directory's names are English first). */
const KOREAN_AUTHORITY: Partial<Record<Regime, string>> = {
  "kr-pipa": "개인정보보호위원회 또는 한국인터넷진흥원 개인정보침해 신고센터(118)",
  "kr-icna": "방송통신심의위원회",
};

/** Writes the follow-up or complaint draft for `letterId`; returns the new letter's id. */
export function writeNextLetter(
  scope: Scope,
  letterId: string,
  kind: NextKind,
  now = new Date(),
  choice: ComplaintChoice = {},
): string {
  requirePermission(scope, "case:write");
  const req = getRequest(scope, letterId);
  const event = { type: KINDS[kind].next.event };
  transition(req.status, event); // refuses before anything is written
  const c = requestContext(scope, letterId);
  const { first, regime, exposureIds } = c;
  const v = first.variables;
  // What the first letter asked for, as the complaint tells the authority; a kind Retract does not know (or
  // one that exercised no right) is said so, never read as an erasure request.
  if (!isKind(first.kind)) throw new NextLetterError({ key: "errors.nextLetter.kindGone" });
  const right = rightExercised(first.kind, regime);
  if (kind === "regulator-complaint" && !right)
    throw new NextLetterError({ key: "errors.nextLetter.noComplaint" });
  // A complaint goes to a real authority record, in a language it takes; a follow-up keeps the first letter's.
  let authorityRecord: ComplaintAuthority | null = null;
  let lang = first.templateLang as Lang;
  if (kind === "regulator-complaint") {
    const context = {
      regime,
      residence: c.residence,
      region: c.region,
      respondentCountries: c.respondentCountries,
    };
    authorityRecord = choice.authorityId
      ? findComplaintAuthority(scope.workspaceId, context, choice.authorityId)
      : defaultComplaintAuthority(complaintAuthorities(scope.workspaceId, context), context);
    if (choice.authorityId && !authorityRecord)
      throw new NextLetterError({ key: "errors.nextLetter.authorityNotForThis" });
    if (authorityRecord) {
      const { langs } = complaintLangs(authorityRecord);
      if (choice.lang && !langs.includes(choice.lang))
        throw new NextLetterError({
          key: "errors.nextLetter.authorityLangs",
          values: { langs: langs.map(langName).join(", ") },
        });
      lang = choice.lang ?? defaultComplaintLang(langs, personalLangs(c));
    } else if (choice.lang) lang = choice.lang;
  }
  const template = getTemplate(kind, lang);
  if (!template) throw new NextLetterError({ key: "errors.nextLetter.noTemplateInLang" });
  if (!template.meta.regimes.includes(regime))
    throw new NextLetterError({
      key:
        kind === "regulator-complaint"
          ? "errors.nextLetter.noComplaint"
          : "errors.nextLetter.followUpDoesNotFit",
    });
  if (kind === "regulator-complaint" && !authorityRecord)
    throw new NextLetterError({ key: "errors.complaint.authority" });
  // Without a known authority an English letter says "the supervisory authority"; a letter in another
  // language names none (its template then leaves the authority out) rather than quote English words.
  const authority =
    authorityRecord?.name ??
    (lang === "ko" ? KOREAN_AUTHORITY[regime] : undefined) ??
    (defaultAuthority(regime, c.residence, { region: c.region, workspaceId: scope.workspaceId }, lang) ||
      (lang === "en" ? "the supervisory authority" : ""));
  const evidenceFiles =
    kind === "regulator-complaint"
      ? exposureIds.flatMap((id) =>
          listEvidence(scope, id).map((f) => ({
            id: f.id,
            filename: f.filename,
            sha256: f.sha256,
            date: f.createdAt.toISOString().slice(0, 10),
          })),
        )
      : [];
  const rep = v.representative;
  const parsedDetails = LetterDetailsSchema.safeParse({
    exposureIds,
    option: `${kind}/${regime}`,
    lang,
    destination:
      kind === "follow-up" ? `${first.channel}|${first.address}` : `pdf|${authorityRecord?.address ?? ""}`,
    requesterName: v.requester.name,
    requesterEmail: v.requester.email,
    // The first letter's contact choice carries over: its address (typed or home) and phone, or none.
    contactAddress: v.requester.postalAddress ? "typed" : "none",
    requesterAddress: v.requester.postalAddress ?? "",
    requesterPhone: v.requester.phone ?? "",
    requesterCountry: v.requester.country ?? "",
    represented: rep ? "on" : undefined,
    repName: rep?.name ?? "",
    repOrganisation: rep?.organisation ?? "",
    repEmail: rep?.email ?? "",
    repPhone: rep?.phone ?? "",
    repAddress: rep?.address ?? "",
    repMandateDate: rep?.mandateDate ?? "",
    particularSituation: v.particularSituation ?? "",
    identifiers: (v.identifiers ?? []).join("\n"),
    authorityName: authority,
    paper: first.paper,
    // The evidence files of the request's places go with the complaint (the letter lists each with its hash).
    attachmentIds: evidenceFiles.slice(0, 20).map((f) => f.id),
  });
  // The first letter may lack something the next one needs (an old draft, a since-changed person): say what.
  if (!parsedDetails.success) {
    const fields = [...new Set(parsedDetails.error.issues.map((i) => i.path.join(".")))].join(", ");
    throw new NextLetterError({ key: "errors.nextLetter.detailsMissing", values: { fields } });
  }
  const details = parsedDetails.data;
  const newId = writeLetter(scope, req.caseId, details, now);

  // Fill what writeLetter does not know: the first letter, the dates, what came back.
  const newRow = getDb().select().from(letters).where(eq(letters.id, newId)).get()!;
  const draft = decryptLetter(newRow);
  const today = todayUtc(now);
  const sentOn = first.sentOn ?? today;
  const channelLabel = v.recipient?.channelLabel ?? first.address;
  const events = timeline(scope, req.caseId, letterId);
  const refusal = req.refusalReason ? REFUSALS[req.refusalReason as RefusalReason] : null;
  const words = EVIDENCE_WORDS[lang];
  const summary = SUMMARY_WORDS[lang];
  const long = (d: string) => formatLongDate(d, lang);
  const replyDates = [
    ...new Set(events.filter((e) => e.kind === "mail").map((e) => e.at.toISOString().slice(0, 10))),
  ];
  const a = authorityRecord;
  const variables: LetterVariablesInput = {
    ...draft.variables,
    previousLetter: { date: sentOn, reference: first.reference, channelLabel },
    dueDate: effectiveDue(req) ?? draft.variables.dueDate ?? null,
    finalDate: kind === "follow-up" ? addDays(today, 14) : null,
    rightsExercised: right ? [{ right, date: sentOn, reference: first.reference }] : [],
    // The timeline's entries are written in English: other languages carry the dated evidence list instead.
    // Only what happened between the person and the controller: no drafts, notes or internal kinds.
    timeline:
      lang === "en"
        ? events
            .filter((e) => AUTHORITY_TIMELINE.has(e.kind))
            .map((e) => ({
              date: e.at.toISOString().slice(0, 10),
              event: e.text.replace(/ marked sent \((email|pdf|webform)\)$/, " sent"),
            }))
        : [],
    responseSummary:
      req.status === "refused"
        ? `${summary.refused}${refusal && lang === "en" ? `: ${refusal.label.toLowerCase()}` : ""}.`
        : req.status === "partly_removed"
          ? summary.partly
          : req.status === "acknowledged"
            ? summary.acknowledged
            : req.status === "extended" && effectiveDue(req)
              ? fill(summary.extended, { date: long(effectiveDue(req)!) })
              : req.status === "more_info_requested"
                ? summary.moreInfo
                : null,
    evidence: [
      fill(words.letter, { ref: first.reference, date: long(sentOn) }),
      ...(kind === "regulator-complaint" ? sentFollowUps(scope, letterId) : []).map((f) =>
        fill(words.reminder, { ref: f.reference, date: long(f.sentOn) }),
      ),
      ...replyDates.map((d) => fill(words.reply, { date: long(d) })),
      ...evidenceFiles.map(
        (f) => `${f.filename}, SHA-256 ${f.sha256}, ${fill(words.file, { date: long(f.date) })}`,
      ),
    ],
    ...(kind === "regulator-complaint" && a
      ? {
          respondent: v.recipient ?? null,
          recipient: {
            name: a.shortName,
            legalEntity: a.legalEntity,
            address: a.address,
            email: a.email,
            channelLabel: a.address ? a.address.split("\n")[0]! : (a.email ?? a.formUrl ?? a.legalEntity),
            url: a.formUrl,
            country: null,
          },
          authority: { name: a.name, shortName: a.shortName, address: a.address, url: a.formUrl },
        }
      : {}),
  };
  const rendered = renderTemplate(template, variables);
  getDb()
    .update(letters)
    .set({
      ...sealLetterText(newId, { subject: rendered.subject, body: rendered.body, variables }),
      // The request moves on (followed up, complaint filed) when this letter is sent, not now: a draft
      // changes nothing for the recipient (recordSent in letters.server.ts applies the event).
      followsLetterId: letterId,
      // The complaint's recipient is the authority (the case list and the request page name it).
      ...(authorityRecord?.inDirectory ? { recipientId: authorityRecord.id } : {}),
      updatedAt: now,
    })
    .where(and(eq(letters.id, newId), eq(letters.workspaceId, scope.workspaceId)))
    .run();
  return newId;
}
