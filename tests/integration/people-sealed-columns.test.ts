// The people tables (users, sessions, subjects, cases, client intakes) on the encrypted() column type: what the
// app writes is the ciphertext encrypt() wrote before, under the same associated data (so existing databases
// need no migration), and rows written the old way by hand read back through the domain functions, logged.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "#db/schema";
import { createSession, getCurrentSession } from "~/auth/session.server";
import { listSessions } from "~/auth/sessions.server";
import { getUserProfile } from "~/auth/users.server";
import { createCase, getCase } from "~/cases/cases.server";
import { getDb } from "~/db.server";
import { decrypt, encrypt } from "~/security/crypto.server";
import { createIntake, getIntake } from "~/subjects/intake.server";
import { IntakeSchema } from "~/subjects/intake-schema.server";
import { createSubject, getSubject, getSubjectResidence } from "~/subjects/subjects.server";
import { get, newAccount } from "./helpers";

const raw = (sql: string, ...params: unknown[]) =>
  getDb()
    .$client.prepare(sql)
    .get(...params) as Record<string, string>;

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";

const person = {
  name: "Ilse Brandvold",
  aliases: ["I. B."],
  emails: ["ilse@example.org"],
  phones: ["+47 400 00 000"],
  addresses: ["7 Fjordgata, Bergen"],
  usernames: ["ilseb"],
  country: "US",
  region: "VA",
  notes: "Moved in spring",
};

describe("the people tables on the encrypted column type", () => {
  it("store what encrypt() stored, under the same associated data", async () => {
    const a = await newAccount("Ragnhild Osei");
    const cookie = (
      await createSession({ userId: a.id, workspaceId: a.workspaceId, userAgent: FIREFOX })
    ).split(";")[0]!;
    const idHash = (await getCurrentSession(get("/", cookie)))!.sessionIdHash;
    const subjectId = createSubject(a.scope, person);
    const caseId = createCase(a.scope, { subjectId, title: "Address posted on a forum" });

    const user = raw("SELECT email_enc, name_enc FROM users WHERE id = ?", a.id);
    expect(decrypt(user.email_enc!, `user:${a.id}:email`)).toBe(a.email);
    expect(decrypt(user.name_enc!, `user:${a.id}:name`)).toBe("Ragnhild Osei");
    const session = raw("SELECT user_agent_enc FROM sessions WHERE id_hash = ?", idHash);
    expect(decrypt(session.user_agent_enc!, `session:${idHash}:ua`)).toBe(FIREFOX);

    const s = raw("SELECT * FROM subjects WHERE id = ?", subjectId);
    const open = (f: string) => decrypt(s[`${f}_enc`]!, `subject:${subjectId}:${f}`);
    expect(open("name")).toBe(person.name);
    for (const f of ["aliases", "emails", "phones", "addresses", "usernames"] as const)
      expect(JSON.parse(open(f))).toEqual(person[f]);
    expect([open("country"), open("region"), open("notes")]).toEqual(["US", "VA", person.notes]);

    const c = raw("SELECT title_enc FROM cases WHERE id = ?", caseId);
    expect(decrypt(c.title_enc!, `case:${caseId}:title`)).toBe("Address posted on a forum");

    const intake = createIntake(
      a.scope,
      IntakeSchema.parse({
        name: "Tove Lindqvist",
        safeChannel: "email",
        safeContact: "tove@example.org",
        othersRead: "no",
        harm: "no",
        consent: "yes",
      }),
    );
    const i = raw("SELECT id, answers_enc FROM client_intakes WHERE subject_id = ?", intake.subjectId);
    expect(JSON.parse(decrypt(i.answers_enc!, `intake:${i.id}:answers`))).toMatchObject({
      safeChannel: "email",
      safeContact: "tove@example.org",
    });
  });

  it("read rows written by the hand-written encrypt() calls, and log each read", async () => {
    const a = await newAccount();
    const subjectId = createSubject(a.scope, { ...person, name: "placeholder" });
    const caseId = createCase(a.scope, { subjectId, title: "placeholder" });
    const intake = createIntake(
      a.scope,
      IntakeSchema.parse({
        name: "Per Aas",
        safeChannel: "email",
        othersRead: "no",
        harm: "no",
        consent: "no",
      }),
    );
    const intakeId = raw("SELECT id FROM client_intakes WHERE subject_id = ?", intake.subjectId).id!;
    const cookie = (await createSession({ userId: a.id, workspaceId: a.workspaceId, userAgent: "x" })).split(
      ";",
    )[0]!;
    const idHash = (await getCurrentSession(get("/", cookie)))!.sessionIdHash;

    // Overwrite every field as the code before the column type wrote it.
    const sqlite = getDb().$client;
    const ctx = (f: string) => `subject:${subjectId}:${f}`;
    sqlite
      .prepare(
        `UPDATE subjects SET name_enc = ?, aliases_enc = ?, emails_enc = ?, phones_enc = ?, addresses_enc = ?,
           usernames_enc = ?, country_enc = ?, region_enc = ?, notes_enc = ? WHERE id = ?`,
      )
      .run(
        encrypt("Solveig Haug", ctx("name")),
        encrypt(JSON.stringify(["Sol"]), ctx("aliases")),
        encrypt(JSON.stringify(["sol@example.org"]), ctx("emails")),
        encrypt(JSON.stringify([]), ctx("phones")),
        encrypt(JSON.stringify(["1 Strandkaien, Bergen"]), ctx("addresses")),
        encrypt(JSON.stringify(["solh"]), ctx("usernames")),
        encrypt("DE", ctx("country")),
        encrypt("BE", ctx("region")),
        encrypt("Old note", ctx("notes")),
        subjectId,
      );
    sqlite
      .prepare("UPDATE cases SET title_enc = ? WHERE id = ?")
      .run(encrypt("Old title", `case:${caseId}:title`), caseId);
    sqlite
      .prepare("UPDATE users SET email_enc = ?, name_enc = ? WHERE id = ?")
      .run(encrypt("old@example.org", `user:${a.id}:email`), encrypt("Old Name", `user:${a.id}:name`), a.id);
    sqlite
      .prepare("UPDATE sessions SET user_agent_enc = ? WHERE id_hash = ?")
      .run(encrypt(SAFARI, `session:${idHash}:ua`), idHash);
    sqlite
      .prepare("UPDATE client_intakes SET answers_enc = ? WHERE id = ?")
      .run(
        encrypt(JSON.stringify({ safeChannel: "post", harm: "no" }), `intake:${intakeId}:answers`),
        intakeId,
      );

    expect(getSubject(a.scope, subjectId)).toMatchObject({
      name: "Solveig Haug",
      aliases: ["Sol"],
      emails: ["sol@example.org"],
      phones: [],
      addresses: ["1 Strandkaien, Bergen"],
      usernames: ["solh"],
      country: "DE",
      region: "BE",
      notes: "Old note",
    });
    expect(getSubjectResidence(a.scope, subjectId)).toEqual({ country: "DE", region: "BE" });
    expect(getCase(a.scope, caseId).title).toBe("Old title");
    expect(getUserProfile(a.id)).toEqual({ id: a.id, email: "old@example.org", name: "Old Name" });
    const current = { ...a.scope, sessionIdHash: idHash };
    expect(listSessions(current).find((x) => x.id === idHash)?.device).toBe("Safari on macOS");
    expect(getIntake(a.scope, intake.subjectId)?.answers).toEqual({ safeChannel: "post", harm: "no" });

    const reads = (action: string, targetId: string) =>
      getDb()
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, targetId)))
        .all().length;
    expect(reads("subject.read", subjectId)).toBe(2);
    expect(reads("case.read", caseId)).toBe(1);
    expect(reads("intake.read", intake.subjectId)).toBe(1);
  });
});
