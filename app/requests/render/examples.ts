// Named examples: realistic variables for every letter kind, with plain made-up people. The template preview
// (workspace templates) shows the first; the template check and the tests render them all. Every kind gets a
// letter sent by the person themselves and one sent by a representative.

import type {
  DeadlineRule,
  Kind,
  Lang,
  LetterVariablesInput,
  Platform,
  Regime,
} from "~/requests/compose/variables";
import { PLATFORMS } from "~/requests/compose/variables";
import { KINDS } from "~/requests/kinds";
import { exposureLabel, ruleInWords } from "./format";

export type Example = { name: string; variables: LetterVariablesInput };

export const EXAMPLE_DATE = "2026-11-23";
const DUE: Record<DeadlineRule, string> = {
  "gdpr-month": "2026-12-23",
  "uk-gdpr-month": "2026-12-23",
  "ccpa-45": "2027-01-07",
  "us-state-45": "2027-01-07",
  "kr-pipa-10": "2026-12-03",
  "kr-icna-30": "2026-12-23",
  "nj-daniels-10": "2026-12-08",
  dmca: "2026-11-30",
  "dsa-notice": "2026-11-30",
  "platform-sla": "2026-11-30",
};
const EXTENDED: Partial<Record<DeadlineRule, string>> = {
  "gdpr-month": "2027-02-23",
  "ccpa-45": "2027-02-21",
  "us-state-45": "2027-02-21",
};

type Region = "ie" | "uk" | "de" | "fr" | "nl" | "us" | "kr";
type People = {
  requester: LetterVariablesInput["requester"];
  representative: NonNullable<LetterVariablesInput["representative"]>;
  authority: NonNullable<LetterVariablesInput["authority"]>;
};

const PEOPLE: Record<Region, People> = {
  ie: {
    requester: {
      name: "Aoife Byrne",
      email: "aoife.byrne@example.ie",
      phone: "+353 1 555 0142",
      postalAddress: "PO Box 4471, Dublin 2, Ireland",
      country: "Ireland",
    },
    representative: {
      name: "Sam Okafor",
      organisation: "Digital Safety Advocates CLG",
      email: "casework@dsa-advocates.example.org",
      phone: "+353 1 555 0199",
      address: "12 Harcourt Street, Dublin 2, Ireland",
      mandateDate: "2026-11-20",
    },
    authority: { name: "the Data Protection Commission (Ireland)", shortName: "DPC" },
  },
  uk: {
    requester: {
      name: "Tom Hughes",
      email: "tom.hughes@example.co.uk",
      phone: "+44 113 496 0321",
      postalAddress: "PO Box 2087, Leeds LS1 9XX",
      country: "the United Kingdom",
    },
    representative: {
      name: "Priya Shah",
      organisation: "Online Harms Support UK",
      email: "help@ohs-uk.example.org",
      phone: "+44 20 7946 0018",
      address: "40 Baker Lane, London N1 7AA",
      mandateDate: "2026-11-19",
    },
    authority: { name: "the Information Commissioner's Office", shortName: "ICO" },
  },
  de: {
    requester: {
      name: "Anna Berger",
      email: "anna.berger@example.de",
      phone: "+49 30 555 01234",
      postalAddress: "Postfach 12 34 56, 10117 Berlin",
      country: "Deutschland",
    },
    representative: {
      name: "Jonas Keller",
      organisation: "Hilfe gegen Doxxing e. V.",
      email: "beratung@hilfe-gegen-doxxing.example.org",
      phone: "+49 30 555 09876",
      address: "Oranienstraße 10, 10999 Berlin",
      mandateDate: "2026-11-20",
    },
    authority: { name: "Berliner Beauftragte für Datenschutz und Informationsfreiheit", shortName: "BlnBDI" },
  },
  fr: {
    requester: {
      name: "Camille Martin",
      email: "camille.martin@example.fr",
      phone: "+33 4 55 55 01 23",
      postalAddress: "BP 90210, 69001 Lyon",
      country: "France",
    },
    representative: {
      name: "Léa Dubois",
      organisation: "Association Stop Doxxing",
      email: "contact@stop-doxxing.example.org",
      phone: "+33 1 55 55 09 87",
      address: "8 rue de la Paix, 75002 Paris",
      mandateDate: "2026-11-18",
    },
    authority: {
      name: "la Commission nationale de l'informatique et des libertés",
      shortName: "CNIL",
    },
  },
  nl: {
    requester: {
      name: "Sanne de Vries",
      email: "sanne.devries@example.nl",
      phone: "+31 30 555 0123",
      postalAddress: "Postbus 1234, 3500 AA Utrecht",
      country: "Nederland",
    },
    representative: {
      name: "Pieter Jansen",
      organisation: "Stichting Privacyhulp",
      email: "hulp@privacyhulp.example.org",
      phone: "+31 20 555 0987",
      address: "Keizersgracht 1, 1015 AA Amsterdam",
      mandateDate: "2026-11-20",
    },
    authority: { name: "de Autoriteit Persoonsgegevens", shortName: "AP" },
  },
  us: {
    requester: {
      name: "Maria Delgado",
      email: "maria.delgado@example.com",
      phone: "+1 510 555 0147",
      postalAddress: "PO Box 7731, Oakland, CA 94604",
      country: "the United States",
    },
    representative: {
      name: "Jordan Lee",
      organisation: "Bay Area Anti-Doxxing Project",
      email: "agent@badp.example.org",
      phone: "+1 415 555 0190",
      address: "500 Market Street, Suite 300, San Francisco, CA 94105",
      mandateDate: "2026-11-17",
    },
    authority: { name: "the California Privacy Protection Agency", shortName: "CPPA" },
  },
  kr: {
    requester: {
      name: "김지현",
      email: "jihyun.kim@example.kr",
      phone: "010-5555-0142",
      postalAddress: "서울특별시 중구 세종대로 110 사서함 55",
      country: "대한민국",
    },
    representative: {
      name: "박민수",
      organisation: "디지털안전지원센터",
      email: "help@digital-safety.example.kr",
      phone: "02-555-0199",
      address: "서울특별시 종로구 종로 1",
      mandateDate: "2026-11-20",
    },
    authority: { name: "개인정보보호위원회" },
  },
};

const SITUATION: Record<Lang, string> = {
  en: "Since the post went up I have received threatening messages and a stranger came to my front door. I live alone and have had to stay with family.",
  de: "Seit der Veröffentlichung erhalte ich Drohnachrichten, und ein Unbekannter stand vor meiner Wohnungstür. Ich lebe allein und musste vorübergehend bei Angehörigen wohnen.",
  fr: "Depuis la publication, je reçois des messages de menace et un inconnu s'est présenté à ma porte. Je vis seule et j'ai dû m'installer temporairement chez des proches.",
  nl: "Sinds de publicatie ontvang ik dreigberichten en stond er een onbekende voor mijn deur. Ik woon alleen en moest tijdelijk bij familie intrekken.",
  ko: "게시물이 올라온 뒤 협박 메시지를 받았고, 모르는 사람이 집 앞까지 찾아왔습니다. 혼자 살고 있어 가족 집에 임시로 머물고 있습니다.",
};

/** The same situation told by a representative: about the person, never as the person (docs/legal.md §2). */
const SITUATION_REPRESENTED: Record<Lang, (name: string) => string> = {
  en: (n) =>
    `Since the post went up, ${n} has received threatening messages and a stranger came to their front door. They live alone and have had to stay with family.`,
  de: (n) =>
    `Seit der Veröffentlichung erhält ${n} Drohnachrichten, und ein Unbekannter stand vor ihrer Wohnungstür. Sie lebt allein und musste vorübergehend bei Angehörigen wohnen.`,
  fr: (n) =>
    `Depuis la publication, ${n} reçoit des messages de menace et un inconnu s'est présenté à sa porte. Elle vit seule et a dû s'installer temporairement chez des proches.`,
  nl: (n) =>
    `Sinds de publicatie ontvangt ${n} dreigberichten en stond er een onbekende voor haar deur. Zij woont alleen en moest tijdelijk bij familie intrekken.`,
  ko: (n) =>
    `게시물이 올라온 뒤 ${n} 님은 협박 메시지를 받았고, 모르는 사람이 ${n} 님의 집 앞까지 찾아왔습니다. ${n} 님은 혼자 살고 있어 가족 집에 임시로 머물고 있습니다.`,
};

/** Where the requester found the page, in the letter's language (a fragment inside the letter's own words). */
const FOUND_ON: Record<Lang, (name: string) => string> = {
  en: (n) => `a web search for the name ${n}`,
  de: (n) => `eine Websuche nach dem Namen ${n}`,
  fr: (n) => `une recherche web sur le nom ${n}`,
  nl: (n) => `een zoekopdracht op de naam ${n}`,
  ko: (n) => `'${n}' 이름 검색`,
};

/** A resident outside the EU and outside every law the app names (broker opt-outs, platform reports). */
export const NON_EU_RESIDENT: LetterVariablesInput["requester"] = {
  name: "Dana Whitfield",
  email: "dana.whitfield@example.com",
  phone: null,
  postalAddress: null,
  country: "the United States",
};

function regionFor(lang: Lang, regime: Regime): Region {
  if (lang === "ko" || regime === "kr-pipa" || regime === "kr-icna") return "kr";
  if (lang === "de" || lang === "fr" || lang === "nl") return lang;
  if (regime === "uk-gdpr") return "uk";
  if (regime === "ccpa" || regime === "us-state" || regime === "dmca") return "us";
  return "ie";
}

const RULE_OF: Partial<Record<Regime, DeadlineRule>> = {
  gdpr: "gdpr-month",
  "uk-gdpr": "uk-gdpr-month",
  ccpa: "ccpa-45",
  "us-state": "us-state-45",
  "kr-pipa": "kr-pipa-10",
  "kr-icna": "kr-icna-30",
  dmca: "dmca",
  dsa: "dsa-notice",
  platform: "platform-sla",
  none: "platform-sla",
};

/** A complete set of variables for one letter, before per-kind additions. */
function base(lang: Lang, regime: Regime, withRepresentative: boolean): LetterVariablesInput {
  const region = regionFor(lang, regime);
  const people = PEOPLE[region];
  const rule = RULE_OF[regime] ?? "gdpr-month";
  const labels = (...cats: Parameters<typeof exposureLabel>[0][]) => cats.map((c) => exposureLabel(c, lang));
  return {
    date: EXAMPLE_DATE,
    dueDate: DUE[rule],
    dueRule: ruleInWords(rule, lang),
    extendedDue: EXTENDED[rule] ?? null,
    reference: "RX-7KQ2-M9",
    regime,
    requester: people.requester,
    representative: withRepresentative ? people.representative : null,
    recipient: {
      name: "FindPeopleFast",
      legalEntity: region === "kr" ? "주식회사 파인드피플" : "FindPeopleFast Ltd",
      address: region === "kr" ? "서울특별시 강남구 테헤란로 1" : "1 Example Quay, Dublin 1, Ireland",
      email: "privacy@findpeoplefast.example",
      channelLabel: "privacy@findpeoplefast.example",
      url: null,
      country: region === "kr" ? "KR" : "IE",
    },
    exposures: [
      {
        url: "https://findpeoplefast.example/profile/8f3a2c",
        exposedLabels: labels("home-address", "phone", "family"),
        foundOn: FOUND_ON[lang](people.requester.name),
        postId: null,
        reason: null,
      },
      {
        url: "https://paste.example/raw/Qx7Lm2",
        exposedLabels: labels("home-address", "photo"),
        foundOn: null,
        postId: "4417",
        reason: null,
      },
    ],
    identifiers: region === "kr" ? ["@jihyun_k"] : ["@user_4471", "+00 555 0142"],
    authority: authorityFor(regime, lang, people),
    particularSituation: withRepresentative
      ? SITUATION_REPRESENTED[lang](people.requester.name)
      : SITUATION[lang],
  };
}

/** The Digital Services Coordinator of the example person's country (DSA Art 53), named as the data names it. */
const DSC: Record<Lang, string> = {
  en: "Coimisiún na Meán, the Digital Services Coordinator for Ireland",
  de: "Bundesnetzagentur",
  fr: "Arcom",
  nl: "Autoriteit Consument & Markt",
  ko: "Coimisiún na Meán, the Digital Services Coordinator for Ireland",
};

function authorityFor(regime: Regime, lang: Lang, people: People): LetterVariablesInput["authority"] {
  switch (regime) {
    case "dsa":
    case "platform":
      return { name: DSC[lang] };
    case "us-state":
      return { name: "the Office of the Attorney General of Virginia" };
    case "kr-pipa":
      return {
        name:
          lang === "ko"
            ? "개인정보보호위원회(개인정보침해 신고센터)"
            : "the Personal Information Protection Commission",
      };
    case "kr-icna":
      return { name: lang === "ko" ? "방송통신심의위원회" : "the Korea Communications Standards Commission" };
    default:
      return people.authority;
  }
}

function kindVariables(kind: Kind, lang: Lang, regime: Regime, rep: boolean): LetterVariablesInput {
  const v = base(lang, regime, rep);
  const region = regionFor(lang, regime);
  switch (kind) {
    case "gdpr-erasure":
    case "gdpr-access":
      return v;
    case "search-delisting":
      return {
        ...v,
        recipient: {
          name: "Google Search",
          legalEntity: "Google LLC",
          channelLabel: "personal information removal request form",
          url: "https://support.google.com/legal/answer/3110420",
          country: "US",
        },
        searchTerms: [v.requester.name, `${v.requester.name} address`],
        exposures: v.exposures!.map((e, i) => ({
          ...e,
          reason:
            i === 0
              ? `A people-search page listing ${rep ? "their" : "my"} current home address and phone number; it serves no purpose but to locate ${rep ? "them" : "me"}.`
              : `A paste published to harass ${rep ? "them" : "me"}, with ${rep ? "their" : "my"} address and a photo of ${rep ? "their" : "my"} front door; no public interest in it.`,
        })),
      };
    case "ccpa-deletion":
      return {
        ...v,
        authority: PEOPLE.us.authority,
        recipient: {
          name: "PeopleLookup",
          legalEntity: "PeopleLookup Data, Inc.",
          address: "100 Broker Way, Sacramento, CA 95814",
          channelLabel: "privacy@peoplelookup.example",
          email: "privacy@peoplelookup.example",
          country: "US",
        },
      };
    case "us-state-deletion":
      return {
        ...v,
        requester: { ...PEOPLE.us.requester, postalAddress: "PO Box 1200, Richmond, VA 23218" },
        stateLaw: {
          state: "Virginia",
          name: "Virginia Consumer Data Protection Act",
          citation: "Va. Code § 59.1-577",
          authority: "Attorney General of Virginia",
        },
      };
    case "kr-pipa-deletion":
    case "kr-icna-deletion":
      return v;
    case "dmca-takedown":
      return {
        ...v,
        recipient: {
          name: "ImageDump",
          legalEntity: "ImageDump Hosting LLC",
          address: "PO Box 300, Wilmington, DE 19801",
          channelLabel: "designated agent dmca@imagedump.example",
          email: "dmca@imagedump.example",
          country: "US",
        },
        works: [
          {
            title: "Front porch, June 2025",
            description: "a photograph I took of my own house with my phone",
            originalUrl: null,
            createdOn: "2025-06-14",
          },
          {
            title: "Self-portrait at the lake",
            description: "a photograph I took of myself, posted to my private account",
            originalUrl: "https://photos.example.com/maria/lake",
            createdOn: null,
          },
        ],
      };
    case "dsa-notice":
      return {
        ...v,
        recipient: {
          name: "ChatHub",
          legalEntity: "ChatHub Europe B.V.",
          channelLabel: "illegal content notice form",
          url: "https://chathub.example/dsa-notice",
          country: "NL",
        },
        illegalityExplanation: `The post was made to incite people to visit ${rep ? `${v.requester.name}'s` : "my"} home; under Irish law, publishing someone's home address to harass them is an offence (Harassment, Harmful Communications and Related Offences Act 2020).`,
      };
    case "platform-report":
      return v;
    case "broker-optout":
      return {
        ...v,
        // No named law: a resident of Texas, outside the EU and outside the state laws the app names.
        ...(regime === "none" ? { requester: NON_EU_RESIDENT, exposures: v.exposures, identifiers: [] } : {}),
        authority: regime === "none" ? null : v.authority,
        optOut: {
          url: "https://findpeoplefast.example/opt-out",
          steps: [
            "Search for the listing by name and city",
            "Click 'Remove this record'",
            "Confirm the link sent by email",
          ],
          parent: "PeopleData Holdings Inc.",
        },
        stateLaw:
          regime === "us-state"
            ? {
                state: "Colorado",
                name: "Colorado Privacy Act",
                citation: "Colo. Rev. Stat. § 6-1-1306",
                authority: "Colorado Attorney General",
              }
            : null,
      };
    case "follow-up":
      return {
        ...v,
        date: "2027-01-05",
        previousLetter: {
          date: EXAMPLE_DATE,
          reference: "RX-3HV8-P2",
          channelLabel:
            lang === "en" ? "email to privacy@findpeoplefast.example" : "privacy@findpeoplefast.example",
        },
        reference: "RX-9WD4-K7",
        finalDate: "2027-01-19",
        // What the app names for these regimes when it knows no better: a data-protection authority, which the
        // DMCA and platform follow-ups must not name (they have no regulator; the DSA route is the DSC's).
        authority: regime === "dmca" || regime === "platform" ? PEOPLE.ie.authority : v.authority,
      };
    case "regulator-complaint": {
      const right =
        regime === "ccpa"
          ? "ccpa-deletion"
          : regime === "us-state"
            ? "us-state-deletion"
            : regime === "kr-pipa"
              ? "kr-pipa-deletion"
              : regime === "kr-icna"
                ? "kr-icna-deletion"
                : regime === "dsa"
                  ? "dsa-notice"
                  : "erasure";
      const authorityName = v.authority?.name ?? "";
      const evidence: Record<Lang, string[]> = {
        en: [
          "Letter of 23 November 2026 (RX-3HV8-P2)",
          "Reminder of 5 January 2027 (RX-9WD4-K7)",
          "Screenshots of the pages, 22 November 2026",
        ],
        de: [
          "Schreiben vom 23. November 2026 (RX-3HV8-P2)",
          "Erinnerung vom 5. Januar 2027 (RX-9WD4-K7)",
          "Bildschirmfotos der Seiten vom 22. November 2026",
        ],
        fr: [
          "Courrier du 23 novembre 2026 (RX-3HV8-P2)",
          "Relance du 5 janvier 2027 (RX-9WD4-K7)",
          "Captures d'écran des pages du 22 novembre 2026",
        ],
        nl: [
          "Brief van 23 november 2026 (RX-3HV8-P2)",
          "Herinnering van 5 januari 2027 (RX-9WD4-K7)",
          "Schermafbeeldingen van de pagina's van 22 november 2026",
        ],
        ko: [
          "2026년 11월 23일 삭제 요구서 (RX-3HV8-P2)",
          "2027년 1월 5일 재요청서 (RX-9WD4-K7)",
          "화면 캡처",
        ],
      };
      return {
        ...v,
        date: "2027-01-25",
        reference: "RX-C5TN-2B",
        dueDate: null,
        dueRule: null,
        recipient: {
          name: v.authority?.shortName ?? null,
          legalEntity: authorityName.replace(/^(the|der|la|de) /, ""),
          channelLabel: lang === "en" ? "online complaint form" : "complaints@authority.example",
          address: "1 Authority Square\n1000 Example City",
          email: "complaints@authority.example",
          url: "https://authority.example/complaint",
          country: null,
        },
        respondent: {
          name: "FindPeopleFast",
          legalEntity: region === "kr" ? "주식회사 파인드피플" : "FindPeopleFast Ltd",
          address: "1 Example Quay, Dublin 1, Ireland",
          email: "privacy@findpeoplefast.example",
          channelLabel: "privacy@findpeoplefast.example",
        },
        rightsExercised: [
          { right, date: EXAMPLE_DATE, reference: "RX-3HV8-P2" },
          ...(isGdprRegime(regime)
            ? [{ right: "objection" as const, date: EXAMPLE_DATE, reference: "RX-3HV8-P2" }]
            : []),
        ],
        timeline: [
          { date: EXAMPLE_DATE, event: lang === "en" ? "request sent by email" : "—" },
          { date: "2027-01-05", event: lang === "en" ? "reminder sent, final date 19 January 2027" : "—" },
        ],
        responseSummary: rep
          ? null
          : lang === "en"
            ? "An automated reply on 24 November 2026; nothing since."
            : null,
        evidence: evidence[lang],
      };
    }
    case "mandate":
      return {
        ...v,
        // The organisation's mandate carries no home address (it is enclosed with every letter).
        requester: rep ? { ...v.requester, postalAddress: null } : v.requester,
        recipient: null,
        mandate: {
          requests: [
            `erasure request and objection to ${v.recipient?.legalEntity ?? "FindPeopleFast Ltd"}`,
            "delisting request to Google LLC",
            "reports to X and Telegram, and their follow-ups",
          ],
          validUntil: rep ? "2027-11-23" : null,
        },
      };
  }
}

function isGdprRegime(regime: Regime): boolean {
  return regime === "gdpr" || regime === "uk-gdpr";
}

/** The regimes fixtures are written for: the kind's (the registry's), but one for the mandate, whose wording
 * does not change with the law. */
const fixtureRegimes = (kind: Kind): readonly Regime[] =>
  kind === "mandate" ? ["gdpr"] : KINDS[kind].regimes;

/**
 * Examples for one template: for each regime it serves (of `regimes`, default all the kind's),
 * one letter sent by the requester and one by a representative; platform reports once per platform.
 */
export function examplesFor(kind: Kind, lang: Lang, regimes?: readonly Regime[]): Example[] {
  const out: Example[] = [];
  for (const regime of fixtureRegimes(kind).filter((r) => !regimes || regimes.includes(r))) {
    for (const rep of [false, true]) {
      const who = kind === "mandate" ? (rep ? "organisation" : "open-ended") : rep ? "represented" : "self";
      const variables = kindVariables(kind, lang, regime, kind === "mandate" ? true : rep);
      if (kind === "platform-report") {
        for (const platform of PLATFORMS) out.push(platformExample(variables, platform, who));
        // A platform without a variant of its own (a Korean portal, a forum): the general wording.
        out.push({
          name: `general/${who}`,
          variables: {
            ...variables,
            platform: null,
            recipient: {
              name: "Naver Blog",
              legalEntity: "NAVER Corporation",
              channelLabel: "its privacy infringement report form",
              url: "https://help.naver.com/",
            },
          },
        });
        // A resident outside the EU: no DSA route is offered, no authority named.
        if (!rep) {
          const outside = { ...variables, requester: NON_EU_RESIDENT, authority: null };
          for (const platform of PLATFORMS) out.push(platformExample(outside, platform, "non-eu"));
        }
      } else {
        out.push({ name: `${regime}/${who}`, variables });
      }
    }
  }
  return out;
}

const PLATFORM_RECIPIENT: Record<
  Platform,
  { legalEntity: string; channelLabel: string; url: string | null }
> = {
  telegram: { legalEntity: "Telegram Messenger Inc.", channelLabel: "abuse@telegram.org", url: null },
  x: {
    legalEntity: "X Corp.",
    channelLabel: "private information report form",
    url: "https://help.x.com/forms/private_information",
  },
  meta: {
    legalEntity: "Meta Platforms Ireland Ltd.",
    channelLabel: "privacy violation report form",
    url: "https://www.facebook.com/help/contact/144059062408922",
  },
  "google-search": {
    legalEntity: "Google LLC",
    channelLabel: "personal information removal form",
    url: "https://support.google.com/websearch/answer/12719076",
  },
  youtube: {
    legalEntity: "Google LLC (YouTube)",
    channelLabel: "privacy complaint form",
    url: "https://support.google.com/youtube/answer/142443",
  },
  reddit: {
    legalEntity: "Reddit, Inc.",
    channelLabel: "reddit.com/report",
    url: "https://www.reddit.com/report",
  },
  pastebin: { legalEntity: "Pastebin.com", channelLabel: "report abuse on the paste", url: null },
  discord: { legalEntity: "Discord Inc.", channelLabel: "dis.gd/request", url: "https://dis.gd/request" },
  tiktok: {
    legalEntity: "TikTok Technology Limited",
    channelLabel: "privacy report form",
    url: "https://www.tiktok.com/legal/report/privacy",
  },
};

const PLATFORM_NAME: Record<Platform, string> = {
  telegram: "Telegram",
  x: "X",
  meta: "Instagram",
  "google-search": "Google Search",
  youtube: "YouTube",
  reddit: "Reddit",
  pastebin: "Pastebin",
  discord: "Discord",
  tiktok: "TikTok",
};

function platformExample(v: LetterVariablesInput, platform: Platform, who: string): Example {
  const r = PLATFORM_RECIPIENT[platform];
  return {
    name: `${platform}/${who}`,
    variables: {
      ...v,
      platform,
      dueDate: platform === "youtube" ? "2026-11-26" : v.dueDate,
      dueRule:
        platform === "youtube"
          ? "3 days: YouTube gives the uploader 48 hours to act on a privacy complaint"
          : v.dueRule,
      recipient: {
        name: PLATFORM_NAME[platform],
        legalEntity: r.legalEntity,
        channelLabel: r.channelLabel,
        url: r.url,
      },
    },
  };
}
