// What does a reply say? A suggestion from its text (and, for bounces, its mail structure), never a decision:
// the person confirms it on the request page and only then does the request move (decision 110). Pure.
//
// The registry below holds one or more patterns per class and language (letters go out in EN, DE, FR, NL, KO,
// so replies come back in those), each with an example a test classifies. Classes are checked in the order of
// CLASS_ORDER: "send us your passport so we can delete it" is an ID demand, not a removal, and "we cannot
// remove it, please use our form" is a wrong channel, not a plain refusal.
import type { MessageKey } from "~/i18n/translate";
import type { Lang } from "~/requests/compose/variables";
import { REFUSAL_REASONS, type RefusalReason, type RequestEvent } from "~/requests/tracking/lifecycle";

export const REPLY_CLASSES = [
  "bounce",
  "id_requested",
  "wrong_channel",
  "not_controller",
  "refusal",
  "partly_done",
  "done",
  "more_info",
  "acknowledgement",
  "unknown",
] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

/** Which class wins when a reply matches several (earlier wins). */
const CLASS_ORDER: readonly ReplyClass[] = REPLY_CLASSES;

export function isReplyClass(s: string): s is ReplyClass {
  return (REPLY_CLASSES as readonly string[]).includes(s);
}

export function isRefusalReason(s: string): s is RefusalReason {
  return (REFUSAL_REASONS as readonly string[]).includes(s);
}

export type ReplyPattern = {
  id: string;
  cls: Exclude<ReplyClass, "bounce" | "unknown">;
  lang: Lang;
  re: RegExp;
  /** For refusals: the reason the words show. */
  reason?: RefusalReason;
  /** A realistic sentence this pattern must classify as `cls` (and `reason`): the registry's own test. */
  example: string;
};

// Word boundaries in JavaScript are ASCII-only, so the patterns avoid \b next to umlauts, accents and Hangul.
export const REPLY_PATTERNS: readonly ReplyPattern[] = [
  // ── English ──
  {
    id: "en.id.document",
    cls: "id_requested",
    lang: "en",
    re: /\b(copy|photo|scan|picture|image)s? of (your |a |the data subject's )?(valid )?(passport|driver'?s licen[cs]e|(government[- ]issued )?(photo )?id|identity (card|document)|id card)\b/i,
    example: "Please send a copy of your passport so that we can verify your identity.",
  },
  {
    id: "en.id.government",
    cls: "id_requested",
    lang: "en",
    re: /\b(government[- ]issued (photo )?(id|identification)|proof of identity|identity document)\b/i,
    example: "To process your request we require a government-issued photo ID.",
  },
  {
    id: "en.channel.form",
    cls: "wrong_channel",
    lang: "en",
    re: /\b(please |kindly )?(use|submit (it|your request|the request) (via|through|using)|fill (in|out)|complete) (our|the) (online |web |privacy |opt[- ]out )?(form|portal|request form)\b/i,
    example: "We cannot action requests by email. Please use our online form at the link below.",
  },
  {
    id: "en.channel.unmonitored",
    cls: "wrong_channel",
    lang: "en",
    re: /\b(this (mailbox|email address|inbox) is (not monitored|unmonitored)|only (accept|process) requests (submitted )?(via|through))\b/i,
    example: "This mailbox is not monitored. We only accept requests submitted through our privacy portal.",
  },
  {
    id: "en.controller.not",
    cls: "not_controller",
    lang: "en",
    re: /\b(we are not the (data )?controller|we (are|act) (only |merely )?(as )?(a |the )?(hosting provider|host|processor|data processor)|we do not (control|own|publish) (the |this )?content)\b/i,
    example: "We are only the hosting provider and we do not control the content of our customers' websites.",
  },
  {
    id: "en.controller.contact",
    cls: "not_controller",
    lang: "en",
    re: /\b(contact|reach out to|write to) the (site|website|page|domain)('s)? (owner|operator|administrator|webmaster)\b/i,
    example: "Please contact the website owner directly, as they are responsible for what is published.",
  },
  {
    id: "en.refusal.fraud",
    cls: "refusal",
    lang: "en",
    reason: "suspected_fraud",
    re: /\b(fraudulent|suspected fraud|appears to be fraud)\b/i,
    example: "We believe this request is fraudulent and will not act on it.",
  },
  {
    id: "en.refusal.verification",
    cls: "refusal",
    lang: "en",
    reason: "insuf_verification",
    re: /\b(unable to|could not|cannot|can't) (verify|confirm) (your|the requester's) identity\b/i,
    example: "We were unable to verify your identity, so we cannot complete this request.",
  },
  {
    id: "en.refusal.no_match",
    cls: "refusal",
    lang: "en",
    reason: "no_match",
    re: /\b((could not|were unable to|did not|cannot|can't) (find|locate|identify) any (records?|data|information|personal data)|no (records?|data|personal data) (matching|associated with|linked to|about))\b/i,
    example: "After a thorough search we could not find any records associated with your email address.",
  },
  {
    id: "en.refusal.not_covered",
    cls: "refusal",
    lang: "en",
    reason: "claim_not_covered",
    re: /\b(publicly available information|(is|are) exempt from|does not qualify (as|for) (a )?(deletion|erasure))\b/i,
    example: "The information is publicly available information and is exempt from deletion requests.",
  },
  {
    id: "en.refusal.jurisdiction",
    cls: "refusal",
    lang: "en",
    reason: "outside_jurisdiction",
    re: /\b(not subject to (the )?(gdpr|ccpa|cpra|uk gdpr)|(gdpr|ccpa|this law) does not apply to (us|our)|outside (of )?(the |its )?(territorial )?(scope|jurisdiction))\b/i,
    example: "Our company is not subject to the GDPR, as we do not offer services in the European Union.",
  },
  {
    id: "en.refusal.too_many",
    cls: "refusal",
    lang: "en",
    reason: "too_many_requests",
    re: /\b(manifestly unfounded or excessive|excessive (requests?|in (number|nature))|too many requests)\b/i,
    example: "We consider this request manifestly unfounded or excessive and will not respond further.",
  },
  {
    id: "en.refusal.expression",
    cls: "refusal",
    lang: "en",
    reason: "freedom_of_expression",
    re: /\b(freedom of (expression|speech|the press)|first amendment|newsworthy|journalistic purposes)\b/i,
    example: "The article is protected by freedom of expression and will remain online.",
  },
  {
    id: "en.refusal.general",
    cls: "refusal",
    lang: "en",
    re: /\b((unable|not able|cannot|can't|will not|won't) (to )?(remove|delete|erase|comply|honou?r|grant|fulfil+)|(must|have to) (respectfully )?decline|(deny|denied|reject(ed)?|refuse[ds]?) (your|the|this) request)\b/i,
    example: "Unfortunately we must decline your request.",
  },
  {
    id: "en.partly",
    cls: "partly_done",
    lang: "en",
    re: /\b((partially|partly) (removed|deleted|complied)|(some|part) of (the |your )?(data|information|content|listings?|records?) (has|have) been (removed|deleted)|(removed|deleted) (some|part) of)\b/i,
    example: "We have removed some of the listings; the remaining records are held under a legal obligation.",
  },
  {
    id: "en.done",
    cls: "done",
    lang: "en",
    re: /\b((has|have) (now )?been (permanently )?(removed|deleted|erased|suppressed|taken down|opted out)|we (have )?(now )?(removed|deleted|erased|taken down)|(request|opt[- ]out) (has been|is) (completed|processed|fulfilled)|successfully (removed|deleted|opted out))\b/i,
    example: "Your personal data has been deleted from our systems.",
  },
  {
    id: "en.more_info",
    cls: "more_info",
    lang: "en",
    re: /\b((need|require) (some |a little )?(more|additional|further) (information|details)|please (provide|send|confirm) (us )?(the )?(exact |specific )?(urls?|links?|web addresses|following|more details))\b/i,
    example: "We need some more information before we can proceed: please provide the exact URLs.",
  },
  {
    id: "en.ack",
    cls: "acknowledgement",
    lang: "en",
    re: /\b(we (have )?received your (request|email|message|report|letter)|(acknowledge|confirm) (the )?receipt|thank you for (your|contacting)|(a |your )?ticket (number|#|id)|we will (get back|respond|reply|be in touch)|(looking|look) into (it|this|your))\b/i,
    example: "Thank you, we received your request and will get back to you within 30 days.",
  },
  // ── German ──
  {
    id: "de.id",
    cls: "id_requested",
    lang: "de",
    re: /(Personalausweis|Ausweiskopie|Kopie (Ihres|des|eines) (Ausweis|Personalausweis|Reisepass)|Reisepass|Ausweisdokument|Lichtbildausweis)/i,
    example:
      "Bitte senden Sie uns eine Kopie Ihres Personalausweises, damit wir Ihre Identität prüfen können.",
  },
  {
    id: "de.channel",
    cls: "wrong_channel",
    lang: "de",
    re: /((nutzen|verwenden) Sie (bitte )?(unser|das) (Online-|Kontakt|Web)?[Ff]ormular|über (unser|das) (Online-|Kontakt|Web)?[Ff]ormular|Kontaktformular)/,
    example: "Bitte nutzen Sie für Ihre Anfrage unser Kontaktformular auf der Webseite.",
  },
  {
    id: "de.controller",
    cls: "not_controller",
    lang: "de",
    re: /(nicht (der|die) Verantwortliche|lediglich (der )?(Hoster|Hosting-Anbieter|Auftragsverarbeiter)|wenden Sie sich (bitte )?(direkt )?an den (Betreiber|Seitenbetreiber|Inhaber))/i,
    example:
      "Wir sind lediglich der Hosting-Anbieter. Bitte wenden Sie sich direkt an den Betreiber der Webseite.",
  },
  {
    id: "de.refusal.expression",
    cls: "refusal",
    lang: "de",
    reason: "freedom_of_expression",
    re: /(Meinungsfreiheit|Pressefreiheit|journalistische[nr]? Zweck)/i,
    example: "Der Beitrag ist von der Meinungsfreiheit gedeckt und bleibt online.",
  },
  {
    id: "de.refusal.no_match",
    cls: "refusal",
    lang: "de",
    reason: "no_match",
    re: /(keine (personenbezogenen )?Daten (zu Ihrer Person |über Sie )?(gefunden|gespeichert)|keine Daten zu Ihnen)/i,
    example: "Wir haben keine personenbezogenen Daten zu Ihrer Person gefunden.",
  },
  {
    id: "de.refusal.general",
    cls: "refusal",
    lang: "de",
    re: /(können (wir )?(Ihrem Antrag|Ihrer Anfrage|Ihrem Ersuchen|dem Antrag) (leider )?nicht (nachkommen|stattgeben|entsprechen)|(lehnen|weisen) (wir )?(Ihren Antrag|Ihre Anfrage|Ihr Ersuchen|dies) ab|können (wir )?(die Daten|den Beitrag|den Inhalt|diese) (leider )?nicht (löschen|entfernen))/i,
    example: "Leider können wir Ihrem Antrag nicht nachkommen.",
  },
  {
    id: "de.partly",
    cls: "partly_done",
    lang: "de",
    re: /(teilweise (gelöscht|entfernt)|einen Teil (der|Ihrer) (Daten|Einträge|Inhalte) (gelöscht|entfernt))/i,
    example: "Wir haben Ihre Daten teilweise gelöscht; einige Angaben müssen wir aufbewahren.",
  },
  {
    id: "de.done",
    cls: "done",
    lang: "de",
    re: /((wurden?|ist|sind) (nun |jetzt |vollständig |erfolgreich )*(gelöscht|entfernt)|haben (Ihre Daten|den Beitrag|den Eintrag|die Inhalte|alle Daten) (vollständig )?(gelöscht|entfernt)|Löschung (wurde )?(durchgeführt|vollzogen|abgeschlossen))/i,
    example: "Ihre Daten wurden vollständig gelöscht.",
  },
  {
    id: "de.more_info",
    cls: "more_info",
    lang: "de",
    re: /(weitere (Informationen|Angaben)|zusätzliche (Informationen|Angaben)|genaue(n)? (URL|Adresse|Links))/i,
    example: "Wir benötigen weitere Informationen, um Ihre Anfrage zu bearbeiten.",
  },
  {
    id: "de.ack",
    cls: "acknowledgement",
    lang: "de",
    re: /(Ihre (Anfrage|Nachricht|E-Mail|Meldung) (haben wir )?erhalten|haben (Ihre|Ihr) (Anfrage|Nachricht|E-Mail|Schreiben) erhalten|Eingangsbestätigung|(wird|werden) (derzeit )?bearbeitet|melden uns)/i,
    example: "Vielen Dank, wir haben Ihre Anfrage erhalten und melden uns in Kürze.",
  },
  // ── French ──
  {
    id: "fr.id",
    cls: "id_requested",
    lang: "fr",
    re: /(pièce d['’]identité|carte d['’]identité|copie de votre passeport|justificatif d['’]identité)/i,
    example: "Merci de nous transmettre une copie de votre pièce d'identité afin de vérifier votre identité.",
  },
  {
    id: "fr.channel",
    cls: "wrong_channel",
    lang: "fr",
    re: /((veuillez|merci d['’]) ?(utiliser|passer par|remplir) (notre|le) formulaire|via (notre|le) formulaire)/i,
    example: "Veuillez utiliser notre formulaire en ligne pour toute demande de suppression.",
  },
  {
    id: "fr.controller",
    cls: "not_controller",
    lang: "fr",
    re: /(pas (le )?responsable (du|de ce) traitement|simple hébergeur|(contacter|vous adresser à) (directement )?(l['’]éditeur|le propriétaire|l['’]administrateur) du site)/i,
    example: "Nous sommes un simple hébergeur : veuillez contacter directement l'éditeur du site.",
  },
  {
    id: "fr.refusal.expression",
    cls: "refusal",
    lang: "fr",
    reason: "freedom_of_expression",
    re: /(liberté d['’]expression|liberté de la presse|droit à l['’]information)/i,
    example: "Cet article relève de la liberté d'expression et restera en ligne.",
  },
  {
    id: "fr.refusal.no_match",
    cls: "refusal",
    lang: "fr",
    reason: "no_match",
    re: /(aucune donnée (personnelle )?(vous concernant|à votre sujet)|n['’]avons trouvé aucune donnée)/i,
    example: "Nous n'avons trouvé aucune donnée vous concernant dans nos systèmes.",
  },
  {
    id: "fr.refusal.general",
    cls: "refusal",
    lang: "fr",
    re: /(ne (pouvons|pourrons) pas (donner suite|supprimer|accéder à|faire droit)|(rejetons|refusons) votre demande|votre demande (est|a été) (rejetée|refusée))/i,
    example: "Nous ne pouvons pas donner suite à votre demande.",
  },
  {
    id: "fr.partly",
    cls: "partly_done",
    lang: "fr",
    re: /((partiellement|en partie) (supprimé|retiré)|une partie (des|de vos) (données|informations|contenus) (a|ont) été (supprimée?s?|retirée?s?))/i,
    example: "Une partie de vos données a été supprimée ; le reste doit être conservé.",
  },
  {
    id: "fr.done",
    cls: "done",
    lang: "fr",
    re: /((a|ont) été (définitivement )?(supprimée?s?|effacée?s?|retirée?s?)|nous avons (bien )?(supprimé|effacé|retiré))/i,
    example: "Vos données personnelles ont été supprimées de nos systèmes.",
  },
  {
    id: "fr.more_info",
    cls: "more_info",
    lang: "fr",
    re: /(informations? (complémentaires?|supplémentaires?)|précisions? supplémentaires?|l['’]adresse exacte)/i,
    example: "Nous avons besoin d'informations complémentaires pour traiter votre demande.",
  },
  {
    id: "fr.ack",
    cls: "acknowledgement",
    lang: "fr",
    re: /(avons (bien )?reçu votre (demande|message|courrier)|accusé de réception|en cours de traitement|accusons réception)/i,
    example: "Nous avons bien reçu votre demande, elle est en cours de traitement.",
  },
  // ── Dutch ──
  {
    id: "nl.id",
    cls: "id_requested",
    lang: "nl",
    re: /(kopie van (uw|je) (paspoort|identiteitsbewijs|id-kaart|rijbewijs)|identiteitsbewijs|legitimatiebewijs)/i,
    example: "Stuur ons een kopie van uw identiteitsbewijs zodat wij uw identiteit kunnen vaststellen.",
  },
  {
    id: "nl.channel",
    cls: "wrong_channel",
    lang: "nl",
    re: /((gebruik|vul) (dan )?(ons|het) (web|online |contact)?formulier|via (ons|het) (web|online |contact)?formulier)/i,
    example: "Wij behandelen verzoeken alleen via ons webformulier; gebruik ons formulier op de website.",
  },
  {
    id: "nl.controller",
    cls: "not_controller",
    lang: "nl",
    re: /(niet de verwerkingsverantwoordelijke|slechts (de )?(hostingprovider|hoster|verwerker)|neem (dan )?contact op met de (eigenaar|beheerder) van de (website|site))/i,
    example: "Wij zijn slechts de hostingprovider. Neem contact op met de eigenaar van de website.",
  },
  {
    id: "nl.refusal.expression",
    cls: "refusal",
    lang: "nl",
    reason: "freedom_of_expression",
    re: /(vrijheid van meningsuiting|persvrijheid|journalistieke doeleinden)/i,
    example: "Het artikel valt onder de vrijheid van meningsuiting en blijft online.",
  },
  {
    id: "nl.refusal.no_match",
    cls: "refusal",
    lang: "nl",
    reason: "no_match",
    re: /(geen (persoons)?gegevens (van u |over u )?(gevonden|aangetroffen))/i,
    example: "Wij hebben geen persoonsgegevens van u gevonden in onze systemen.",
  },
  {
    id: "nl.refusal.general",
    cls: "refusal",
    lang: "nl",
    re: /(kunnen (wij |we )?(niet )?(aan )?(uw|je) verzoek (niet )?(voldoen|honoreren|inwilligen)|(wijzen|we wijzen|wij wijzen) (uw|je) verzoek af|verzoek (is )?afgewezen)/i,
    example: "Helaas kunnen wij niet aan uw verzoek voldoen.",
  },
  {
    id: "nl.partly",
    cls: "partly_done",
    lang: "nl",
    re: /(gedeeltelijk verwijderd|een deel van (de|uw) (gegevens|informatie|inhoud) (is|zijn) verwijderd)/i,
    example: "Een deel van uw gegevens is verwijderd; de rest moeten wij bewaren.",
  },
  {
    id: "nl.done",
    cls: "done",
    lang: "nl",
    re: /((is|zijn|werden) (nu |inmiddels |definitief )*verwijderd|(hebben|heb) (uw gegevens|de gegevens|het artikel|de inhoud|alles) (definitief )?verwijderd)/i,
    example: "Uw gegevens zijn inmiddels verwijderd.",
  },
  {
    id: "nl.more_info",
    cls: "more_info",
    lang: "nl",
    re: /(aanvullende informatie|meer informatie (nodig|van u)|de exacte (url|link|webadres))/i,
    example: "Wij hebben aanvullende informatie nodig om uw verzoek te behandelen.",
  },
  {
    id: "nl.ack",
    cls: "acknowledgement",
    lang: "nl",
    re: /((hebben|heb) (uw|je) (verzoek|bericht|e-mail) (in goede orde )?ontvangen|ontvangstbevestiging|in behandeling)/i,
    example: "Wij hebben uw verzoek in goede orde ontvangen en nemen het in behandeling.",
  },
  // ── Korean ──
  {
    id: "ko.id",
    cls: "id_requested",
    lang: "ko",
    re: /(신분증|여권 사본|본인 확인 서류|주민등록증)/,
    example: "본인 확인을 위해 신분증 사본을 보내 주시기 바랍니다.",
  },
  {
    id: "ko.channel",
    cls: "wrong_channel",
    lang: "ko",
    re: /(고객센터를 통해|신청 양식을 (통해|이용)|(웹사이트|홈페이지)의 (신고|신청) (양식|페이지)|양식을 이용해)/,
    example: "삭제 요청은 홈페이지의 신고 양식을 통해 접수해 주시기 바랍니다.",
  },
  {
    id: "ko.controller",
    cls: "not_controller",
    lang: "ko",
    re: /(게시자에게 직접|(사이트|웹사이트) 운영자에게|저희가 관리하는 (정보|게시물)가 아닙니다|호스팅 업체일 뿐)/,
    example: "저희는 호스팅 업체일 뿐이므로 사이트 운영자에게 직접 문의해 주십시오.",
  },
  {
    id: "ko.refusal.expression",
    cls: "refusal",
    lang: "ko",
    reason: "freedom_of_expression",
    re: /(표현의 자유|언론의 자유)/,
    example: "해당 게시물은 표현의 자유에 해당하여 삭제하지 않습니다.",
  },
  {
    id: "ko.refusal.general",
    cls: "refusal",
    lang: "ko",
    re: /(삭제(할 수 없습니다|가 어렵습니다|하지 않습니다)|요청을 (거절|거부)|수용하기 어렵습니다)/,
    example: "요청하신 내용은 삭제가 어렵습니다.",
  },
  {
    id: "ko.partly",
    cls: "partly_done",
    lang: "ko",
    re: /(일부(만)? 삭제|일부 게시물(을|이) 삭제)/,
    example: "요청하신 게시물 중 일부만 삭제되었습니다.",
  },
  {
    id: "ko.done",
    cls: "done",
    lang: "ko",
    re: /(삭제(되었습니다|되었음을| ?처리되었습니다|를 완료|가 완료| ?조치가 완료)|삭제 (처리|조치)(가|를) 완료)/,
    example: "요청하신 게시물이 삭제되었습니다.",
  },
  {
    id: "ko.more_info",
    cls: "more_info",
    lang: "ko",
    re: /(추가 (정보|자료|서류)|정확한 (URL|주소|링크))/i,
    example: "처리를 위해 추가 정보가 필요합니다.",
  },
  {
    id: "ko.ack",
    cls: "acknowledgement",
    lang: "ko",
    re: /(접수되었습니다|접수하였습니다|검토 중|확인 후 (회신|답변))/,
    example: "귀하의 요청이 접수되었습니다. 확인 후 회신드리겠습니다.",
  },
];

// ── Bounces ──────────────────────────────────────────────────────────────────────────────────
const BOUNCE_SENDER = /^(mailer-daemon|postmaster|mail-daemon|bounces?|mailerdaemon)@/i;
const BOUNCE_SUBJECT =
  /(undeliver(ed|able)|delivery (status notification|has failed|failure)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|unzustellbar|nicht zustellbar|non remis|échec de (la )?remise|onbestelbaar|niet afgeleverd|전송 실패|반송)/i;

export type ReplyInput = {
  subject?: string | null;
  from?: string | null;
  text?: string | null;
  /** The top-level Content-Type (e.g. "multipart/report") and its report-type parameter. */
  contentType?: string | null;
  reportType?: string | null;
  /** The message/delivery-status part's text, when there is one. */
  deliveryStatus?: string | null;
};

export type Classification = {
  cls: ReplyClass;
  /** For a refusal (and the classes that are refusals with a known reason): the reason. */
  reason: RefusalReason | null;
  /** The patterns that matched (ids), for the history and for tuning. */
  matched: string[];
  /** A bounce from the mail protocol itself (a delivery status notification that says "failed"). */
  definitive: boolean;
};

/** The sender's own words: quoted lines and the quoted original (our letter, which names rights and IDs) cut. */
export function ownWords(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*>/.test(line)) continue;
    if (
      /^-{2,}\s*(original message|ursprüngliche nachricht|message d['’]origine|oorspronkelijk bericht|원본 메시지)/i.test(
        line.trim(),
      ) ||
      /^(on .+ wrote:|am .+ schrieb .+:|le .+ a écrit\s?:|op .+ schreef .+:|.+님이 작성:?)$/i.test(
        line.trim(),
      )
    )
      break;
    lines.push(line);
  }
  return lines.join("\n").replace(/\s+/g, " ");
}

function bounce(input: ReplyInput): Classification | null {
  const isReport =
    input.contentType?.toLowerCase() === "multipart/report" &&
    input.reportType?.toLowerCase() === "delivery-status";
  if (isReport || input.deliveryStatus) {
    // RFC 3464: "Action: failed" per recipient; "delayed" or "delivered" reports are not a bounce.
    const failed = /^\s*action:\s*failed\b/im.test(input.deliveryStatus ?? "");
    return failed ? { cls: "bounce", reason: null, matched: ["dsn.failed"], definitive: true } : null;
  }
  const address = /<([^>]+)>/.exec(input.from ?? "")?.[1] ?? input.from ?? "";
  if (BOUNCE_SENDER.test(address.trim()) && BOUNCE_SUBJECT.test(input.subject ?? ""))
    return { cls: "bounce", reason: null, matched: ["bounce.sender-subject"], definitive: false };
  return null;
}

/** Classifies a reply from its text (and mail structure). Unknown when nothing in the registry matches. */
export function classifyReply(input: ReplyInput): Classification {
  const b = bounce(input);
  if (b) return b;
  const words = `${input.subject ?? ""}\n${ownWords(input.text ?? "")}`;
  const hits = REPLY_PATTERNS.filter((p) => p.re.test(words));
  const cls = CLASS_ORDER.find((c) => hits.some((h) => h.cls === c)) ?? "unknown";
  const reason =
    cls === "refusal"
      ? (hits.find((h) => h.cls === "refusal" && h.reason)?.reason ?? "other")
      : (CLASS_REASON[cls] ?? null);
  return { cls, reason, matched: hits.map((h) => h.id), definitive: false };
}

/** Classes that are, in the lifecycle's words, a refusal with a fixed reason. */
const CLASS_REASON: Partial<Record<ReplyClass, RefusalReason>> = {
  id_requested: "id_document_demanded",
  wrong_channel: "wrong_channel",
  not_controller: "not_our_data",
};

/**
 * The lifecycle event a confirmed class stands for (decision 110). An ID demand, a wrong channel and a
 * "not us" are refusals with their reason, so the request page gives the advice of that reason; "unknown"
 * stands for nothing (the person picks).
 */
export function eventFor(cls: ReplyClass, reason: RefusalReason | null): RequestEvent | null {
  switch (cls) {
    case "bounce":
      return { type: "bounce" };
    case "acknowledgement":
      return { type: "acknowledge" };
    case "done":
      return { type: "reply", outcome: "removed" };
    case "partly_done":
      return { type: "reply", outcome: "partly_removed" };
    case "more_info":
      return { type: "reply", outcome: "more_info_requested" };
    case "refusal":
    case "id_requested":
    case "wrong_channel":
    case "not_controller":
      return { type: "reply", outcome: "refused", reason: reason ?? CLASS_REASON[cls] ?? "other" };
    case "unknown":
      return null;
  }
}

/** "This looks like: …", one whole sentence per class (translatable as a unit). */
export const LOOKS_LIKE: Record<ReplyClass, string> = {
  bounce: "This looks like: your letter did not arrive (the mail server sent it back).",
  id_requested: "This looks like: they ask for an ID document.",
  wrong_channel: "This looks like: they ask you to use another way to send it, such as their form.",
  not_controller: "This looks like: they say they are not responsible and point you to someone else.",
  refusal: "This looks like: they refuse.",
  partly_done: "This looks like: they say some of it is removed.",
  done: "This looks like: they say it is removed.",
  more_info: "This looks like: they ask for more information.",
  acknowledgement: "This looks like: they confirm they received it.",
  unknown: "Retract could not tell what this reply says.",
};

/** LOOKS_LIKE as message keys, for the request page. */
export const LOOKS_LIKE_KEYS = {
  bounce: "replyClass.bounce",
  id_requested: "replyClass.id_requested",
  wrong_channel: "replyClass.wrong_channel",
  not_controller: "replyClass.not_controller",
  refusal: "replyClass.refusal",
  partly_done: "replyClass.partly_done",
  done: "replyClass.done",
  more_info: "replyClass.more_info",
  acknowledgement: "replyClass.acknowledgement",
  unknown: "replyClass.unknown",
} as const satisfies Record<ReplyClass, MessageKey>;
