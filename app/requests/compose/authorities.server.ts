// The authorities a complaint goes to, as directory records: the data-protection authority of the person's
// country (in Germany: of their Land), the ICO, the CPPA, a US state's Attorney General, PIPC / KISA, KCSC, or
// the Digital Services Coordinator (DSA Art 53). docs/legal.md §2 "Regulator complaint". The letter names the
// record's legal entity, postal and email address and complaint form; the language is one the authority takes.
import { and, eq, isNull } from "drizzle-orm";
import { recipients } from "#db/schema";
import { getDb } from "~/db.server";
import { getRecipient, type RecipientDetail } from "~/recipients/directory.server";
import { EEA_COUNTRIES } from "~/recipients/regimes";
import { langName } from "~/requests/languages";
import { listTemplates } from "~/requests/render/templates.server";
import { STATE_LAWS } from "./state-laws";
import type { Lang, Regime } from "./variables";

export type ComplaintAuthority = {
  /** The directory record's id, or `us-ag:<state>` for a state Attorney General the directory lacks. */
  id: string;
  /** What the page and the case list show. */
  name: string;
  legalEntity: string;
  /** A short name the legal entity does not already carry ("APD/GBA", "BlnBDI"). */
  shortName: string | null;
  address: string | null;
  email: string | null;
  formUrl: string | null;
  /** Whether the id is a directory record (the complaint's recipient) or a name only. */
  inDirectory: boolean;
  /** Languages the authority takes complaints in, where known (ISO 639-1). */
  accepts: string[];
  /** The German Land it supervises, where it is a Land authority. */
  land: string | null;
  /** Church and broadcasting DPOs and authorities for public bodies: shown only when asked for. */
  onRequest: boolean;
};

/** German Länder (ISO 3166-2:DE without the prefix) and the authority for private companies there. */
export const LANDER: Record<string, { name: string; authority: string }> = {
  BW: { name: "Baden-Württemberg", authority: "datenanfragen:sa.debawueldb" },
  BY: { name: "Bavaria", authority: "datenanfragen:sa.debaylda" },
  BE: { name: "Berlin", authority: "datenanfragen:sa.deberlbdi" },
  BB: { name: "Brandenburg", authority: "datenanfragen:sa.debralda" },
  HB: { name: "Bremen", authority: "datenanfragen:sa.debrelfdi" },
  HH: { name: "Hamburg", authority: "datenanfragen:sa.dehmbbfdi" },
  HE: { name: "Hesse", authority: "datenanfragen:sa.dehessbdi" },
  MV: { name: "Mecklenburg-Western Pomerania", authority: "datenanfragen:sa.demvldi" },
  NI: { name: "Lower Saxony", authority: "datenanfragen:sa.dendslfd" },
  NW: { name: "North Rhine-Westphalia", authority: "datenanfragen:sa.denrwldi" },
  RP: { name: "Rhineland-Palatinate", authority: "datenanfragen:sa.derlpbdi" },
  SL: { name: "Saarland", authority: "datenanfragen:sa.desaarudz" },
  SN: { name: "Saxony", authority: "datenanfragen:sa.desaechsdsb" },
  ST: { name: "Saxony-Anhalt", authority: "datenanfragen:sa.desalbd" },
  SH: { name: "Schleswig-Holstein", authority: "datenanfragen:sa.deshuld" },
  TH: { name: "Thuringia", authority: "datenanfragen:sa.detlfdi" },
};

/** Church and broadcasting DPOs, and the Bavarian authority for public bodies: only on request. */
const ON_REQUEST = /^datenanfragen:sa\.de(ekdbfd|kath|rf|bayldb)/;

/** Short names the directory's names lack. */
const SHORT_NAMES: Record<string, string> = {
  "datenanfragen:sa.beapd": "APD/GBA",
  "datenanfragen:sa.deberlbdi": "BlnBDI",
  "datenanfragen:sa.debfdi": "BfDI",
  "datenanfragen:sa.dehmbbfdi": "HmbBfDI",
  "datenanfragen:sa.dehessbdi": "HBDI",
};

/**
 * Languages an authority takes complaints in where the directory records none or only one of several
 * (docs/legal.md §2: Belgium APD/GBA in French, Dutch or German). The rest come from the record.
 */
const ACCEPTS: Record<string, string[]> = {
  "datenanfragen:sa.beapd": ["fr", "nl", "de"],
  "curated:ico": ["en"],
  "curated:cppa": ["en"],
  "curated:ca-ag": ["en"],
};

/** The directory records each regime complains to, beyond the data-protection authorities. */
const BY_REGIME: Partial<Record<Regime, string[]>> = {
  "uk-gdpr": ["curated:ico"],
  ccpa: ["curated:cppa", "curated:ca-ag"],
  "kr-pipa": ["curated:kr-pipc", "curated:kr-kisa"],
  "kr-icna": ["curated:kr-kcsc"],
};

function detail(workspaceId: string, id: string): RecipientDetail | null {
  const r = getRecipient({ workspaceId }, id);
  return r && !r.retired && r.effective.kind === "regulator" ? r : null;
}

function landOf(id: string): string | null {
  return Object.entries(LANDER).find(([, l]) => l.authority === id)?.[0] ?? null;
}

/** A directory record as a complaint authority (its workspace correction applied). */
function fromRecord(r: RecipientDetail): ComplaintAuthority {
  const e = r.effective;
  const legalEntity = e.legalEntity ?? e.name;
  const short = SHORT_NAMES[r.id] ?? null;
  const shortName = short && !legalEntity.includes(short) ? short : null;
  const channel = (kind: string) => e.channels.find((c) => c.kind === kind)?.address ?? null;
  const recorded = r.extra?.["complaint-language"] ?? r.extra?.complaintLanguage;
  return {
    id: r.id,
    name: shortName
      ? `${legalEntity} (${shortName})`
      : e.legalEntity && e.name.includes(e.legalEntity)
        ? e.name
        : legalEntity,
    legalEntity,
    shortName,
    address: channel("postal") ?? e.address,
    email: channel("email"),
    formUrl: channel("webform"),
    inDirectory: true,
    accepts: ACCEPTS[r.id] ?? (typeof recorded === "string" && recorded ? [recorded] : []),
    land: landOf(r.id),
    onRequest: ON_REQUEST.test(r.id),
  };
}

/** A state's Attorney General, by name only (the directory holds California's alone). */
function attorneyGeneral(state: string): ComplaintAuthority | null {
  const law = STATE_LAWS[state as keyof typeof STATE_LAWS];
  if (!law) return null;
  // The state laws table may name the enforcing officer (`authority`); else the office's usual name.
  const named = (law as { authority?: unknown }).authority;
  const name = typeof named === "string" && named ? named : `Attorney General of ${law.state}`;
  return {
    id: `us-ag:${state}`,
    name,
    legalEntity: `Office of the ${name.replace(/^the /i, "")}`,
    shortName: null,
    address: null,
    email: null,
    formUrl: null,
    inDirectory: false,
    accepts: ["en"],
    land: null,
    onRequest: false,
  };
}

/** The data-protection authorities of a country (not its Digital Services Coordinator). */
function dpasOf(workspaceId: string, country: string): ComplaintAuthority[] {
  return getDb()
    .select({ id: recipients.id, countries: recipients.countries })
    .from(recipients)
    .where(
      and(
        eq(recipients.kind, "regulator"),
        eq(recipients.source, "datenanfragen"),
        isNull(recipients.workspaceId),
        isNull(recipients.retiredAt),
      ),
    )
    .all()
    .filter((r) => r.countries.includes(country))
    .flatMap((r) => {
      const d = detail(workspaceId, r.id);
      return d ? [fromRecord(d)] : [];
    });
}

export type AuthorityContext = {
  regime: Regime;
  /** The person's country of residence (ISO 3166-1). */
  residence: string | null;
  /** US state or German Land (ISO 3166-2 without the country prefix), where known. */
  region?: string | null;
  /** The countries of the controller complained about: a GDPR fallback where the residence has no authority. */
  respondentCountries?: readonly string[];
  /** Include church and broadcasting DPOs. */
  all?: boolean;
};

/** The authorities a complaint under `regime` may go to, the one of the person's residence first. */
export function complaintAuthorities(workspaceId: string, c: AuthorityContext): ComplaintAuthority[] {
  let list: ComplaintAuthority[] = [];
  const listed = BY_REGIME[c.regime];
  if (listed)
    list = listed.flatMap((id) => (detail(workspaceId, id) ? [fromRecord(detail(workspaceId, id)!)] : []));
  else if (c.regime === "us-state") {
    // The person's state where known; else every state whose law the letters name, for the person to pick.
    const states = c.region ? [normaliseRegion(c.region)] : Object.keys(STATE_LAWS);
    list = states.flatMap((s) => attorneyGeneral(s) ?? []);
  } else if (c.regime === "dsa") {
    const dsc = c.residence ? detail(workspaceId, `curated:dsc-${c.residence.toLowerCase()}`) : null;
    list = dsc ? [fromRecord(dsc)] : [];
  } else if (c.regime === "gdpr") {
    list = c.residence ? dpasOf(workspaceId, c.residence) : [];
    // Art 77: any supervisory authority; where the residence has none in the directory, the controller's.
    if (!list.length)
      list = (c.respondentCountries ?? [])
        .filter((x) => EEA_COUNTRIES.includes(x))
        .flatMap((x) => dpasOf(workspaceId, x));
  }
  if (!c.all) list = list.filter((a) => !a.onRequest);
  const home = defaultComplaintAuthority(list, c);
  return home ? [home, ...list.filter((a) => a.id !== home.id)] : list;
}

/** "DE-BE", "be", "Berlin" → "BE"; "US-VA" → "VA". */
export function normaliseRegion(region: string): string {
  const r = region.trim();
  const byName = Object.entries(LANDER).find(([, l]) => l.name.toLowerCase() === r.toLowerCase());
  if (byName) return byName[0];
  const byState = Object.entries(STATE_LAWS).find(([, s]) => s.state.toLowerCase() === r.toLowerCase());
  if (byState) return byState[0];
  return r.replace(/^[A-Za-z]{2}-/, "").toUpperCase();
}

/** The authority of the person's residence (their Land in Germany), or null where that needs a choice. */
export function defaultComplaintAuthority(
  list: ComplaintAuthority[],
  c: Pick<AuthorityContext, "residence" | "region">,
): ComplaintAuthority | null {
  if (c.residence === "DE") {
    const land = c.region ? LANDER[normaliseRegion(c.region)] : undefined;
    return (land && list.find((a) => a.id === land.authority)) || null;
  }
  // Several Attorneys General: the person's state is not known, so they pick.
  if (list.length > 1 && list.every((a) => a.id.startsWith("us-ag:"))) return null;
  return list[0] ?? null;
}

/** One authority by id, if it is among those `c` allows. */
export function findComplaintAuthority(
  workspaceId: string,
  c: AuthorityContext,
  id: string,
): ComplaintAuthority | null {
  return complaintAuthorities(workspaceId, { ...c, all: true }).find((a) => a.id === id) ?? null;
}

/** The complaint's languages: those the authority takes that Retract has a letter in. */
export function complaintLangs(a: ComplaintAuthority): { langs: Lang[]; note: string | null } {
  const written = listTemplates()
    .filter((m) => m.id === "regulator-complaint")
    .map((m) => m.lang);
  const fit = written.filter((l) => a.accepts.includes(l));
  if (fit.length) return { langs: fit, note: null };
  if (!a.accepts.length) return { langs: written, note: null };
  return {
    langs: written,
    note: `This authority takes complaints in ${a.accepts.map(langName).join(" or ")}. Retract has no complaint letter in that language yet: write in a language it accepts, or translate the draft before sending.`,
  };
}

/** The language a complaint starts in: the person's, where the authority takes it, else its first. */
export function defaultComplaintLang(langs: readonly Lang[], personal: readonly Lang[]): Lang {
  return personal.find((l) => langs.includes(l)) ?? langs[0] ?? "en";
}

/** Whether the person lives in the EEA (a platform report's escalation is then the DSC). */
export const inEea = (country: string | null) => !!country && EEA_COUNTRIES.includes(country);
