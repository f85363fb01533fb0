// Times the largest bulk operations that exist, in the bench data folder at full scale, then rolls them back
// so repeated runs measure the same database.
import { findUserIdByEmail } from "~/auth/users.server";
import { createCase } from "~/cases/cases.server";
import { closeDbForTests, getDb } from "~/db.server";
import { createExposuresBulk } from "~/exposures/exposures.server";
import { createSubject } from "~/subjects/subjects.server";
import type { Scope } from "~/workspaces/scope.server";
import { BENCH_USER } from "./seed";

class Rollback extends Error {}

export async function timeBulk({ lines, orgWorkspaceId }: { lines: number; orgWorkspaceId: string }) {
  const userId = findUserIdByEmail(BENCH_USER.email);
  if (!userId) throw new Error("the bench user is missing from the bench database");
  const scope: Scope = { userId, workspaceId: orgWorkspaceId, role: "owner" };
  const sqlite = getDb().$client;
  let exposuresMs = 0;
  try {
    // better-sqlite3 turns the functions' own transactions into savepoints inside this one.
    sqlite.transaction(() => {
      const subjectId = createSubject(scope, {
        name: "Bulk Bench",
        aliases: [],
        emails: [],
        phones: [],
        addresses: [],
        usernames: [],
        country: "DE",
        notes: "",
      });
      const caseId = createCase(scope, { subjectId, title: "Bulk bench" });
      const hosts = ["t.me", "facebook.com", "x.com", "pastebin.com", "spokeo.com", "leak-site-1.net"];
      const entries = Array.from({ length: lines }, (_, i) => ({
        line: i + 1,
        input: `https://${hosts[i % hosts.length]}/post/${i}`,
        fields: {
          exposed: ["home_address" as const, "phone" as const],
          callsForHarm: false,
          foundOn: "2026-11-01",
          severityOverride: null,
          status: "active" as const,
          notes: "",
        },
      }));
      const t = performance.now();
      const results = createExposuresBulk(scope, caseId, entries);
      exposuresMs = Math.round(performance.now() - t);
      if (results.filter((r) => r.status === "saved").length !== lines)
        throw new Error("bulk add saved too few");
      throw new Rollback();
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  closeDbForTests();
  return {
    lines,
    exposuresMs,
    lettersMs: null as number | null,
    lettersNote:
      "no bulk render-and-queue of letters exists yet (the letters helper exports writeLetter/sendLetter one at a time)",
  };
}
