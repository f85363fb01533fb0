// Item 7 (lows): a semicolon in an upload's file name is a 400 with a message, not a 500; a channel
// address with a scheme other than http(s)/mailto is refused; a PDF never prints a template marker; the
// retired `?_data=` requests are refused before Remix and client errors are logged without a stack.
import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, it, vi } from "vitest";
import { createCase } from "~/cases/cases.server";
import { handleError } from "~/entry.server";
import { createExposure } from "~/exposures/exposures.server";
import { normaliseUrl } from "~/exposures/url";
import { parseChannelLines } from "~/recipients/forms.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { PdfHasGapsError, renderLetterPdf } from "~/requests/render/pdf.server";
import { getLetter, letterProblems, writeLetter } from "~/requests/store.server";
import * as exposureRoute from "~/routes/cases.$caseId.exposures.$exposureId";
import * as letterPdfRoute from "~/routes/cases.$caseId.letters.$letterId_.pdf";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import { refuseLegacyDataRequests } from "../../scripts/legacy-data";
import { call, get, newAccount } from "./helpers";

async function caseWithExposure(url = "https://forum.example.com/thread/1") {
  const owner = await newAccount("Robin Example");
  const subjectId = createSubject(
    owner.scope,
    SubjectFieldsSchema.parse({ name: "Robin Example", country: "DE", emails: "robin@example.test" }),
  );
  const caseId = createCase(owner.scope, { subjectId, title: "Posts" });
  const n = normaliseUrl(url);
  if (!n.ok) throw new Error(url);
  const exposureId = createExposure(owner.scope, caseId, {
    url: n.value,
    exposed: ["home_address"],
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
  return { owner, caseId, exposureId };
}

describe("an upload whose file name has a semicolon", () => {
  it("is refused with a 400 and a message, and nothing is stored", async () => {
    const { owner, caseId, exposureId } = await caseWithExposure();
    const boundary = "----retract-test";
    const body = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="intent"',
      "",
      "upload",
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="photo;1.jpg"',
      "Content-Type: image/jpeg",
      "",
      "not really a jpeg",
      `--${boundary}--`,
      "",
    ].join("\r\n");
    const request = new Request(`http://localhost/cases/${caseId}/exposures/${exposureId}`, {
      method: "POST",
      body,
      headers: { Cookie: owner.cookie, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    });
    const res = (await call(exposureRoute.action, request, { caseId, exposureId })) as Response;
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("rename the file");
    const page = (await call(
      exposureRoute.loader,
      get(`/cases/${caseId}/exposures/${exposureId}`, owner.cookie),
      { caseId, exposureId },
    )) as { evidence: unknown[] };
    expect(page.evidence).toEqual([]);
  });
});

describe("channel addresses in a correction", () => {
  it("refuses javascript:, data: and other schemes, and a web form that is not http(s)", () => {
    for (const line of [
      "webform, privacy, javascript:alert(document.cookie)",
      "webform, privacy, data:text/html;base64,PHNjcmlwdD4=",
      "webform, abuse, ftp://files.example/form",
      "webform, abuse, report.example.org/form",
      "inapp, abuse, javascript:alert(1)",
      "postal, privacy, file:///etc/passwd",
      "email, abuse, javascript:alert(1)",
      "email, abuse, mailto:abuse@example.org?bcc=x@example.org",
    ]) {
      const { channels, errors } = parseChannelLines(line);
      expect(channels, line).toEqual([]);
      expect(errors, line).toHaveLength(1);
      expect(errors[0]?.values.line, line).toBe(1);
    }
  });

  it("keeps web forms, email addresses and plain text", () => {
    const { channels, errors } = parseChannelLines(
      [
        "webform, privacy, https://example.org/privacy-form",
        "email, abuse, abuse@example.org",
        'inapp, abuse, Use "report abuse" (… → Report)',
        "postal, privacy, Attn: Legal / 1 Example Street",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(channels.map((c) => c.kind)).toEqual(["webform", "email", "inapp", "postal"]);
  });
});

describe("a draft PDF to a custom address", () => {
  it("is never printed with a template marker: a 409 that says what to do", async () => {
    const { owner, caseId, exposureId } = await caseWithExposure();
    const id = writeLetter(
      owner.scope,
      caseId,
      LetterDetailsSchema.parse({
        exposureIds: [exposureId],
        option: "gdpr-erasure/gdpr",
        lang: "en",
        destination: "pdf|Forum Operator\n1 Example Street\n10115 Berlin",
        requesterName: "Robin Example",
        requesterEmail: "robin@example.test",
        particularSituation: "People came to my door after the address was posted.",
        authorityName: "the Data Protection Commission",
      }),
    );
    const letter = getLetter(owner.scope, caseId, id);
    expect(letter.body).toContain("{{ recipient.legalEntity }}");
    expect(letterProblems(letter).markers).toContain("{{ recipient.legalEntity }}");

    const res = (await call(letterPdfRoute.loader, get(`/cases/${caseId}/letters/${id}/pdf`, owner.cookie), {
      caseId,
      letterId: id,
    })) as Response;
    expect(res.status).toBe(409);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await res.text()).toContain("replace {{ recipient.legalEntity }} with the right words");

    await expect(
      renderLetterPdf({
        reference: letter.reference,
        subject: letter.subject,
        body: letter.body.replaceAll("{{ recipient.legalEntity }}", "Forum Operator GmbH"),
        lang: "en",
        paper: "A4",
        variables: {
          ...letter.variables,
          requester: { name: "{{ requester.name }}", email: "r@example.test" },
        },
      }),
    ).rejects.toBeInstanceOf(PdfHasGapsError);
  });
});

describe("retired ?_data= requests and client errors in the log", () => {
  it("refuses ?_data= before Remix with a 400", async () => {
    const app = express();
    app.use(refuseLegacyDataRequests);
    app.use((_req, res) => {
      res.status(200).send("reached Remix");
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((ok) => server.once("listening", ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      for (const path of [
        "/?_data=root",
        "/cases/abc?_data=routes/cases.$caseId._index",
        "/login?x=1&_data=",
      ]) {
        const r = await fetch(base + path);
        expect(r.status, path).toBe(400);
        expect(await r.text()).toContain("not one of Retract's pages");
      }
      expect((await fetch(`${base}/cases/abc.data`)).status).toBe(200);
      expect((await fetch(`${base}/login?redirectTo=%2F`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it("logs a client error (4xx) as one line without a stack, and a server error in full", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const request = new Request("http://localhost/login?_data=routes/nope");
      handleError(Object.assign(new Error("Route does not match"), { status: 403 }), { request });
      expect(error).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledWith("Refused GET /login: 403");
      const boom = new Error("database is locked");
      handleError(boom, { request });
      expect(error).toHaveBeenCalledWith("Error while handling GET /login:", boom);
    } finally {
      error.mockRestore();
      warn.mockRestore();
    }
  });
});
