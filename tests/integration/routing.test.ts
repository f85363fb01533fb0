// Right law, right entity: for residents of BE, DE, KR, US-CA and US-VA, every letter the composer
// offers at Telegram, X, Meta, Google Search, Naver and a data broker is one whose law applies, is written to
// the right legal entity, and passes its checklist; a GDPR letter goes to a privacy channel, not an abuse one.
// Also the subject's region: stored encrypted, its read logged, checked against the country in the form.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, subjects } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure, listExposures } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { defaultAuthority, recipientGroups } from "~/requests/compose/compose.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { LetterVariables } from "~/requests/compose/variables.server";
import { runChecklist } from "~/requests/render/checklist";
import { getLetter, letterProblems, writeLetter } from "~/requests/store.server";
import * as subjectRoute from "~/routes/subjects.$subjectId";
import { createSubject, getSubject, getSubjectResidence } from "~/subjects/subjects.server";
import { call, newAccount, post } from "./helpers";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;

const URLS = {
  telegram: "https://t.me/leakchannel/12",
  x: "https://x.com/someone/status/1790000000000000000",
  meta: "https://www.facebook.com/profile.php?id=100000000000001",
  google: "https://www.google.com/search?q=sam+client",
  naver: "https://blog.naver.com/someone/223456789012",
  broker: "https://nuwber.com/person/abc123",
} as const;
type Where = keyof typeof URLS;
const RECIPIENT: Record<Where, string> = {
  telegram: "curated:telegram",
  x: "curated:x",
  meta: "curated:facebook",
  google: "curated:google",
  naver: "curated:naver",
  broker: "data-brokers:nuwber",
};
const RESIDENTS = {
  BE: { country: "BE", region: "" },
  DE: { country: "DE", region: "BE" },
  KR: { country: "KR", region: "" },
  "US-CA": { country: "US", region: "CA" },
  "US-VA": { country: "US", region: "VA" },
} as const;
type Who = keyof typeof RESIDENTS;

const EU = ["gdpr-erasure/gdpr", "dsa-notice/dsa", "platform-report/platform"];
const KOREAN = ["kr-pipa-deletion/kr-pipa", "kr-icna-deletion/kr-icna", "platform-report/platform"];
const OFFERED: Record<Who, Record<Where, string[]>> = {
  BE: {
    telegram: EU,
    x: EU,
    meta: EU,
    google: ["search-delisting/gdpr", ...EU],
    naver: KOREAN,
    broker: ["broker-optout/none"],
  },
  DE: {
    telegram: EU,
    x: EU,
    meta: EU,
    google: ["search-delisting/gdpr", ...EU],
    naver: KOREAN,
    broker: ["broker-optout/none"],
  },
  KR: {
    telegram: KOREAN,
    x: KOREAN,
    meta: KOREAN,
    google: KOREAN,
    naver: KOREAN,
    broker: ["broker-optout/none"],
  },
  "US-CA": {
    telegram: ["ccpa-deletion/ccpa", "platform-report/platform"],
    x: ["ccpa-deletion/ccpa", "platform-report/platform"],
    meta: ["ccpa-deletion/ccpa", "platform-report/platform"],
    google: ["ccpa-deletion/ccpa", "platform-report/platform"],
    naver: KOREAN,
    broker: ["ccpa-deletion/ccpa", "broker-optout/ccpa"],
  },
  "US-VA": {
    telegram: ["us-state-deletion/us-state", "platform-report/platform"],
    x: ["us-state-deletion/us-state", "platform-report/platform"],
    meta: ["us-state-deletion/us-state", "platform-report/platform"],
    google: ["us-state-deletion/us-state", "platform-report/platform"],
    naver: KOREAN,
    broker: ["us-state-deletion/us-state", "broker-optout/none"],
  },
};

/** The legal entity a letter of `regime` to `where` must name. */
function entity(where: Where, regime: string): string | RegExp {
  const eea = regime === "gdpr" || regime === "dsa";
  switch (where) {
    case "telegram":
      return "Telegram FZ-LLC";
    case "x":
      return eea ? "Twitter International Unlimited Company" : "X Corp.";
    case "meta":
      return eea ? "Meta Platforms Ireland Limited" : "Meta Platforms, Inc.";
    case "google":
      return eea ? "Google Ireland Limited" : "Google LLC";
    case "naver":
      return "NAVER Corporation (네이버 주식회사)";
    case "broker":
      return /\S/;
  }
}

const cases = new Map<Who, { caseId: string; subjectId: string }>();

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Casey Worker");
  for (const [who, r] of Object.entries(RESIDENTS) as [Who, (typeof RESIDENTS)[Who]][]) {
    const subjectId = createSubject(owner.scope, {
      name: `Sam ${who}`,
      aliases: [],
      emails: ["sam@example.test"],
      phones: [],
      addresses: [],
      usernames: [],
      country: r.country,
      region: r.region,
      notes: "",
    });
    const caseId = createCase(owner.scope, { subjectId, title: "Posts" });
    for (const u of Object.values(URLS)) {
      const n = normaliseUrl(u);
      if (!n.ok) throw new Error(u);
      createExposure(owner.scope, caseId, {
        url: n.value,
        exposed: ["home_address"],
        callsForHarm: false,
        foundOn: "2026-11-01",
        severityOverride: null,
        status: "active",
        notes: "",
      });
    }
    cases.set(who, { caseId, subjectId });
  }
});

const TABLE = (Object.keys(RESIDENTS) as Who[]).flatMap((who) =>
  (Object.keys(URLS) as Where[]).map((where) => ({ who, where })),
);

describe("the composer's letters, by where the person lives and where the recipient is", () => {
  it.each(TABLE)("$who at $where", ({ who, where }) => {
    const { caseId, subjectId } = cases.get(who)!;
    const residence = getSubjectResidence(owner.scope, subjectId)!;
    const exposures = listExposures(owner.scope, caseId);
    const groups = recipientGroups(owner.workspaceId, exposures, {
      residence: residence.country,
      region: residence.region,
    });
    const group = groups.find((g) => g.recipientId === RECIPIENT[where])!;
    expect(group, `a group for ${where}`).toBeDefined();
    expect(group.options.map((o) => o.value)).toEqual(OFFERED[who][where]);

    for (const option of group.options) {
      const d = LetterDetailsSchema.parse({
        exposureIds: group.exposures.map((e) => e.id),
        option: option.value,
        lang: "en",
        destination: option.destinations[0]!.value,
        requesterName: `Sam ${who}`,
        requesterEmail: "sam@example.test",
        requesterCountry: residence.country,
        particularSituation: "People have come to my door since the address was posted.",
        illegalityExplanation: "The post publishes my home address with a call to visit me.",
        searchTerms: `Sam ${who}`,
        delistingReason: "It shows my home address to anyone searching my name.",
        authorityName: "the authority named for this law",
        stateLaw: residence.region === "VA" ? "VA" : "",
      });
      const letter = getLetter(owner.scope, caseId, writeLetter(owner.scope, caseId, d));
      const named = letter.variables.recipient?.legalEntity ?? "";
      const want = entity(where, option.regime);
      if (typeof want === "string") expect(named, `${option.value}`).toBe(want);
      else expect(named).toMatch(want);
      // Every letter offered can be sent as written (a platform without its own variant, like Naver, gets
      // the report's general wording).
      expect(letterProblems(letter), option.value).toEqual({ missing: [], markers: [] });
      // States nothing false: every check of its kind passes, the negative ("must not say") checks included.
      const checked = runChecklist({
        kind: option.kind,
        lang: "en",
        subject: letter.subject,
        body: letter.body,
        variables: LetterVariables.parse(letter.variables),
      });
      expect(
        checked.checks.filter((c) => c.status === "fail").map((c) => `${c.id}: ${c.detail}`),
        option.value,
      ).toEqual([]);
      // A law not offered is not named either: no EU law in a letter to someone it does not protect.
      if (who !== "BE" && who !== "DE")
        expect(letter.body).not.toMatch(/GDPR|Regulation \(EU\)|Art(icle)? 77/);
      // The escalation authority the form proposes is a real body for that law and that person.
      const authority = defaultAuthority(option.regime, residence.country, residence.region);
      const AUTHORITY: Partial<Record<string, RegExp>> = {
        "us-state": /^the Attorney General of Virginia$/,
        ccpa: /California Privacy Protection Agency/,
        "kr-pipa": /Personal Information Protection Commission/,
        "kr-icna": /Korea Communications Standards Commission/,
        dsa: /Digital Services|BIPT|Bundesnetzagentur/,
      };
      const wantAuthority = AUTHORITY[option.regime];
      if (wantAuthority) expect(authority, option.value).toMatch(wantAuthority);
      if (option.regime === "gdpr") expect(authority).not.toMatch(/California|Korea|Attorney General/);
      if (option.kind === "us-state-deletion") {
        expect(letter.body).toContain("Virginia Consumer Data Protection Act");
        expect(letter.body).toContain("Attorney General of Virginia");
      }
    }
  });
});

function normaliseUrlOrThrow(u: string) {
  const n = normaliseUrl(u);
  if (!n.ok) throw new Error(u);
  return n.value;
}

describe("where a letter goes", () => {
  it("a GDPR letter to Reddit goes to its privacy channel and its EEA entity; a report goes to the abuse form", () => {
    const { caseId } = cases.get("BE")!;
    const n = normaliseUrlOrThrow("https://www.reddit.com/r/example/comments/abc123/post/");
    createExposure(owner.scope, caseId, {
      url: n,
      exposed: ["home_address"],
      callsForHarm: false,
      foundOn: "2026-11-01",
      severityOverride: null,
      status: "active",
      notes: "",
    });
    const groups = recipientGroups(owner.workspaceId, listExposures(owner.scope, caseId), {
      residence: "BE",
      region: null,
    });
    const reddit = groups.find((g) => g.recipientId === "curated:reddit")!;
    const gdpr = reddit.options.find((o) => o.kind === "gdpr-erasure")!;
    expect(gdpr.destinations[0]!.value).toBe("email|redditdatarequests@reddit.com");
    expect(gdpr.destinations.map((d) => d.value)).not.toContain("webform|https://www.reddit.com/report");
    expect(gdpr.destinations.at(-1)!.value).toMatch(/^pdf\|Reddit Netherlands B\.V\./);
    const report = reddit.options.find((o) => o.kind === "platform-report")!;
    expect(report.destinations[0]!.value).toBe("webform|https://www.reddit.com/report");
  });
});

describe("the authority a US state letter names", () => {
  it("is the person's own state's Attorney General, never California's agency for another state", () => {
    expect(defaultAuthority("us-state", "US", "VA")).toBe("the Attorney General of Virginia");
    expect(defaultAuthority("us-state", "US", "TX")).toBe("the Texas Attorney General");
    expect(defaultAuthority("us-state", "US", null)).not.toMatch(/California|CPPA/);
    expect(defaultAuthority("ccpa", "US", "CA")).toMatch(/California Privacy Protection Agency/);
  });
});

describe("the subject's region", () => {
  it("is stored encrypted, read with a logged read, and checked against the country", async () => {
    const { subjectId } = cases.get("US-VA")!;
    const raw = getDb()
      .select({ r: subjects.regionEnc })
      .from(subjects)
      .where(eq(subjects.id, subjectId))
      .get();
    // Ciphertext (versioned, keyed), never the plain state code.
    expect(raw?.r?.token).toMatch(/^v1\.k\d+\./);
    expect(raw?.r?.token).not.toBe("VA");
    expect(getSubjectResidence(owner.scope, subjectId)).toEqual({ country: "US", region: "VA" });
    const reads = getDb()
      .select({ detail: auditEvents.detail })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "subject.read"), eq(auditEvents.targetId, subjectId)))
      .all();
    expect(reads.some((r) => (r.detail as { fields?: string } | null)?.fields === "country,region")).toBe(
      true,
    );

    // The form sends "US-CO"; a state of another country than the one chosen is refused with a message.
    const form = { name: "Sam US-VA", emails: "sam@example.test", country: "US", region: "US-CO" };
    const ok = (await call(subjectRoute.action, post(`/subjects/${subjectId}`, form, owner.cookie), {
      subjectId,
    })) as Response;
    expect(ok.status).toBe(302);
    expect(getSubject(owner.scope, subjectId).region).toBe("CO");
    const bad = (await call(
      subjectRoute.action,
      post(`/subjects/${subjectId}`, { ...form, country: "DE" }, owner.cookie),
      { subjectId },
    )) as Response;
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("not in the country chosen");
    expect(getSubject(owner.scope, subjectId).country).toBe("US");
    // Put Virginia back for the other tests.
    await call(
      subjectRoute.action,
      post(`/subjects/${subjectId}`, { ...form, region: "US-VA" }, owner.cookie),
      {
        subjectId,
      },
    );
    expect(getSubject(owner.scope, subjectId).region).toBe("VA");
  });
});

describe("a data-protection request never goes to an abuse desk that has a postal route beside it", () => {
  it("Telegram: the GDPR letter goes by its support form or by post, the report to abuse@; channels in words", () => {
    const { caseId } = cases.get("BE")!;
    const groups = recipientGroups(owner.workspaceId, listExposures(owner.scope, caseId), {
      residence: "BE",
      region: null,
    });
    const telegram = groups.find((g) => g.recipientId === RECIPIENT.telegram)!;
    const gdpr = telegram.options.find((o) => o.kind === "gdpr-erasure")!;
    expect(gdpr.destinations.map((d) => d.value)).not.toContain("email|abuse@telegram.org");
    expect(gdpr.destinations.some((d) => d.channel === "pdf" && d.value.includes("Shelton Street"))).toBe(
      true,
    );
    const report = telegram.options.find((o) => o.kind === "platform-report")!;
    expect(report.destinations[0]?.value).toBe("email|abuse@telegram.org");
    for (const d of telegram.destinations) expect(d.label).not.toMatch(/\((abuse|privacy|general|dsa)\)/);
  });
});
