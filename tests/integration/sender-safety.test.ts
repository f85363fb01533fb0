// Safety of the sender: a person whose home address and phone are on file gets letters that carry
// neither unless they chose it, by every path that fills a letter: the letter form (loader and action), the
// API's draft, the bulk job and the next letter (which carries the first letter's choice).
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { letters } from "#db/schema";
import { createAccessToken } from "~/api/tokens.server";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { jobItems, runBulkJob, startBulkLetters } from "~/incidents/bulk.server";
import { emailRecipients, seedIncident } from "~/incidents/bulk-fixtures.server";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { mandateVariables } from "~/requests/compose/mandates.server";
import { writeNextLetter } from "~/requests/compose/next-letter.server";
import { getTemplate, renderTemplate } from "~/requests/render/templates.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import { decryptLetter, getLetter, LetterInputError, sendLetter, writeLetter } from "~/requests/store.server";
import * as apiRequests from "~/routes/api.v1.requests";
import * as newLetter from "~/routes/cases.$caseId.letters.new";
import * as draftPage from "~/routes/cases.$caseId.requests.$letterId";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";

const HOME = "14 Lindenweg, 10115 Berlin";
const PHONE = "+49 30 5550 1234";
const PO_BOX = "Postfach 1201, 10001 Berlin";
const ORG_ADDRESS = "Example GmbH, Security Office, Postfach 99, 10002 Berlin";

let owner: Awaited<ReturnType<typeof newAccount>>;
let caseId: string;
let subjectId: string;
let photoId: string;

function exposure(url: string, exposed: ("home_address" | "photos" | "phone")[]) {
  const n = normaliseUrl(url);
  if (!n.ok) throw new Error(url);
  return createExposure(owner.scope, caseId, {
    url: n.value,
    exposed,
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
}

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Robin Example");
  subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({
      name: "Robin Example",
      country: "DE",
      emails: "robin@example.test",
      phones: PHONE,
      addresses: HOME,
    }),
  );
  caseId = createCase(owner.scope, { subjectId, title: "Photos on Telegram" });
  photoId = exposure("https://t.me/leakchannel/101", ["home_address", "photos", "phone"]);
});

type LoaderData = {
  group: { key: string; options: { value: string; kind: string }[] } | null;
  groups: { key: string }[];
  defaults: Record<string, string | undefined>;
  homeAddress: string | null;
  showsContent: boolean;
};

async function form() {
  const first = (await call(newLetter.loader, get(`/cases/${caseId}/letters/new`, owner.cookie), {
    caseId,
  })) as LoaderData;
  const key = first.group?.key ?? first.groups[0]!.key;
  return (await call(
    newLetter.loader,
    get(`/cases/${caseId}/letters/new?to=${encodeURIComponent(key)}`, owner.cookie),
    { caseId },
  )) as LoaderData;
}

/** Posts the letter form as a browser would (the DMCA notice, destination the recipient's first one). */
async function writeDmca(extra: Record<string, string>) {
  const res = await call(
    newLetter.action,
    post(
      `/cases/${caseId}/letters/new`,
      {
        exposureIds: [photoId],
        option: "dmca-takedown/dmca",
        lang: "en",
        destination: "pdf|",
        requesterName: "Robin Example",
        requesterEmail: "robin@example.test",
        requesterAddress: "",
        requesterCountry: "Germany",
        workTitle: "Garden portrait",
        workDescription: "A photo I took of myself in my garden in 2024",
        ...extra,
      },
      owner.cookie,
    ),
    { caseId },
  );
  expect(status(res)).toBe(302);
  const id = /\/requests\/([^/]+)$/.exec((res as Response).headers.get("location")!)![1]!;
  return getLetter(owner.scope, caseId, id);
}

describe("the letter form", () => {
  it("offers the home address as a choice with a warning, and fills in neither it nor the phone", async () => {
    const data = await form();
    expect(data.group?.options.map((o) => o.value)).toContain("dmca-takedown/dmca");
    expect(data.defaults.contactAddress).toBe("none");
    expect(data.defaults.requesterAddress ?? "").toBe("");
    expect(data.defaults.requesterPhone ?? "").toBe("");
    expect(JSON.stringify(data.defaults)).not.toContain("Lindenweg");
    expect(JSON.stringify(data.defaults)).not.toContain("5550");
    // Telegram shows the content: choosing the home address comes with the warning.
    expect(data.homeAddress).toBe(HOME);
    expect(data.showsContent).toBe(true);
  });

  it("writes a DMCA notice with the email and without the address or phone on file by default", async () => {
    const letter = await writeDmca({ contactAddress: "none" });
    expect(letter.body).toContain("Email: robin@example.test");
    expect(letter.body).not.toContain("Lindenweg");
    expect(letter.body).not.toContain("5550");
    expect(letter.body).not.toMatch(/^(Address|Telephone):/m);
    expect(letter.variables.requester.postalAddress).toBeNull();
    expect(letter.variables.requester.phone).toBeNull();
  });

  it("keeps out an address typed and then not chosen; puts in the safe address or the home address chosen", async () => {
    const notChosen = await writeDmca({ contactAddress: "none", requesterAddress: PO_BOX });
    expect(notChosen.body).not.toContain("Postfach");
    const safe = await writeDmca({ contactAddress: "typed", requesterAddress: PO_BOX, requesterPhone: "" });
    expect(safe.body).toContain(`Address: ${PO_BOX}`);
    expect(safe.body).not.toContain("Lindenweg");
    const home = await writeDmca({ contactAddress: "home", requesterPhone: PHONE });
    expect(home.body).toContain(`Address: ${HOME}`);
    expect(home.body).toContain(`Telephone: ${PHONE}`);
  });

  it("refuses a typed-address choice with no address, and says so by the field", async () => {
    const res = (await call(
      newLetter.action,
      post(
        `/cases/${caseId}/letters/new`,
        {
          exposureIds: [photoId],
          option: "dmca-takedown/dmca",
          lang: "en",
          destination: "pdf|",
          requesterName: "Robin Example",
          requesterEmail: "robin@example.test",
          contactAddress: "typed",
          requesterAddress: " ",
        },
        owner.cookie,
      ),
      { caseId },
    )) as Response;
    expect(res.status).toBe(400);
    const body = (await res.json()) as { fieldErrors: Record<string, string[]> };
    expect(body.fieldErrors.requesterAddress?.[0]).toMatch(/Type the address/);
  });
});

describe("the home address choice and the draft page", () => {
  it("refuses the home address when none is on file, naming the choice", async () => {
    const subjectId = createSubject(
      owner.scope,
      SubjectFieldsSchema.parse({ name: "Sam Noaddress", country: "DE", emails: "sam@example.test" }),
    );
    const otherCase = createCase(owner.scope, { subjectId, title: "No address on file" });
    const n = normaliseUrl("https://t.me/leakchannel/9001");
    if (!n.ok) throw new Error("url");
    const exposureId = createExposure(owner.scope, otherCase, {
      url: n.value,
      exposed: ["photos"],
      callsForHarm: false,
      foundOn: "2026-11-01",
      severityOverride: null,
      status: "active",
      notes: "",
    });
    const write = () =>
      writeLetter(
        owner.scope,
        otherCase,
        LetterDetailsSchema.parse({
          exposureIds: [exposureId],
          option: "dmca-takedown/dmca",
          lang: "en",
          destination: "pdf|",
          requesterName: "Sam Noaddress",
          requesterEmail: "sam@example.test",
          contactAddress: "home",
          workTitle: "Portrait",
          workDescription: "My own photo",
        }),
      );
    expect(write).toThrow(LetterInputError);
    try {
      write();
    } catch (e) {
      expect((e as LetterInputError).field).toBe("contactAddress");
      expect((e as Error).message).toMatch(/no home address on file/);
    }
  });

  it("says on a DMCA draft, before sending, that it is usually forwarded; says nothing of it on a GDPR draft", async () => {
    const dmca = await writeDmca({ contactAddress: "none" });
    const page = (await call(draftPage.loader, get(`/cases/${caseId}/requests/${dmca.id}`, owner.cookie), {
      caseId,
      letterId: dmca.id,
    })) as { letter: { passedOn: string | null } };
    expect(page.letter.passedOn).toMatch(/usually forwarded to the person who uploaded/);
    const gdpr = writeLetter(
      owner.scope,
      caseId,
      LetterDetailsSchema.parse({
        exposureIds: [photoId],
        option: "gdpr-erasure/gdpr",
        lang: "en",
        destination: "pdf|",
        requesterName: "Robin Example",
        requesterEmail: "robin@example.test",
        particularSituation: "Strangers have come to my door.",
        authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
      }),
    );
    const gdprPage = (await call(draftPage.loader, get(`/cases/${caseId}/requests/${gdpr}`, owner.cookie), {
      caseId,
      letterId: gdpr,
    })) as { letter: { passedOn: string | null } };
    expect(gdprPage.letter.passedOn).toBeNull();
  });
});

describe("the letter of authority", () => {
  it("carries no home address: its signed copy goes with every letter the representative sends", () => {
    const variables = mandateVariables(owner.scope, subjectId);
    expect(variables.requester.postalAddress).toBeNull();
    const { body } = renderTemplate(getTemplate("mandate", "en")!, variables);
    expect(body).toContain("I, Robin Example, email robin@example.test,");
    expect(body).not.toContain("Lindenweg");
  });
});

describe("the API's draft", () => {
  async function createDraft(body: Record<string, unknown>) {
    const { token } = createAccessToken({
      userId: owner.id,
      workspaceId: owner.workspaceId,
      name: "safety",
      access: "write",
    });
    const res = (await call(
      apiRequests.action,
      new Request("http://localhost/api/v1/requests", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ caseId, recipientId: "curated:telegram", ...body }),
      }),
    )) as Response;
    const json = (await res.json()) as { id: string; error?: string };
    expect(res.status, json.error).toBeLessThan(300);
    return getLetter(owner.scope, caseId, json.id);
  }

  it("carries no address or phone from the record unless the caller chooses one", async () => {
    const plain = await createDraft({ kind: "gdpr-erasure" });
    expect(plain.body).toContain("robin@example.test");
    expect(plain.body).not.toContain("Lindenweg");
    expect(plain.body).not.toContain("5550");
    expect(plain.variables.requester.postalAddress).toBeNull();
    const chosen = await createDraft({
      kind: "gdpr-erasure",
      contactAddress: "typed",
      requesterAddress: PO_BOX,
    });
    expect(chosen.variables.requester.postalAddress).toBe(PO_BOX);
    expect(chosen.body).not.toContain("Lindenweg");
  });
});

describe("the next letter", () => {
  function sent(extra: Record<string, string>) {
    const url = `https://t.me/leakchannel/${200 + Math.floor(Math.random() * 10_000)}`;
    const id = writeLetter(
      owner.scope,
      caseId,
      LetterDetailsSchema.parse({
        exposureIds: [exposure(url, ["home_address"])],
        option: "gdpr-erasure/gdpr",
        lang: "en",
        destination: "pdf|",
        requesterName: "Robin Example",
        requesterEmail: "robin@example.test",
        particularSituation: "Strangers have come to my door since the address was posted.",
        authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
        ...extra,
      }),
      new Date("2026-10-01T10:00:00Z"),
    );
    sendLetter(owner.scope, caseId, id, new Date("2026-10-01T10:00:00Z"));
    return id;
  }

  it("carries the first letter's choice: email only stays email only, a chosen address stays", () => {
    const emailOnly = writeNextLetter(owner.scope, sent({}), "follow-up", new Date("2026-11-10T09:00:00Z"));
    const a = getLetter(owner.scope, caseId, emailOnly);
    expect(a.variables.requester.postalAddress).toBeNull();
    expect(a.body).not.toContain("Lindenweg");
    const withBox = writeNextLetter(
      owner.scope,
      sent({ contactAddress: "typed", requesterAddress: PO_BOX }),
      "follow-up",
      new Date("2026-11-10T09:00:00Z"),
    );
    const b = getLetter(owner.scope, caseId, withBox);
    expect(b.variables.requester.postalAddress).toBe(PO_BOX);
    expect(b.body).not.toContain("Lindenweg");
  });
});

describe("the bulk job", () => {
  it("writes every letter with the email only, for staff whose home addresses are on file", async () => {
    saveSmtpSettings(owner.scope, {
      host: "127.0.0.1",
      port: 2525,
      secure: false,
      user: "security",
      password: "app-password-1",
      from: "Security Team <security@employer.example>",
      replyTo: "",
    });
    for (const sender of ["self", "representative"] as const) {
      const seeded = await seedIncident(owner.scope, {
        people: 3,
        recipientIds: ["curated:telegram", ...emailRecipients(1)],
        mandates: "row",
        tag: `Safety ${sender}`,
      });
      const jobId = startBulkLetters(owner.scope, seeded.incidentId, {
        // A GDPR erasure prints the sender's contact block in full (a DSA notice prints the email only).
        letter: "gdpr-erasure",
        lang: "auto",
        // Queued only: this test reads the letters and sends nothing.
        channel: "email",
        sender,
        particularSituation: "Our staff list was posted with a call to visit them at home.",
        illegalityExplanation: "The post publishes private home addresses to invite harassment.",
        delistingReason: "",
        authorityName: "the Berlin Commissioner for Data Protection and Freedom of Information",
        // Entered by the operator: the representative's letters carry it (decision 057).
        repAddress: sender === "representative" ? ORG_ADDRESS : undefined,
      });
      expect(await runBulkJob(jobId, { budgetMs: 50 })).toBe("done");
      const ids = jobItems(jobId).flatMap((i) => (i.letterId ? [i.letterId] : []));
      expect(ids.length, `${sender}: letters written`).toBeGreaterThan(0);
      const rows = getDb().select().from(letters).where(inArray(letters.id, ids)).all();
      for (const row of rows) {
        const letter = decryptLetter(row);
        // The seeded people live at "<n> Example Street, Berlin".
        expect(letter.body).not.toContain("Example Street");
        expect(letter.variables.requester.postalAddress ?? null).toBeNull();
        expect(letter.variables.requester.phone ?? null).toBeNull();
        expect(letter.variables.representative?.address ?? null).toBe(
          sender === "representative" ? ORG_ADDRESS : null,
        );
      }
      const withOrgAddress = rows.filter((r) => decryptLetter(r).body.includes(ORG_ADDRESS));
      if (sender === "representative") expect(withOrgAddress.length).toBeGreaterThan(0);
      else expect(withOrgAddress).toEqual([]);
    }
  }, 120_000);
});
