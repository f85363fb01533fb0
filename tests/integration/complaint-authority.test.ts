// A complaint goes to a real authority record (docs/legal.md §2 "Regulator complaint"): its legal entity, postal and
// email address and complaint form from the directory, in a language it takes, with each evidence file's hash.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { addEvidence } from "~/evidence/evidence.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { complaintAuthorities, complaintLangs } from "~/requests/compose/authorities.server";
import { defaultAuthority } from "~/requests/compose/compose.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { complaintOptions, NextLetterError, writeNextLetter } from "~/requests/compose/next-letter.server";
import { LetterVariables } from "~/requests/compose/variables.server";
import { runChecklist } from "~/requests/render/checklist";
import { renderLetterPdf } from "~/requests/render/pdf.server";
import { addNote, getRequest, moveRequest } from "~/requests/requests.server";
import { getLetter, letterProblems, listLetters, sendLetter, writeLetter } from "~/requests/store.server";
import * as requestRoute from "~/routes/cases.$caseId.requests.$letterId";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";

let owner: Awaited<ReturnType<typeof newAccount>>;

async function caseFor(country: string, name: string) {
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name, country, emails: "person@example.test" }),
  );
  const caseId = createCase(owner.scope, { subjectId, title: "Posts" });
  const n = normaliseUrl(`https://t.me/leakchannel/${Math.floor(Math.random() * 1e6)}`);
  if (!n.ok) throw new Error("url");
  const exposureId = createExposure(owner.scope, caseId, {
    url: n.value,
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-09-20",
    severityOverride: null,
    status: "active",
    notes: "",
  });
  return { caseId, exposureId };
}

/** A GDPR erasure request sent on 1 October 2026: its one-month deadline has passed by 10 November. */
function overdueRequest(caseId: string, exposureId: string, name: string) {
  const id = writeLetter(
    owner.scope,
    caseId,
    LetterDetailsSchema.parse({
      exposureIds: [exposureId],
      option: "gdpr-erasure/gdpr",
      lang: "en",
      destination: "pdf|",
      requesterName: name,
      requesterEmail: "person@example.test",
      particularSituation: "Strangers have come to my door since the address was posted.",
      authorityName: "the data protection authority",
    }),
    new Date("2026-10-01T10:00:00Z"),
  );
  sendLetter(owner.scope, caseId, id, new Date("2026-10-01T10:00:00Z"));
  return id;
}

const LATER = new Date("2026-11-10T09:00:00Z");

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Owner");
});

describe("a complaint to the authority of the person's residence", () => {
  it("a Belgian resident's overdue GDPR request: to APD/GBA in French, with the evidence file's SHA-256", async () => {
    const { caseId, exposureId } = await caseFor("BE", "Lucas Peeters");
    const png = await sharp({ create: { width: 12, height: 12, channels: 3, background: "#884422" } })
      .png()
      .toBuffer();
    await addEvidence(owner.scope, exposureId, { filename: "telegram-post.png", bytes: png });
    const hash = createHash("sha256").update(png).digest("hex");
    const first = overdueRequest(caseId, exposureId, "Lucas Peeters");

    // The page offers APD/GBA first and the languages it takes: French, Dutch, German (not English).
    const options = complaintOptions(owner.scope, first);
    expect(options.defaultAuthorityId).toBe("datenanfragen:sa.beapd");
    expect(options.authorities[0]!.name).toContain("APD/GBA");
    expect([...options.authority!.langs].sort()).toEqual(["de", "fr", "nl"]);

    // English is refused for this authority, with a plain message.
    expect(() =>
      writeNextLetter(owner.scope, first, "regulator-complaint", LATER, {
        authorityId: "datenanfragen:sa.beapd",
        lang: "en",
      }),
    ).toThrow(/French, Dutch, German|German, French, Dutch|Dutch|French/);
    expect(getRequest(owner.scope, first).status).toBe("sent");

    const id = writeNextLetter(owner.scope, first, "regulator-complaint", LATER, {
      authorityId: "datenanfragen:sa.beapd",
      lang: "fr",
    });
    const draft = getLetter(owner.scope, caseId, id);
    expect(draft.templateLang).toBe("fr");
    expect(draft.recipientId).toBe("datenanfragen:sa.beapd");
    expect(draft.recipientName).toContain("Autorité de protection des données");
    expect(draft.address).toContain("Drukpersstraat 35");
    // The authority's real entity, postal and email address and complaint form, from the directory.
    expect(draft.body).toContain("Autorité de protection des données de Belgique");
    expect(draft.body).toContain("(APD/GBA)");
    expect(draft.body).toContain("Drukpersstraat 35\n1000 Brussels");
    expect(draft.body).toContain("contact@apd-gba.be");
    expect(draft.body).toContain("https://www.dataprotectionauthority.be/citizen/actions/lodge-a-complaint");
    // The controller is named as the party complained about, not as the recipient.
    expect(draft.variables.respondent?.legalEntity).toBeTruthy();
    expect(draft.variables.recipient?.legalEntity).not.toBe(draft.variables.respondent?.legalEntity);
    // The evidence file with its hash and date, in French; the deadline stated is the real one, passed.
    expect(draft.body).toContain(`telegram-post.png, SHA-256 ${hash}, enregistré le`);
    expect(draft.body).toContain(
      `Courrier ${getLetter(owner.scope, caseId, first).reference} du 1er octobre 2026`,
    );
    expect(draft.body).toMatch(/délai légal, échu le \d+ novembre 2026, est expiré/);
    expect(draft.body).not.toMatch(/[Tt]he deadline|Letter RX/);
    expect(draft.attachmentIds).toHaveLength(1);
    expect(letterProblems(draft)).toEqual({ missing: [], markers: [] });
    // The PDF carries the authority's postal and email address and its complaint form too.
    const pdf = await renderLetterPdf({
      reference: draft.reference,
      subject: draft.subject,
      body: draft.body,
      lang: draft.templateLang,
      paper: draft.paper,
      variables: draft.variables,
      address: draft.address,
    });
    const file = join(mkdtempSync(join(tmpdir(), "complaint-")), "c.pdf");
    writeFileSync(file, pdf);
    const pdfText = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(pdfText).toContain("Drukpersstraat 35");
    expect(pdfText).toContain("contact@apd-gba.be");
    // pdftotext joins lines broken at a hyphen: compare without spaces and hyphens.
    const flat = pdfText.replace(/[\s-]+/g, "");
    expect(flat).toContain("dataprotectionauthority.be/citizen/actions/lodgeacomplaint");
    expect(flat).toContain(hash);
    // The case's letter list names the authority as the complaint's recipient.
    const listed = listLetters(owner.scope, caseId).find((l) => l.id === id)!;
    expect(listed.recipientName).toContain("Autorité de protection des données");
  });

  it("a Berlin resident: the Berlin commissioner (BlnBDI), in German; church and broadcasting DPOs only on request", async () => {
    const { caseId, exposureId } = await caseFor("DE", "Jonas Becker");
    const first = overdueRequest(caseId, exposureId, "Jonas Becker");
    const options = complaintOptions(owner.scope, first);
    const ids = options.authorities.map((a) => a.id);
    expect(ids).toContain("datenanfragen:sa.deberlbdi");
    expect(ids).toContain("datenanfragen:sa.debaylda");
    expect(ids).not.toContain("datenanfragen:sa.deekdbfd");
    expect(ids).not.toContain("datenanfragen:sa.derf");
    expect(options.authorities.find((a) => a.id === "datenanfragen:sa.deberlbdi")!.label).toMatch(
      /^Berlin: /,
    );
    expect(complaintOptions(owner.scope, first, { all: true }).authorities.map((a) => a.id)).toContain(
      "datenanfragen:sa.deekdbfd",
    );
    expect(options.moreOnRequest).toBe(true);
    // Without the Land, there is no guess: the person picks.
    expect(options.defaultAuthorityId).toBeNull();
    expect(() => writeNextLetter(owner.scope, first, "regulator-complaint", LATER)).toThrow(NextLetterError);

    // They confirmed receipt and then went quiet: the complaint says so, not that nothing came back.
    moveRequest(owner.scope, first, { type: "acknowledge" });
    const id = writeNextLetter(owner.scope, first, "regulator-complaint", LATER, {
      authorityId: "datenanfragen:sa.deberlbdi",
    });
    const draft = getLetter(owner.scope, caseId, id);
    expect(draft.templateLang).toBe("de");
    expect(draft.recipientId).toBe("datenanfragen:sa.deberlbdi");
    expect(draft.body).toContain("Berliner Beauftragte für Datenschutz und Informationsfreiheit (BlnBDI)");
    expect(draft.body).toContain("Alt-Moabit 59-61");
    expect(draft.body).toContain("mailbox@datenschutz-berlin.de");
    expect(draft.body).toContain(
      "Der Eingang des Antrags wurde bestätigt; eine Entscheidung ist nicht gefolgt.",
    );
    expect(draft.body).not.toContain("nicht geantwortet");
    expect(letterProblems(draft).missing).toEqual([]);
  });

  it("lists a reminder among the evidence only once it was sent", async () => {
    const sent = await caseFor("BE", "Noor Maes");
    const a = overdueRequest(sent.caseId, sent.exposureId, "Noor Maes");
    const reminder = writeNextLetter(owner.scope, a, "follow-up", new Date("2026-11-05T09:00:00Z"));
    sendLetter(owner.scope, sent.caseId, reminder, new Date("2026-11-05T10:00:00Z"));
    const ref = getLetter(owner.scope, sent.caseId, reminder).reference;
    const complaint = writeNextLetter(owner.scope, a, "regulator-complaint", LATER, {
      authorityId: "datenanfragen:sa.beapd",
      lang: "nl",
    });
    expect(getLetter(owner.scope, sent.caseId, complaint).body).toContain(
      `Herinnering ${ref} van 5 november 2026`,
    );

    const drafted = await caseFor("BE", "Noor Maes");
    const b = overdueRequest(drafted.caseId, drafted.exposureId, "Noor Maes");
    const draftRef = getLetter(
      owner.scope,
      drafted.caseId,
      writeNextLetter(owner.scope, b, "follow-up", new Date("2026-11-05T09:00:00Z")),
    ).reference;
    const second = writeNextLetter(owner.scope, b, "regulator-complaint", LATER, {
      authorityId: "datenanfragen:sa.beapd",
      lang: "nl",
    });
    const body = getLetter(owner.scope, drafted.caseId, second).body;
    expect(body).toContain("Brief ");
    expect(body).not.toContain(draftRef);
  });

  it("an Irish resident's complaint in English: the timeline states only what passed with the controller", async () => {
    const { caseId, exposureId } = await caseFor("IE", "Aoife Byrne");
    const first = overdueRequest(caseId, exposureId, "Aoife Byrne");
    addNote(owner.scope, first, "Called their office, no answer.");
    const reminder = writeNextLetter(owner.scope, first, "follow-up", new Date("2026-11-05T09:00:00Z"));
    const draftRef = getLetter(owner.scope, caseId, reminder).reference;
    const options = complaintOptions(owner.scope, first);
    expect(options.defaultAuthorityId).toBe("datenanfragen:sa.iedpc");
    expect(options.authority?.langs).toEqual(["en"]);
    const id = writeNextLetter(owner.scope, first, "regulator-complaint", LATER);
    const body = getLetter(owner.scope, caseId, id).body;
    expect(body).toContain("To: Irish Data Protection Commission");
    expect(body).toMatch(/Timeline:\n- 1 October 2026: RX-[A-Z0-9-]+ (sent|posted on 1 October 2026)\n/);
    expect(body).toMatch(/the legal deadline of \d+ November 2026 has passed/);
    expect(body).not.toContain("gdpr-erasure");
    expect(body).not.toContain("Note on");
    expect(body).not.toContain(draftRef);
    expect(letterProblems(getLetter(owner.scope, caseId, id)).missing).toEqual([]);
  });

  it("Bavaria's private-sector authority is BayLDA; a Land given as a name or an ISO code resolves", () => {
    const bavaria = complaintAuthorities(owner.scope.workspaceId, {
      regime: "gdpr",
      residence: "DE",
      region: "DE-BY",
    });
    expect(bavaria[0]!.id).toBe("datenanfragen:sa.debaylda");
    expect(bavaria.map((a) => a.id)).not.toContain("datenanfragen:sa.debayldb");
    const berlin = complaintAuthorities(owner.scope.workspaceId, {
      regime: "gdpr",
      residence: "DE",
      region: "Berlin",
    });
    expect(berlin[0]!.id).toBe("datenanfragen:sa.deberlbdi");
  });
});

describe("the request page's complaint form", () => {
  it("offers the authority and its languages, refuses a language it does not take (400), then writes the letter", async () => {
    const { caseId, exposureId } = await caseFor("BE", "Emma Janssens");
    const first = overdueRequest(caseId, exposureId, "Emma Janssens");
    const path = `/cases/${caseId}/requests/${first}`;
    const params = { caseId, letterId: first };
    const data = (await call(requestRoute.loader, get(path, owner.cookie), params)) as Awaited<
      ReturnType<typeof requestRoute.loader>
    >;
    expect(data.complaint?.authority?.id).toBe("datenanfragen:sa.beapd");
    expect(data.complaint?.moreOnRequest).toBe(false);
    expect(data.complaint?.unavailable).toBeNull();

    const none = await call(requestRoute.action, post(path, { intent: "complaint" }, owner.cookie), params);
    expect(status(none)).toBe(400);
    expect(JSON.stringify(await (none as Response).json())).toContain("Choose the authority to complain to.");

    const english = await call(
      requestRoute.action,
      post(path, { intent: "complaint", authorityId: "datenanfragen:sa.beapd", lang: "en" }, owner.cookie),
      params,
    );
    expect(status(english)).toBe(400);
    const body = (await (english as Response).json()) as { formErrors: string[] };
    expect(body.formErrors[0]).toMatch(/takes complaints in .*French/);
    expect(getRequest(owner.scope, first).status).toBe("sent");

    const french = await call(
      requestRoute.action,
      post(path, { intent: "complaint", authorityId: "datenanfragen:sa.beapd", lang: "fr" }, owner.cookie),
      params,
    );
    expect(status(french)).toBe(302);
    // Written, not yet sent: the request moves to "complaint filed" only when the complaint is sent.
    expect(getRequest(owner.scope, first).status).toBe("sent");
  });
});

describe("the authorities each law's complaint goes to", () => {
  const list = (
    regime: Parameters<typeof complaintAuthorities>[1]["regime"],
    residence: string,
    region?: string,
  ) => complaintAuthorities(owner.scope.workspaceId, { regime, residence, region });
  it("UK → ICO; CCPA → CPPA then the California AG; PIPA → PIPC and KISA; ICNA → KCSC; DSA → the DSC", () => {
    const [ico] = list("uk-gdpr", "GB");
    expect(ico).toMatchObject({ id: "curated:ico", name: "Information Commissioner's Office (ICO)" });
    expect(ico!.address).toContain("Wycliffe House");
    expect(ico!.formUrl).toBe("https://ico.org.uk/make-a-complaint/");
    expect(list("ccpa", "US").map((a) => a.id)).toEqual(["curated:cppa", "curated:ca-ag"]);
    expect(list("kr-pipa", "KR").map((a) => a.id)).toEqual(["curated:kr-pipc", "curated:kr-kisa"]);
    expect(list("kr-icna", "KR").map((a) => a.id)).toEqual(["curated:kr-kcsc"]);
    expect(list("dsa", "DE").map((a) => a.id)).toEqual(["curated:dsc-de"]);
    expect(list("us-state", "US", "VA").map((a) => a.id)).toEqual(["us-ag:VA"]);
    // Korean authorities read Korean, and the complaint is written in Korean for them.
    expect(complaintLangs(list("kr-pipa", "KR")[0]!)).toEqual({ langs: ["ko"], note: null });
    expect(complaintLangs(list("kr-icna", "KR")[0]!)).toEqual({ langs: ["ko"], note: null });
    expect(complaintLangs(ico!)).toEqual({ langs: ["en"], note: null });
  });
});

describe("the escalation body other letters name", () => {
  const ws = () => ({ workspaceId: owner.scope.workspaceId });
  it("DSA matters and platform reports → the Digital Services Coordinator, never the DPA", () => {
    expect(defaultAuthority("dsa", "BE", ws())).toContain("BIPT");
    expect(defaultAuthority("platform", "BE", ws())).toContain("BIPT");
    expect(defaultAuthority("platform", "BE", ws())).not.toMatch(/protection des données/);
    // Outside the EEA no DSC is named for a platform report.
    expect(defaultAuthority("platform", "KR", ws())).toBe("");
    expect(defaultAuthority("dsa", "US", ws())).toBe("the competent Digital Services Coordinator");
  });
  it("GDPR → the data-protection authority; UK, CCPA, US states, Korea: their own bodies, no doubled names", () => {
    expect(defaultAuthority("gdpr", "BE", ws())).toContain("(APD/GBA)");
    expect(defaultAuthority("gdpr", "DE", { ...ws(), region: "BE" })).toContain("(BlnBDI)");
    expect(defaultAuthority("gdpr", "DE", "DE-BY")).toContain("BayLDA");
    const ico = defaultAuthority("uk-gdpr", "GB", ws());
    expect(ico).toBe("the Information Commissioner's Office (ICO)");
    expect(defaultAuthority("ccpa", "US", ws())).toBe("the California Privacy Protection Agency (CPPA)");
    expect(defaultAuthority("us-state", "US", { ...ws(), state: "VA" })).toBe(
      "the Attorney General of Virginia",
    );
    expect(defaultAuthority("us-state", "US", ws())).toBe("the state Attorney General");
    expect(defaultAuthority("kr-pipa", "KR", ws())).toMatch(/PIPC.*KISA.*118/);
    expect(defaultAuthority("kr-icna", "KR", ws())).toMatch(/KCSC/);
    for (const name of [ico, defaultAuthority("gdpr", "BE", ws())])
      expect(name).not.toMatch(/(\([^)]+\)) \1/);
  });
});

describe("the complaint checklist fails on a false statement", () => {
  it("a DSA complaint that claims a legal deadline passed fails; the same letter without the claim passes that check", () => {
    const variables = LetterVariables.parse({
      date: "2026-11-10",
      reference: "RX-C5TN-2B",
      regime: "dsa",
      requester: { name: "Lucas Peeters", email: "person@example.test" },
      recipient: { legalEntity: "BIPT", channelLabel: "post" },
      respondent: { legalEntity: "Telegram FZ-LLC", channelLabel: "abuse@telegram.org" },
      rightsExercised: [{ right: "dsa-notice", date: "2026-10-01" }],
      exposures: [{ url: "https://t.me/leakchannel/1" }],
      evidence: ["Letter RX-3HV8-P2 of 1 October 2026"],
    });
    const check = (body: string) =>
      runChecklist({
        kind: "regulator-complaint",
        lang: "en",
        subject: "Complaint",
        body,
        variables,
      }).checks.find((c) => c.id === "regulator-complaint.no-false-deadline")!.status;
    expect(check("The provider has not answered, and the legal deadline has passed.")).toBe("fail");
    expect(check("The provider has not answered.")).toBe("pass");
  });

  it("a representative's complaint that speaks as the person fails; the person's quoted words do not", () => {
    const variables = LetterVariables.parse({
      date: "2026-11-10",
      reference: "RX-C5TN-2B",
      regime: "gdpr",
      requester: { name: "Lucas Peeters", email: "person@example.test" },
      representative: { name: "Ana Lima", email: "ana@aid.example", mandateDate: "2026-09-30" },
      recipient: { legalEntity: "APD", channelLabel: "post" },
      respondent: { legalEntity: "Telegram FZ-LLC", channelLabel: "abuse@telegram.org" },
      rightsExercised: [{ right: "erasure", date: "2026-10-01" }],
      exposures: [{ url: "https://t.me/leakchannel/1" }],
      evidence: ["Letter RX-3HV8-P2 of 1 October 2026"],
      particularSituation: "Strangers came to my address.",
    });
    const check = (body: string) =>
      runChecklist({
        kind: "regulator-complaint",
        lang: "en",
        subject: "Complaint",
        body,
        variables,
      }).checks.find((c) => c.id === "regulator-complaint.representative-voice")!.status;
    expect(check("Telegram published my home address.")).toBe("fail");
    expect(check("Why this matters: Strangers came to my address.")).toBe("pass");
  });
});
