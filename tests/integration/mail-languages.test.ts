// Mail to Retract's own users in their language (decision 149), read back from a real SMTP server on 127.0.0.1:
// the account's page language, else the language of the page that caused the mail, else English; jobs (the
// reminder digest, the re-check notice) use the recipient's stored language.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letters } from "#db/schema";
import { setUserLocale } from "~/auth/users.server";
import { createCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { createExposuresBulk, listExposures } from "~/exposures/exposures.server";
import { recheckExposure } from "~/rechecks/rechecks.server";
import { sendReminderDigests } from "~/requests/tracking/reminders.server";
import * as forgotRoute from "~/routes/forgot-password";
import * as signupRoute from "~/routes/signup";
import { createSubject } from "~/subjects/subjects.server";
import { createInvitation } from "~/workspaces/invitations.server";
import { createOrganisation } from "~/workspaces/workspaces.server";
import { asResponse, call, newAccount, post } from "./helpers";
import { type SystemMail, useSystemMailServer } from "./system-mail";
import { sentLetter } from "./tracking-fixtures";

const inbox = useSystemMailServer();

/** A mail's words with its links, references (RX-…), addresses and the product's name taken out. */
function words(mail: SystemMail) {
  return `${mail.subject}\n${mail.text}`
    .replace(/https?:\/\/\S+/g, "")
    .replace(/RX-[0-9A-Z-]+/g, "")
    .replace(/\S+@\S+/g, "")
    .replace(/Retract/g, "");
}

/** A Korean mail has Hangul and no run of two English words (names given by the test are left out first). */
function expectKorean(mail: SystemMail, ...names: string[]) {
  let text = words(mail);
  for (const n of names) text = text.replaceAll(n, "");
  expect(text).toMatch(/[\uac00-\ud7a3]/);
  expect(text, text).not.toMatch(/[A-Za-z]{2,}\s+[A-Za-z]{2,}/);
}

const lastTo = (email: string) => inbox.filter((m) => m.to === email).at(-1)!;

function withLanguage(request: Request, language: string) {
  request.headers.set("Accept-Language", language);
  return request;
}

describe("password reset mail", () => {
  it("is in the account's language (Korean), whatever the page asking spoke", async () => {
    const a = await newAccount("김지은");
    setUserLocale(a.id, "ko");
    await call(forgotRoute.action, withLanguage(post("/forgot-password", { email: a.email }), "de"));
    const mail = lastTo(a.email);
    expect(mail.subject).toBe("Retract 비밀번호 재설정");
    expect(mail.text).toContain("김지은님, 안녕하세요.");
    expect(mail.text).toContain("1시간 안에 이 링크를 여세요");
    expect(mail.text).toMatch(/https:\/\/retract\.example\.org\/reset-password\?token=[\w-]+/);
    expectKorean(mail);
  });

  it("is in the page's language (German) for an account that never chose one", async () => {
    const a = await newAccount("Jana Nováková");
    await call(
      forgotRoute.action,
      withLanguage(post("/forgot-password", { email: a.email }), "de-DE,de;q=0.9"),
    );
    const mail = lastTo(a.email);
    expect(mail.subject).toBe("Ihr Retract-Passwort zurücksetzen");
    expect(mail.text).toContain("Hallo Jana Nováková,");
    expect(mail.text).toContain("öffnen Sie diesen Link innerhalb einer Stunde");
    expect(mail.text).not.toContain("Someone asked");
  });
});

describe("sign-up mail", () => {
  const ask = async (body: Record<string, string>, language: string, ip: string) =>
    asResponse(
      await signupRoute.action({
        request: withLanguage(post("/signup", body), language),
        params: {},
        context: { cspNonce: "t", clientIp: ip },
      }),
    ) as Response;

  it("a new address gets the link in the page's language (Korean)", async () => {
    const email = "new-korean@example.test";
    expect((await ask({ name: "박민수", email }, "ko-KR,ko;q=0.9", "203.0.113.51")).status).toBe(200);
    const mail = lastTo(email);
    expect(mail.subject).toBe("Retract 계정 만들기를 마무리하세요");
    expect(mail.text).toContain("24시간 안에 이 링크를 열고");
    expect(mail.text).toMatch(/https:\/\/retract\.example\.org\/signup\?token=\S+/);
    expectKorean(mail);
  });

  it("an address with an account is told so in that account's language (French)", async () => {
    const a = await newAccount("Claire Martin");
    setUserLocale(a.id, "fr");
    expect((await ask({ name: "X", email: a.email }, "ko", "203.0.113.52")).status).toBe(200);
    const mail = lastTo(a.email);
    expect(mail.subject).toBe("Votre compte Retract");
    expect(mail.text).toContain("cette adresse a déjà un compte");
    expect(mail.text).toContain("Pour vous connecter : https://retract.example.org/login");
    expect(mail.text).not.toContain("already has one");
  });
});

describe("invitation mail", () => {
  it("an address without an account gets the inviter's language (Korean)", async () => {
    const owner = await newAccount("Owner");
    setUserLocale(owner.id, "ko");
    const { id: orgId } = createOrganisation(owner.id, "Legal Aid North");
    const scope = { userId: owner.id, workspaceId: orgId, role: "owner" as const };
    const email = "invitee-ko@example.test";
    await createInvitation(scope, { email, role: "caseworker" });
    const mail = lastTo(email);
    expect(mail.subject).toBe("Retract의 Legal Aid North에 초대되었습니다");
    expect(mail.text).toContain("담당자 역할로 초대되었습니다");
    expect(mail.text).toContain("7일 동안 한 번만");
    expectKorean(mail, "Legal Aid North");

    // The page's own language, when the route gives it, wins over the inviter's account setting.
    await createInvitation(scope, { email: "invitee-nl@example.test", role: "viewer", locale: "nl" });
    const dutch = lastTo("invitee-nl@example.test");
    expect(dutch.subject).toBe("U bent uitgenodigd voor Legal Aid North op Retract");
    expect(dutch.text).toContain("met de rol alleen lezen");
  });

  it("an address with an account gets its own language (German)", async () => {
    const owner = await newAccount("Owner");
    setUserLocale(owner.id, "ko");
    const invitee = await newAccount("Invitee");
    setUserLocale(invitee.id, "de");
    const { id: orgId } = createOrganisation(owner.id, "Beratung Süd");
    await createInvitation(
      { userId: owner.id, workspaceId: orgId, role: "owner" },
      { email: invitee.email, role: "admin" },
    );
    const mail = lastTo(invitee.email);
    expect(mail.subject).toBe("Sie sind zu Beratung Süd auf Retract eingeladen");
    expect(mail.text).toContain("mit der Rolle Administrator");
    expect(mail.text).toContain("7 Tage lang");
  });
});

describe("reminder digest", () => {
  it("is in each recipient's language, with days written out", async () => {
    const ko = await newAccount();
    setUserLocale(ko.id, "ko");
    const fr = await newAccount();
    setUserLocale(fr.id, "fr");
    const now = new Date("2026-12-10T08:00:00Z");
    const late = sentLetter(ko.scope, { dueOn: "2026-12-07" });
    sentLetter(fr.scope, { dueOn: "2026-12-07" });
    const draft = sentLetter(fr.scope, { status: "draft", dueOn: null });
    getDb()
      .update(letters)
      .set({ createdAt: new Date("2026-12-01T08:00:00Z") })
      .where(eq(letters.id, draft.letterId))
      .run();
    await sendReminderDigests(now);

    const korean = lastTo(ko.email);
    expect(korean.subject).toBe("Retract: 기한이 지난 요청 1건");
    expect(korean.text).toContain("오늘 확인이 필요한 요청입니다.");
    expect(korean.text).toContain(`${late.reference}: 기한 2026년 12월 7일(3일 지남)`);
    expect(korean.text).toContain(`/cases/${late.caseId}/requests/${late.letterId}`);
    // A letter with no recipient record goes "to an unknown site", in the mail's language too.
    expect(korean.text).toContain(`알 수 없는 사이트에 보낸 ${late.reference}`);
    expectKorean(korean);

    const french = lastTo(fr.email);
    expect(french.subject).toBe("Retract : 1 demande en retard");
    expect(french.text).toContain("à rendre le 7 décembre 2026 (en retard de 3 jours)");
    expect(french.text).toContain("Lettres pas encore envoyées (1) :");
    expect(french.text).toContain(
      `${draft.reference} à Site inconnu : vous avez écrit cette lettre le 1 décembre 2026 et ne l’avez pas encore envoyée.`,
    );
    expect(french.text).not.toContain("You receive this");
  });
});

describe("re-check notice", () => {
  let server: Server;
  let base = "";
  let body = "";
  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" });
      res.end(body);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
  });

  it("tells whoever recorded the place, in their language (Korean), that it is back online", async () => {
    const a = await newAccount();
    setUserLocale(a.id, "ko");
    const subjectId = createSubject(a.scope, {
      name: "Jana Nováková",
      aliases: [],
      emails: [],
      phones: [],
      addresses: [],
      usernames: [],
      country: "DE",
      notes: "",
    });
    const caseId = createCase(a.scope, { subjectId, title: "Case" });
    createExposuresBulk(a.scope, caseId, [
      {
        line: 1,
        input: `${base}/paste/1`,
        fields: {
          exposed: ["email"],
          callsForHarm: false,
          foundOn: "2026-11-01",
          severityOverride: null,
          status: "removed",
          notes: "",
        },
      },
    ]);
    const exposureId = listExposures(a.scope, caseId)[0]!.id;
    body = "<p>Jana Nováková</p>";
    const back = await recheckExposure(a.scope, caseId, exposureId, { allowLoopback: true, timeoutMs: 3000 });
    expect(back.outcome).toBe("reappeared");
    const mail = lastTo(a.email);
    expect(mail.subject).toBe("Retract: 삭제되었던 내용이 다시 올라왔습니다");
    expect(mail.text).toContain(
      `Retract에서 보기: https://retract.example.org/cases/${caseId}/exposures/${exposureId}`,
    );
    expectKorean(mail);
  });
});
