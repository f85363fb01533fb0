// The dashboard's "waiting for you": a request where the recipient asked for more information, and one whose
// place they say is removed until someone checks it; nothing from another workspace.
import { describe, expect, it } from "vitest";
import { createCase } from "~/cases/cases.server";
import { needsYou } from "~/dashboard/attention.server";
import { getDb } from "~/db.server";
import { createExposure } from "~/exposures/exposures.server";
import { setExposureStatus } from "~/exposures/status.server";
import { normaliseUrl } from "~/exposures/url";
import { applyEvent } from "~/requests/requests.server";
import { createSubject, SubjectFieldsSchema } from "~/subjects/subjects.server";
import type { Scope } from "~/workspaces/scope.server";
import { sentLetter } from "./factories";
import { newAccount } from "./helpers";

function place(scope: Scope, caseId: string, address: string) {
  const url = normaliseUrl(address);
  if (!url.ok) throw new Error("fixture");
  return createExposure(scope, caseId, {
    url: url.value,
    exposed: ["phone"],
    callsForHarm: false,
    foundOn: "2026-11-01",
    severityOverride: null,
    status: "active",
    notes: "",
  });
}

describe("what is waiting for the person", () => {
  it("lists requests that asked for more information and places said removed until checked", async () => {
    const { scope } = await newAccount();
    const subjectId = createSubject(scope, SubjectFieldsSchema.parse({ name: "Kim Example" }));
    const caseId = createCase(scope, { subjectId, title: "Phone number posted" });
    const asked = sentLetter(scope, caseId, {
      exposureIds: [place(scope, caseId, "https://lookup.example.com/1")],
    });
    const saidGoneId = place(scope, caseId, "https://lookup.example.net/2");
    const saidGone = sentLetter(scope, caseId, { exposureIds: [saidGoneId] });
    const quiet = sentLetter(scope, caseId, {
      exposureIds: [place(scope, caseId, "https://lookup.example.org/3")],
    });
    expect(needsYou(scope)).toEqual([]);

    applyEvent(scope.workspaceId, asked.id, { type: "reply", outcome: "more_info_requested" }, scope.userId);
    const move = (to: "said_removed" | "removed") =>
      setExposureStatus(getDb(), { workspaceId: scope.workspaceId, exposureIds: [saidGoneId] }, to, {
        source: "reply",
        actorUserId: scope.userId,
        letterId: saidGone.id,
      });
    move("said_removed");
    const list = needsYou(scope);
    expect(list.map((n) => [n.reference, n.reason]).sort()).toEqual(
      [
        [asked.reference, "more_info"],
        [saidGone.reference, "check_removed"],
      ].sort(),
    );
    expect(list.every((n) => n.caseId === caseId && n.recipientName.length > 0)).toBe(true);
    expect(list.some((n) => n.letterId === quiet.id)).toBe(false);

    // Checked gone: nothing left to check.
    move("removed");
    expect(needsYou(scope).map((n) => n.reason)).toEqual(["more_info"]);
    const stranger = await newAccount();
    expect(needsYou(stranger.scope)).toEqual([]);
  });
});
