// The case timeline page shows the newest events and links to all of them (`?events=all`, a plain link, so it
// works without JavaScript); only the notes it shows are decrypted, and that read is logged.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, requestEvents } from "#db/schema";
import { getDb } from "~/db.server";
import * as timelineRoute from "~/routes/cases.$caseId.timeline";
import { sealFor } from "~/security/encrypted-type.server";
import { newId } from "~/utils/ids.server";
import { call, get, newAccount, status } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

const decrypted: string[] = [];
vi.mock("~/security/crypto.server", async (importOriginal) => {
  const m = await importOriginal<typeof import("~/security/crypto.server")>();
  return {
    ...m,
    decrypt: (value: string, context: string, ...rest: unknown[]) => {
      decrypted.push(context);
      return (m.decrypt as (...a: unknown[]) => string)(value, context, ...rest);
    },
  };
});

type Data = Awaited<ReturnType<typeof timelineRoute.loader>>;

const NOTES = 120;
const sealNote = sealFor("request_events", "note_enc");
let a: Awaited<ReturnType<typeof newAccount>>;
let l: ReturnType<typeof sentLetter>;

beforeAll(async () => {
  a = await newAccount();
  l = sentLetter(a.scope);
  // 120 notes, one a minute, all newer than the letter itself (written now, sent 2026-11-20).
  const start = Date.UTC(2099, 0, 1);
  getDb()
    .insert(requestEvents)
    .values(
      Array.from({ length: NOTES }, (_, i) => {
        const id = newId();
        return {
          id,
          workspaceId: a.scope.workspaceId,
          caseId: l.caseId,
          letterId: l.letterId,
          at: new Date(start + i * 60_000),
          kind: "note",
          noteEnc: sealNote(id, `note ${i}`),
          actorUserId: a.scope.userId,
        };
      }),
    )
    .run();
});

const notesOf = (d: Data) => d.timeline.flatMap((t) => (t.note ? [t.note] : []));
const eventContexts = () => decrypted.filter((c) => c.startsWith("request_event:"));

describe("case timeline page", () => {
  it("shows the newest 100 events, newest first, with the total, and decrypts only their notes", async () => {
    decrypted.length = 0;
    const before = getDb().select().from(auditEvents).all().length;
    const d = (await call(timelineRoute.loader, get(`/cases/${l.caseId}/timeline`, a.cookie), {
      caseId: l.caseId,
    })) as Data;
    // The 120 notes, the letter written and the letter sent.
    expect(d.timelineTotal).toBe(NOTES + 2);
    expect(d.allEvents).toBe(false);
    expect(d.timeline).toHaveLength(100);
    expect(notesOf(d)).toEqual(Array.from({ length: 100 }, (_, i) => `note ${NOTES - 1 - i}`));
    const times = d.timeline.map((t) => t.at);
    expect(times).toEqual([...times].sort().reverse());
    // Only the 100 notes shown were decrypted …
    expect(eventContexts()).toHaveLength(100);
    // … and the read was logged for the case.
    const reads = getDb()
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "request.read"))
      .all()
      .filter((e) => e.targetId === l.caseId);
    expect(reads.length).toBeGreaterThan(0);
    expect(getDb().select().from(auditEvents).all().length).toBeGreaterThan(before);
    // One request: listed whole.
    expect(d.requests).toEqual([expect.objectContaining({ reference: l.reference })]);
    expect(d.requestsTotal).toBe(1);
  });

  it("shows every event with ?events=all, the older ones included", async () => {
    decrypted.length = 0;
    const d = (await call(timelineRoute.loader, get(`/cases/${l.caseId}/timeline?events=all`, a.cookie), {
      caseId: l.caseId,
    })) as Data;
    expect(d.allEvents).toBe(true);
    expect(d.timelineTotal).toBe(NOTES + 2);
    expect(d.timeline).toHaveLength(NOTES + 2);
    expect(notesOf(d)).toEqual(Array.from({ length: NOTES }, (_, i) => `note ${NOTES - 1 - i}`));
    // The oldest: the letter was sent (2026-11-20) before this test wrote it (now).
    expect(d.timeline.slice(-2).map((t) => t.kind)).toEqual(["created", expect.stringMatching(/sent|smtp/)]);
    expect(eventContexts()).toHaveLength(NOTES);
  });

  it("shows a short timeline whole, without a link", async () => {
    const b = await newAccount();
    const s = sentLetter(b.scope);
    const d = (await call(timelineRoute.loader, get(`/cases/${s.caseId}/timeline`, b.cookie), {
      caseId: s.caseId,
    })) as Data;
    expect(d.timelineTotal).toBe(d.timeline.length);
    expect(d.timeline.length).toBeGreaterThan(0);
  });

  it("lists the newest 50 requests with the total, and every one with ?letters=all", async () => {
    const b = await newAccount();
    const first = sentLetter(b.scope);
    for (let i = 0; i < 54; i++) sentLetter(b.scope, { caseId: first.caseId });
    const paged = (await call(timelineRoute.loader, get(`/cases/${first.caseId}/timeline`, b.cookie), {
      caseId: first.caseId,
    })) as Data;
    expect(paged.requestsTotal).toBe(55);
    expect(paged.requests).toHaveLength(50);
    expect(paged.allRequests).toBe(false);
    const all = (await call(
      timelineRoute.loader,
      get(`/cases/${first.caseId}/timeline?letters=all`, b.cookie),
      { caseId: first.caseId },
    )) as Data;
    expect(all.allRequests).toBe(true);
    expect(all.requests).toHaveLength(55);
    expect(all.requestsTotal).toBe(55);
    // The page shows the newest first: the paged list is the start of the whole one.
    expect(paged.requests.map((r) => r.id)).toEqual(all.requests.slice(0, 50).map((r) => r.id));
    expect(all.requests.map((r) => r.reference)).toContain(first.reference);
  });

  it("is a 404 for another workspace's case, paged or not", async () => {
    const other = await newAccount();
    for (const q of ["", "?events=all", "?letters=all"])
      expect(
        status(
          await call(timelineRoute.loader, get(`/cases/${l.caseId}/timeline${q}`, other.cookie), {
            caseId: l.caseId,
          }),
        ),
      ).toBe(404);
  });
});
