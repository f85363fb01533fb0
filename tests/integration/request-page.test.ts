// The request page, the case timeline, the inbox and the mailbox settings, called as Remix loaders and actions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as requestRoute from "~/routes/cases.$caseId.requests.$letterId";
import * as timelineRoute from "~/routes/cases.$caseId.timeline";
import * as inboxRoute from "~/routes/inbox";
import * as mailboxRoute from "~/routes/settings.mailbox";
import { type Dovecot, startDovecot } from "./dovecot";
import { call, get, newAccount, post, status } from "./helpers";
import { sentLetter } from "./tracking-fixtures";

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
}, 20_000);
afterAll(async () => {
  await dovecot?.stop();
});

type RequestData = Awaited<ReturnType<typeof requestRoute.loader>>;

describe("request page", () => {
  it("records a refusal with its reason, shows the advice, and refuses an illegal move with 409", async () => {
    const a = await newAccount();
    const l = sentLetter(a.scope, { dueOn: "2020-01-31" });
    const path = `/cases/${l.caseId}/requests/${l.letterId}`;
    const params = { caseId: l.caseId, letterId: l.letterId };
    let data = (await call(requestRoute.loader, get(path, a.cookie), params)) as RequestData;
    expect(data).toMatchObject({ status: "sent", overdue: true, due: "2020-01-31" });

    const missing = await call(
      requestRoute.action,
      post(path, { intent: "reply", outcome: "refused", receivedOn: "2026-11-20" }, a.cookie),
      params,
    );
    expect(status(missing)).toBe(400);

    const ok = await call(
      requestRoute.action,
      post(
        path,
        {
          intent: "reply",
          outcome: "refused",
          reason: "id_document_demanded",
          receivedOn: "2026-11-20",
          text: "Send us your passport.",
        },
        a.cookie,
      ),
      params,
    );
    expect(status(ok)).toBe(302);
    data = (await call(requestRoute.loader, get(path, a.cookie), params)) as RequestData;
    expect(data).toMatchObject({
      status: "refused",
      overdue: false,
      refusalReason: "id_document_demanded",
      next: "follow-up",
    });
    expect(data.replies.map((r) => r.text)).toEqual(["Send us your passport."]);
    expect(data.timeline.map((t) => t.kind)).toEqual(expect.arrayContaining(["reply", "mail"]));

    const illegal = await call(
      requestRoute.action,
      post(path, { intent: "extension", newDueOn: "2026-12-31" }, a.cookie),
      params,
    );
    expect(status(illegal)).toBe(409);

    const other = await newAccount();
    expect(status(await call(requestRoute.loader, get(path, other.cookie), params))).toBe(404);
    expect(
      status(await call(requestRoute.action, post(path, { intent: "close" }, other.cookie), params)),
    ).toBe(404);

    const tl = (await call(timelineRoute.loader, get(`/cases/${l.caseId}/timeline`, a.cookie), {
      caseId: l.caseId,
    })) as Awaited<ReturnType<typeof timelineRoute.loader>>;
    expect(tl.requests).toEqual([expect.objectContaining({ reference: l.reference, status: "refused" })]);
  });

  it("the dashboard lists overdue requests", async () => {
    const a = await newAccount();
    const l = sentLetter(a.scope, { dueOn: "2020-01-31" });
    const data = (await call(home.loader, get("/", a.cookie))) as {
      reminders: { reference: string; overdue: boolean }[];
    };
    expect(data.reminders).toEqual([expect.objectContaining({ reference: l.reference, overdue: true })]);
  });
});

describe("mailbox settings and inbox", () => {
  it("saves the account, reads the mailbox on request, and attaches unmatched mail by reference", async () => {
    const a = await newAccount();
    const l = sentLetter(a.scope);
    const save = await call(
      mailboxRoute.action,
      post(
        "/settings/mailbox",
        {
          intent: "save",
          host: dovecot.host,
          port: String(dovecot.port),
          security: "starttls",
          user: dovecot.user,
          password: dovecot.password,
          mailbox: "INBOX",
        },
        a.cookie,
      ),
    );
    expect(status(save)).toBe(200);
    const loaded = (await call(mailboxRoute.loader, get("/settings/mailbox", a.cookie))) as Awaited<
      ReturnType<typeof mailboxRoute.loader>
    >;
    expect(loaded.settings).toMatchObject({ host: "127.0.0.1", user: dovecot.user });
    expect(JSON.stringify(loaded)).not.toContain(dovecot.password);

    dovecot.deliver(
      `From: someone@host.example\r\nTo: ${dovecot.user}\r\nSubject: About your letter\r\nMessage-ID: <inbox-${Date.now()}@host.example>\r\n\r\nWe removed it.\r\n`,
    );
    const fetched = await call(mailboxRoute.action, post("/settings/mailbox", { intent: "fetch" }, a.cookie));
    expect(status(fetched)).toBe(200);
    const box = (await call(inboxRoute.loader, get("/inbox", a.cookie))) as Awaited<
      ReturnType<typeof inboxRoute.loader>
    >;
    const msg = box.messages.find((m) => m.subject === "About your letter")!;
    expect(msg.text).toContain("We removed it.");

    const bad = await call(
      inboxRoute.action,
      post("/inbox", { messageId: msg.id, reference: "RX-0000-00" }, a.cookie),
    );
    expect(status(bad)).toBe(400);
    const assigned = await call(
      inboxRoute.action,
      post("/inbox", { messageId: msg.id, reference: l.reference }, a.cookie),
    );
    expect(status(assigned)).toBe(302);
    expect((assigned as Response).headers.get("location")).toBe(`/cases/${l.caseId}/requests/${l.letterId}`);
  });
});
