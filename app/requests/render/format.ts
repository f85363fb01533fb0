// Language-aware wording shared by templates, fixtures and the browser: long dates and deadline rules in words.
// Deep imports: the barrels ("date-fns", "date-fns/locale") load ~800 files at server start.
import { format as formatDate } from "date-fns/format";
import { isValid } from "date-fns/isValid";
import { de } from "date-fns/locale/de";
import { enGB } from "date-fns/locale/en-GB";
import { fr } from "date-fns/locale/fr";
import { ko } from "date-fns/locale/ko";
import { nl } from "date-fns/locale/nl";
import { parseISO } from "date-fns/parseISO";
import type { DeadlineRule, Lang } from "~/requests/compose/variables";

const LOCALES = { en: enGB, de, fr, nl, ko } as const;
const PATTERNS: Record<Lang, string> = {
  en: "d MMMM yyyy",
  de: "d. MMMM yyyy",
  fr: "d MMMM yyyy",
  nl: "d MMMM yyyy",
  ko: "yyyy년 M월 d일",
};

/**
 * `2026-03-01` → "1 March 2026" / "1. März 2026" / "1er mars 2026" / "1 maart 2026" / "2026년 3월 1일".
 * Anything that is not an ISO date (a blank, a placeholder) comes back unchanged.
 */
export function formatLongDate(value: unknown, lang: Lang): string {
  if (typeof value !== "string") return value === null || value === undefined ? "" : String(value);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = parseISO(value);
  if (!isValid(date)) return value;
  const text = formatDate(date, PATTERNS[lang], { locale: LOCALES[lang] });
  // French writes the first day of a month as an ordinal: « 1er mars ».
  return lang === "fr" && date.getDate() === 1 ? text.replace(/^1 /, "1er ") : text;
}

const RULES_EN: Record<DeadlineRule, string> = {
  "gdpr-month":
    "one month from receipt of this request under Art 12(3) GDPR, moved to the next working day where it falls on a weekend or public holiday",
  "uk-gdpr-month":
    "one calendar month from receipt of this request under Art 12(3) UK GDPR, moved to the next working day where it falls on a weekend or bank holiday",
  "ccpa-45":
    "45 calendar days from receipt of this request under Cal. Civ. Code § 1798.130 and 11 CCR § 7021, with confirmation of receipt within 10 business days",
  "us-state-45": "45 calendar days from receipt of this request, as the applicable state law requires",
  "kr-pipa-10":
    "10 days from receipt of this request, not counting the day of receipt, under PIPA Art 36 and Enforcement Decree Art 43(3), moved to the next working day where it falls on a weekend or public holiday",
  "kr-icna-30":
    "without delay under ICNA Art 44-2, which sets no number of days; a temporary block may last at most 30 days, so I will follow up 30 days after receipt, a date I set myself",
  "nj-daniels-10": "10 business days from receipt of this notice under New Jersey Daniel's Law",
  dmca: "expeditiously under 17 U.S.C. § 512(c), which sets no number of days; the follow-up date is a date I set myself",
  "dsa-notice":
    "without undue delay under Art 16(5) DSA, which sets no number of days; the follow-up date is a date I set myself",
  "platform-sla": "no law sets a time for this; the follow-up date is a date I set myself",
};

const RULES: Record<Lang, Partial<Record<DeadlineRule, string>>> = {
  en: RULES_EN,
  de: {
    "gdpr-month":
      "ein Monat ab Eingang dieses Antrags nach Art. 12 Abs. 3 DSGVO; fällt das Fristende auf einen Samstag, Sonntag oder Feiertag, der nächste Werktag",
    "uk-gdpr-month":
      "ein Kalendermonat ab Eingang dieses Antrags nach Art. 12 Abs. 3 UK GDPR; fällt das Fristende auf ein Wochenende oder einen Bank Holiday, der nächste Werktag",
    "dsa-notice":
      "unverzüglich nach Art. 16 Abs. 5 DSA, der keine Zahl von Tagen nennt; das Datum der Nachfrage habe ich selbst gewählt",
  },
  fr: {
    "gdpr-month":
      "un mois à compter de la réception de la présente demande, selon l'article 12, paragraphe 3, du RGPD, reporté au premier jour ouvrable suivant s'il tombe un samedi, un dimanche ou un jour férié",
    "uk-gdpr-month":
      "un mois civil à compter de la réception de la présente demande, selon l'article 12, paragraphe 3, du UK GDPR, reporté au premier jour ouvrable suivant s'il tombe un week-end ou un jour férié",
    "dsa-notice":
      "dans les meilleurs délais selon l'article 16, paragraphe 5, du DSA, qui ne fixe aucun nombre de jours ; la date de relance est une date que j'ai choisie moi-même",
  },
  nl: {
    "gdpr-month":
      "één maand na ontvangst van dit verzoek op grond van artikel 12, lid 3, AVG; valt die dag op een zaterdag, zondag of feestdag, dan de eerstvolgende werkdag",
    "uk-gdpr-month":
      "één kalendermaand na ontvangst van dit verzoek op grond van artikel 12, lid 3, UK GDPR; valt die dag in een weekend of op een bank holiday, dan de eerstvolgende werkdag",
    "dsa-notice":
      "zonder onnodige vertraging op grond van artikel 16, lid 5, DSA, dat geen aantal dagen noemt; de datum waarop ik terugkom op dit verzoek heb ik zelf gekozen",
  },
  ko: {
    "kr-pipa-10":
      "「개인정보 보호법」 제36조 및 같은 법 시행령 제43조제3항에 따라 이 요구를 받은 날부터 10일 이내, 받은 날은 산입하지 않음. 기간의 말일이 토요일, 일요일 또는 공휴일이면 그 다음 날",
    "kr-icna-30":
      "「정보통신망 이용촉진 및 정보보호 등에 관한 법률」 제44조의2에 따라 지체 없이(법에 정해진 일수는 없음). 임시조치 기간은 30일 이내이므로, 요청을 받은 날부터 30일이 지나면 다시 확인하겠습니다(신청인이 정한 날짜)",
  },
};

/** The deadline rule in words, in the letter's language (English where no translation is written). */
export function ruleInWords(rule: DeadlineRule, lang: Lang): string {
  return RULES[lang][rule] ?? RULES_EN[rule];
}

/** What is exposed, in words per language; the app maps its exposure categories through this. */
export const EXPOSURE_LABELS = {
  "home-address": {
    en: "home address",
    de: "Wohnanschrift",
    fr: "adresse du domicile",
    nl: "woonadres",
    ko: "집 주소",
  },
  phone: {
    en: "phone number",
    de: "Telefonnummer",
    fr: "numéro de téléphone",
    nl: "telefoonnummer",
    ko: "전화번호",
  },
  email: {
    en: "email address",
    de: "E-Mail-Adresse",
    fr: "adresse e-mail",
    nl: "e-mailadres",
    ko: "이메일 주소",
  },
  photo: { en: "photograph", de: "Foto", fr: "photographie", nl: "foto", ko: "사진" },
  workplace: { en: "workplace", de: "Arbeitsplatz", fr: "lieu de travail", nl: "werkplek", ko: "직장" },
  family: {
    en: "names of family members",
    de: "Namen von Familienangehörigen",
    fr: "noms de membres de ma famille",
    nl: "namen van familieleden",
    ko: "가족 이름",
  },
  "date-of-birth": {
    en: "date of birth",
    de: "Geburtsdatum",
    fr: "date de naissance",
    nl: "geboortedatum",
    ko: "생년월일",
  },
  "id-number": {
    en: "identity document number",
    de: "Ausweisnummer",
    fr: "numéro de pièce d'identité",
    nl: "identiteitsdocumentnummer",
    ko: "신분증 번호",
  },
  "vehicle-plate": {
    en: "vehicle registration",
    de: "Kfz-Kennzeichen",
    fr: "plaque d'immatriculation",
    nl: "kenteken",
    ko: "차량 번호",
  },
  "full-name": {
    en: "full name",
    de: "vollständiger Name",
    fr: "nom complet",
    nl: "volledige naam",
    ko: "실명",
  },
} as const satisfies Record<string, Record<Lang, string>>;
export type ExposureCategory = keyof typeof EXPOSURE_LABELS;

export function exposureLabel(category: ExposureCategory, lang: Lang): string {
  return EXPOSURE_LABELS[category][lang];
}
