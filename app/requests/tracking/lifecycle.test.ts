import { describe, expect, it } from "vitest";
import {
  EVENT_TYPES,
  IllegalTransitionError,
  isDueSoon,
  isOverdue,
  REFUSAL_REASONS,
  REFUSALS,
  REPLY_OUTCOMES,
  REQUEST_STATES,
  type RequestEvent,
  type RequestEventType,
  type RequestState,
  requestStateLabel,
  suggestedNextLetter,
  transition,
} from "./lifecycle";

// The legal moves, written out by hand (independent of ALLOWED_FROM): "state event" → next state.
// Replies are listed per outcome as "reply:<outcome>".
const LEGAL: Record<string, RequestState> = {
  "draft queue": "queued",
  "failed queue": "queued",
  "draft mark_sent": "sent",
  "queued smtp_accepted": "sent",
  "queued smtp_failed": "failed",
  "sent bounce": "failed",
  "sent acknowledge": "acknowledged",
  "follow_up_sent acknowledge": "acknowledged",
  "sent announce_extension": "extended",
  "acknowledged announce_extension": "extended",
  "authority_decided close": "closed",
  "escalated authority_outcome": "authority_decided",
};
const answerable: RequestState[] = [
  "sent",
  "acknowledged",
  "extended",
  "more_info_requested",
  "follow_up_sent",
  "partly_removed",
  "escalated",
];
for (const s of answerable)
  for (const o of REPLY_OUTCOMES) if (o !== s) LEGAL[`${s} reply:${o}`] = o as RequestState;
const pursuable: RequestState[] = [
  "sent",
  "acknowledged",
  "extended",
  "more_info_requested",
  "follow_up_sent",
  "partly_removed",
  "refused",
  // They said it was done, and a re-check found it still up.
  "removed",
  "no_longer_there",
];
for (const s of pursuable) {
  LEGAL[`${s} follow_up`] = "follow_up_sent";
  LEGAL[`${s} escalate`] = "escalated";
}
for (const s of REQUEST_STATES)
  if (!["draft", "queued", "closed"].includes(s)) LEGAL[`${s} close`] = "closed";
// "Stop reminding me": from every open state (sent or failed, not closed, not already set aside).
for (const s of REQUEST_STATES)
  if (!["draft", "queued", "closed", "abandoned"].includes(s)) LEGAL[`${s} abandon`] = "abandoned";
// Resuming goes back to the state named (the one the request left); tested here with "acknowledged".
LEGAL["abandoned resume"] = "acknowledged";

function eventsFor(type: RequestEventType): { key: string; event: RequestEvent }[] {
  if (type === "reply")
    return REPLY_OUTCOMES.map((o) => ({
      key: `reply:${o}`,
      event: (o === "refused"
        ? { type: "reply", outcome: "refused", reason: "freedom_of_expression" }
        : { type: "reply", outcome: o }) as RequestEvent,
    }));
  if (type === "announce_extension") return [{ key: type, event: { type, newDueOn: "2026-03-01" } }];
  if (type === "resume") return [{ key: type, event: { type, to: "acknowledged" } }];
  return [{ key: type, event: { type } as RequestEvent }];
}

const allCases = REQUEST_STATES.flatMap((state) =>
  EVENT_TYPES.flatMap((type) => eventsFor(type).map(({ key, event }) => ({ state, key, event }))),
);
const legal = allCases.filter((c) => LEGAL[`${c.state} ${c.key}`]);
const illegal = allCases.filter((c) => !LEGAL[`${c.state} ${c.key}`]);

describe("request lifecycle", () => {
  it("covers every state × event pair in one of the two tables", () => {
    expect(legal.length + illegal.length).toBe(
      REQUEST_STATES.length * (EVENT_TYPES.length - 1 + REPLY_OUTCOMES.length),
    );
    expect(legal.length).toBe(Object.keys(LEGAL).length);
  });

  it.each(legal.map((c) => [c.state, c.key, c.event] as const))("%s —%s→ allowed", (state, key, event) => {
    expect(transition(state, event)).toBe(LEGAL[`${state} ${key}`]);
  });

  it.each(illegal.map((c) => [c.state, c.key, c.event] as const))("%s —%s→ refused", (state, _key, event) => {
    expect(() => transition(state, event)).toThrow(IllegalTransitionError);
  });

  it("refuses unknown states, a refusal without a known reason and an extension without a date", () => {
    expect(() => transition("lost", { type: "close" })).toThrow(IllegalTransitionError);
    expect(() =>
      transition("sent", { type: "reply", outcome: "refused", reason: "because" as never }),
    ).toThrow(/reason/);
    expect(() => transition("sent", { type: "announce_extension", newDueOn: "soon" })).toThrow(/due date/);
  });

  it("a set-aside request resumes only to an open state", () => {
    expect(transition("abandoned", { type: "resume", to: "refused" })).toBe("refused");
    for (const to of ["draft", "queued", "closed", "abandoned"] as const)
      expect(() => transition("abandoned", { type: "resume", to })).toThrow(/open state/);
  });

  it("a set-aside request is never overdue nor due soon, whatever its date", () => {
    const r = { status: "abandoned", dueOn: "2026-01-31" };
    expect(isOverdue(r, "2026-06-01")).toBe(false);
    expect(isDueSoon(r, "2026-01-30", 3)).toBe(false);
  });

  it("says 'they say it is done' until every place is checked gone", () => {
    expect(requestStateLabel("removed", false)).toBe("they say it is done");
    expect(requestStateLabel("no_longer_there", false)).toBe("no longer there");
    expect(requestStateLabel("removed", true)).toBe("removed (checked)");
    expect(requestStateLabel("no_longer_there", true)).toBe("removed (checked)");
    expect(requestStateLabel("refused", true)).toBe("refused");
  });

  it("the error names the state and the event", () => {
    try {
      transition("closed", { type: "follow_up" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransitionError);
      expect((e as IllegalTransitionError).from).toBe("closed");
      expect((e as IllegalTransitionError).event).toBe("follow_up");
    }
  });
});

describe("overdue (derived)", () => {
  const r = { status: "sent", dueOn: "2026-01-31" };
  it.each([
    [{ ...r }, "2026-01-31", false],
    [{ ...r }, "2026-02-01", true],
    [{ ...r, status: "acknowledged" }, "2026-02-01", true],
    [{ ...r, status: "extended", announcedDueOn: "2026-04-30" }, "2026-02-01", false],
    [{ ...r, status: "extended", announcedDueOn: "2026-04-30" }, "2026-05-01", true],
    [{ ...r, status: "more_info_requested" }, "2026-03-01", false],
    [{ ...r, status: "removed" }, "2026-03-01", false],
    [{ ...r, status: "draft", dueOn: null }, "2026-03-01", false],
  ])("%o on %s → %s", (req, today, expected) => {
    expect(isOverdue(req, today)).toBe(expected);
  });

  it("due soon: within three days, inclusive, not past", () => {
    expect(isDueSoon(r, "2026-01-28", 3)).toBe(true);
    expect(isDueSoon(r, "2026-01-27", 3)).toBe(false);
    expect(isDueSoon(r, "2026-01-31", 3)).toBe(true);
    expect(isDueSoon(r, "2026-02-01", 3)).toBe(false);
  });
});

describe("refusal vocabulary", () => {
  it("contains the Data Rights Protocol's denial reasons and Retract's additions", () => {
    for (const drp of [
      "suspected_fraud",
      "insuf_verification",
      "no_match",
      "claim_not_covered",
      "outside_jurisdiction",
      "too_many_requests",
      "other",
    ])
      expect(REFUSALS[drp as keyof typeof REFUSALS].drp).toBe(true);
    for (const own of ["id_document_demanded", "wrong_channel", "freedom_of_expression", "not_our_data"])
      expect(REFUSALS[own as keyof typeof REFUSALS].drp).toBe(false);
  });

  it.each(REFUSAL_REASONS)("%s has a label, advice and a next letter", (reason) => {
    const info = REFUSALS[reason];
    expect(info.label.length).toBeGreaterThan(5);
    expect(info.advice.length).toBeGreaterThan(40);
    expect(["follow-up", "regulator-complaint", "dsa-notice"]).toContain(info.nextLetter);
    expect(suggestedNextLetter("refused", reason)).toBe(info.nextLetter);
  });
});
