// Letters, the gaps after the first cut: a sent letter moves its exposures to `requested`; US state deletion
// letters cite the chosen state's law; broker opt-outs take the opt-out page from the directory; and letters of
// authority (mandates): generated as a PDF to sign, the signed copy uploaded encrypted, attached to a
// representative's email, and a representative's letter without one refused.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, exposures, mandates } from "#db/schema";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { evidencePath } from "~/evidence/storage.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { importDirectory } from "~/recipients/import.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { latestMandate, mandatePdf, uploadMandate } from "~/requests/compose/mandates.server";
import { processOutboxOnce } from "~/requests/send/outbox.server";
import { saveSmtpSettings } from "~/requests/send/smtp-settings.server";
import {
  getLetter,
  LetterInputError,
  letterProblems,
  sendLetter,
  writeLetter,
} from "~/requests/store.server";
import * as letterRoute from "~/routes/cases.$caseId.requests.$letterId";
import * as subjectRoute from "~/routes/subjects.$subjectId";
import * as mandateRoute from "~/routes/subjects.$subjectId_.mandate";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { call, get, newAccount, post, status } from "./helpers";
import { startSmtpServer } from "./smtp-test-server";

type Account = Awaited<ReturnType<typeof newAccount>>;
let owner: Account;
let other: Account;
let subjectId: string;
let caseId: string;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

function exposure(input: string, st: "active" | "reappeared" | "removed" = "active") {
  const n = normaliseUrl(input);
  if (!n.ok) throw new Error(input);
  return createExposure(owner.scope, caseId, {
    url: n.value,
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: st,
    notes: "",
  });
}

const statusOf = (id: string) =>
  getDb().select({ s: exposures.status }).from(exposures).where(eq(exposures.id, id)).get()?.s;

function details(exposureIds: string[], extra: Record<string, unknown> = {}) {
  return LetterDetailsSchema.parse({
    exposureIds,
    option: "gdpr-erasure/gdpr",
    lang: "en",
    destination: "pdf|",
    requesterName: "Sam Client",
    requesterEmail: "sam@example.test",
    particularSituation: "People have come to my door since the address was posted.",
    authorityName: "the Data Protection Commission",
    ...extra,
  });
}

const represented = {
  represented: "on",
  repName: "Casey Worker",
  repEmail: "casey@example.test",
  repOrganisation: "Example Legal Aid",
};

function pdfText(pdf: Buffer) {
  const file = join(mkdtempSync(join(tmpdir(), "retract-mandate-")), "m.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

beforeAll(async () => {
  importDirectory(getDb());
  owner = await newAccount("Casey Worker");
  other = await newAccount("Other Person");
  subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({
      name: "Sam Client",
      country: "US",
      emails: "sam@example.test",
      addresses: "PO Box 77, Richmond, VA 23218",
    }),
  );
  caseId = createCase(owner.scope, { subjectId, title: "Posts" });
  smtp = await startSmtpServer();
  saveSmtpSettings(owner.scope, {
    host: "127.0.0.1",
    port: smtp.port,
    secure: false,
    user: "casey",
    password: "app-password-1",
    from: "Casey Worker <casey@example.test>",
    replyTo: "",
  });
});

afterAll(async () => {
  await smtp.close();
});

describe("a sent letter moves its exposures to requested", () => {
  it("marking a PDF posted moves active and reappeared ones, leaves removed ones, and audits each", () => {
    const a = exposure("https://t.me/leaks/1");
    const b = exposure("https://t.me/leaks/2", "reappeared");
    const c = exposure("https://t.me/leaks/3", "removed");
    const id = writeLetter(owner.scope, caseId, details([a, b, c]));
    expect(statusOf(a)).toBe("active"); // a draft changes nothing
    sendLetter(owner.scope, caseId, id);
    expect([statusOf(a), statusOf(b), statusOf(c)]).toEqual(["requested", "requested", "removed"]);
    const logged = getDb()
      .select({ targetId: auditEvents.targetId })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "exposure.requested"), eq(auditEvents.workspaceId, owner.workspaceId)),
      )
      .all()
      .map((r) => r.targetId);
    expect(logged.sort()).toEqual([a, b].sort());
  });

  it("an email moves them only when the outbox has handed it to the server", async () => {
    const a = exposure("https://t.me/leaks/10");
    const id = writeLetter(owner.scope, caseId, details([a], { destination: "email|abuse@telegram.org" }));
    sendLetter(owner.scope, caseId, id);
    expect(statusOf(a)).toBe("active");
    const out = await processOutboxOnce();
    expect(out.find((o) => o.letterId === id)?.result).toBe("sent");
    expect(statusOf(a)).toBe("requested");
  });
});

describe("US state deletion and broker opt-out letters", () => {
  it("cites the chosen state's law and can be sent", () => {
    const a = exposure("https://t.me/leaks/20");
    const d = details([a], { option: "us-state-deletion/us-state", stateLaw: "VA" });
    const id = writeLetter(owner.scope, caseId, d);
    const letter = getLetter(owner.scope, caseId, id);
    expect(letter.variables.stateLaw).toEqual({
      state: "Virginia",
      name: "Virginia Consumer Data Protection Act",
      citation: "Va. Code § 59.1-577",
      authority: "Attorney General of Virginia",
    });
    expect(letter.body).toContain("resident of Virginia");
    // The escalation is Virginia's Attorney General, not California's agency.
    expect(letter.body).toContain("complain to the Attorney General of Virginia");
    expect(letter.body).not.toMatch(/California|CPPA/);
    expect(letter.subject).toContain("Virginia Consumer Data Protection Act");
    expect(letterProblems(letter)).toEqual({ missing: [], markers: [] });
    expect(sendLetter(owner.scope, caseId, id)).toEqual({ queued: false });
  });

  it("asks for the state when none is chosen, and offers only the states the template supports", () => {
    const a = exposure("https://t.me/leaks/21");
    const bad = LetterDetailsSchema.safeParse({
      exposureIds: [a],
      option: "us-state-deletion/us-state",
      lang: "en",
      destination: "pdf|",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toContain("stateLaw");
    // Wyoming has no such law: not a state the letter can name.
    const wyoming = LetterDetailsSchema.safeParse({
      exposureIds: [a],
      option: "us-state-deletion/us-state",
      lang: "en",
      destination: "pdf|",
      stateLaw: "WY",
    });
    expect(wyoming.success).toBe(false);
  });

  it("fills a broker opt-out from the directory's web form and process, and it can be sent", () => {
    const a = exposure("https://www.advancedbackgroundchecks.com/name/sam-client");
    const id = writeLetter(
      owner.scope,
      caseId,
      details([a], { option: "broker-optout/ccpa", destination: "email|privacy@example.test" }),
    );
    const letter = getLetter(owner.scope, caseId, id);
    expect(letter.variables.optOut?.url).toBe("https://www.advancedbackgroundchecks.com/removal");
    expect(letter.variables.optOut?.steps?.length).toBeGreaterThan(0);
    expect(letter.body).toContain(
      "Your own opt-out page is https://www.advancedbackgroundchecks.com/removal",
    );
    expect(letterProblems(letter)).toEqual({ missing: [], markers: [] });
    expect(sendLetter(owner.scope, caseId, id)).toEqual({ queued: true });
  });
});

describe("letters of authority", () => {
  it("generates the mandate as a PDF naming the client and the member", async () => {
    const res = (await call(mandateRoute.loader, get(`/subjects/${subjectId}/mandate`, owner.cookie), {
      subjectId,
    })) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const text = pdfText(Buffer.from(await res.arrayBuffer()));
    expect(text).toContain("Letter of authority");
    // Enclosed with every representative letter: the address on file stays out (decision 056).
    expect(text).toContain("I, Sam Client, email sam@example.test");
    expect(text).not.toContain("PO Box 77");
    expect(text).toMatch(/authorise Casey Worker/);
    expect(status(await call(mandateRoute.loader, get("/", other.cookie), { subjectId }))).toBe(404);
  });

  it("refuses a representative's letter while no signed copy is on file, with a clear 400", async () => {
    const a = exposure("https://t.me/leaks/30");
    const id = writeLetter(
      owner.scope,
      caseId,
      details([a], { destination: "email|abuse@telegram.org", ...represented }),
    );
    expect(() => sendLetter(owner.scope, caseId, id)).toThrow(LetterInputError);
    const res = (await call(
      letterRoute.action,
      post(`/cases/${caseId}/requests/${id}`, { intent: "send", ...(await draftText(id)) }, owner.cookie),
      { caseId, letterId: id },
    )) as Response;
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("no signed letter of authority is on file");
    expect(statusOf(a)).toBe("active");
  });

  it("stores the signed upload encrypted, dates the letter with it and attaches it to the email", async () => {
    const { pdf } = await mandatePdf(owner.scope, subjectId);
    const form = new FormData();
    form.append("intent", "mandate");
    form.append("signedOn", "2026-11-20");
    form.append("file", new File([new Uint8Array(pdf)], "signed-authority.pdf", { type: "application/pdf" }));
    const res = (await call(subjectRoute.action, post(`/subjects/${subjectId}`, form, owner.cookie), {
      subjectId,
    })) as Response;
    expect(res.status).toBe(302);
    const row = latestMandate(owner.workspaceId, subjectId)!;
    expect(row.signedOn).toBe("2026-11-20");
    expect(row.representativeUserId).toBe(owner.id);
    const onDisk = (await import("node:fs")).readFileSync(evidencePath(row.storageKey));
    expect(onDisk.includes(Buffer.from("Sam Client"))).toBe(false);
    expect(row.filenameEnc.token).not.toContain("signed-authority");

    // Another account cannot upload to this client.
    const intruder = new FormData();
    intruder.append("intent", "mandate");
    intruder.append("signedOn", "2026-11-20");
    intruder.append("file", new File([new Uint8Array(pdf)], "x.pdf", { type: "application/pdf" }));
    expect(status(await call(subjectRoute.action, post("/", intruder, other.cookie), { subjectId }))).toBe(
      404,
    );

    const a = exposure("https://t.me/leaks/31");
    const id = writeLetter(
      owner.scope,
      caseId,
      details([a], { destination: "email|abuse@telegram.org", ...represented }),
    );
    const letter = getLetter(owner.scope, caseId, id);
    expect(letter.variables.representative?.mandateDate).toBe("2026-11-20");
    expect(letter.body).toContain("20 November 2026");
    sendLetter(owner.scope, caseId, id);
    const out = await processOutboxOnce();
    expect(out.find((o) => o.letterId === id)?.result).toBe("sent");
    const mail = smtp.received.find((m) => m.subject?.includes(letter.reference))!;
    const names = mail.attachments.map((x) => x.filename);
    expect(names).toContain("signed-authority.pdf");
    const attached = mail.attachments.find((x) => x.filename === "signed-authority.pdf")!;
    expect(Buffer.compare(attached.content, pdf)).toBe(0);
    expect(statusOf(a)).toBe("requested");
  });

  it("rejects an upload that is not a PDF or photo", async () => {
    await expect(
      uploadMandate(owner.scope, subjectId, {
        filename: "a.txt",
        bytes: Buffer.from("not a scan"),
        signedOn: "2026-11-20",
      }),
    ).rejects.toThrow(/PDF or a photo/);
    expect(getDb().select().from(mandates).where(eq(mandates.subjectId, subjectId)).all().length).toBe(1);
  });
});

async function draftText(id: string) {
  const l = getLetter(owner.scope, caseId, id);
  return { subject: l.subject, body: l.body, paper: l.paper };
}
