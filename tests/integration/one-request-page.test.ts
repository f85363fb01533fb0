// One page per request (decision 090): the request page carries the letter too, and the old letter page sends
// every GET (301) and POST (308) there, after the same check of who may see the letter.
import { describe, expect, it } from "vitest";
import { exposureChecks } from "#db/schema";
import { getDb } from "~/db.server";
import { LetterDetailsSchema } from "~/requests/compose/forms.server";
import { getLetter, writeLetter } from "~/requests/store.server";
import * as oldLetterRoute from "~/routes/cases.$caseId.letters.$letterId";
import * as requestRoute from "~/routes/cases.$caseId.requests.$letterId";
import { newId } from "~/utils/ids.server";
import { call, get, newAccount, post, status } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

type RequestData = Awaited<ReturnType<typeof requestRoute.loader>>;

/** A GDPR erasure letter written (not sent) in a new case of this account, to go by post. */
async function draft() {
  const a = await newAccount();
  const { caseId, exposureId } = sentLetter(a.scope);
  const letterId = writeLetter(
    a.scope,
    caseId,
    LetterDetailsSchema.parse({
      exposureIds: [exposureId],
      option: "gdpr-erasure/gdpr",
      lang: "en",
      destination: "pdf|",
      requesterName: "Jana Nováková",
      requesterEmail: "jana@example.test",
      particularSituation: "Strangers have come to my door since the address was posted.",
      authorityName: "the data protection authority",
    }),
  );
  const l = getLetter(a.scope, caseId, letterId);
  return { a, l: { caseId, letterId, exposureId, reference: l.reference, body: l.body } };
}

describe("the old letter address", () => {
  it("sends a GET to the request page's letter section with its query string (301)", async () => {
    const { a, l } = await draft();
    const params = { caseId: l.caseId, letterId: l.letterId };
    const r = (await call(
      oldLetterRoute.loader,
      get(`/cases/${l.caseId}/letters/${l.letterId}?sent=1`, a.cookie),
      params,
    )) as Response;
    expect(r.status).toBe(301);
    expect(r.headers.get("location")).toBe(`/cases/${l.caseId}/requests/${l.letterId}?sent=1#letter`);
  });

  it("sends a POST on with its method and body (308), and the request page then saves it", async () => {
    const { a, l } = await draft();
    const params = { caseId: l.caseId, letterId: l.letterId };
    const body = {
      intent: "save",
      subject: `Erasure request [${l.reference}]`,
      body: "Please erase it all.",
    };
    const r = (await call(
      oldLetterRoute.action,
      post(`/cases/${l.caseId}/letters/${l.letterId}`, body, a.cookie),
      params,
    )) as Response;
    expect(r.status).toBe(308);
    const to = r.headers.get("location")!;
    expect(to).toBe(`/cases/${l.caseId}/requests/${l.letterId}`);
    // Nothing was saved by the redirect itself …
    expect(getLetter(a.scope, l.caseId, l.letterId).body).toBe(l.body);
    // … the form, posted again where it was sent (as a browser does for a 308), is.
    const saved = await call(requestRoute.action, post(to, body, a.cookie), params);
    expect(status(saved)).toBe(200);
    expect(getLetter(a.scope, l.caseId, l.letterId).body.trim()).toBe("Please erase it all.");
  });

  it("is a 404 for another workspace's letter and sends the signed-out to log in", async () => {
    const { a, l } = await draft();
    const b = await newAccount();
    const params = { caseId: l.caseId, letterId: l.letterId };
    const path = `/cases/${l.caseId}/letters/${l.letterId}`;
    expect(status(await call(oldLetterRoute.loader, get(path, b.cookie), params))).toBe(404);
    expect(status(await call(oldLetterRoute.action, post(path, { intent: "save" }, b.cookie), params))).toBe(
      404,
    );
    const other = sentLetter(b.scope, { status: "draft" });
    // A letter of the right workspace under another case's id is not found either.
    expect(
      status(
        await call(oldLetterRoute.loader, get(path, a.cookie), {
          caseId: other.caseId,
          letterId: l.letterId,
        }),
      ),
    ).toBe(404);
    const anonymous = (await call(oldLetterRoute.loader, get(path), params)) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
  });
});

describe("the request page", () => {
  it("shows a draft's letter to edit and its story so far", async () => {
    const { a, l } = await draft();
    const data = (await call(
      requestRoute.loader,
      get(`/cases/${l.caseId}/requests/${l.letterId}`, a.cookie),
      { caseId: l.caseId, letterId: l.letterId },
    )) as RequestData;
    expect(data.status).toBe("draft");
    expect(data.letter).toMatchObject({
      frozen: false,
      body: l.body,
      reference: l.reference,
      channel: "pdf",
    });
    expect(data.letter.title).toMatch(/Erasure/);
    expect(data.can).toMatchObject({ write: true, reply: false, followUp: false });
    expect(data.places).toEqual([expect.objectContaining({ exposureId: l.exposureId, lastCheck: null })]);
    expect(data.timeline.length).toBeGreaterThan(0);
  });

  it("shows a sent letter as sent, with what to do next and the latest check of each place", async () => {
    const a = await newAccount();
    const l = sentLetter(a.scope, { dueOn: "2020-01-31" });
    for (const [outcome, at] of [
      ["up", "2026-11-25T08:00:00Z"],
      ["removed", "2026-11-28T08:00:00Z"],
    ] as const)
      getDb()
        .insert(exposureChecks)
        .values({
          id: newId(),
          workspaceId: a.workspaceId,
          exposureId: l.exposureId,
          checkedAt: new Date(at),
          trigger: "scheduled",
          outcome,
          foundKinds: [],
        })
        .run();
    const data = (await call(
      requestRoute.loader,
      get(`/cases/${l.caseId}/requests/${l.letterId}`, a.cookie),
      { caseId: l.caseId, letterId: l.letterId },
    )) as RequestData;
    expect(data.letter.frozen).toBe(true);
    expect(data).toMatchObject({ status: "sent", overdue: true, due: "2020-01-31" });
    expect(data.can).toMatchObject({ reply: true, followUp: true });
    expect(data.places[0]!.lastCheck).toEqual({ on: "2026-11-28", outcome: "removed" });
  });

  it("refuses to save a sent letter (409) and an unknown action (400)", async () => {
    const a = await newAccount();
    const l = sentLetter(a.scope);
    const path = `/cases/${l.caseId}/requests/${l.letterId}`;
    const params = { caseId: l.caseId, letterId: l.letterId };
    const frozen = await call(
      requestRoute.action,
      post(path, { intent: "save", subject: `X [${l.reference}]`, body: "Changed." }, a.cookie),
      params,
    );
    expect(status(frozen)).toBe(409);
    expect(getLetter(a.scope, l.caseId, l.letterId).body).toBe("Please erase.");
    const unknown = (await call(
      requestRoute.action,
      post(path, { intent: "fly" }, a.cookie),
      params,
    )) as Response;
    expect(unknown.status).toBe(400);
    // The one failure shape (formFailure); the letter's own form, which names no intent, shows it.
    expect(await unknown.json()).toEqual({
      ok: false,
      formErrors: ["Unknown action."],
      fieldErrors: {},
      values: {},
    });
  });
});
