// The bench's seeded request timelines (bench/seed-rows.ts) follow the app's own lifecycle: every event is a
// legal transition from the state before it, the letter's status is the state its story ends in (also when the
// seeder cuts a story short), and nothing happens before sending or after the data set's "now".
import { describe, expect, it } from "vitest";
import { type RequestEvent, transition } from "~/requests/tracking/lifecycle";
import { letterStory, type Plan, type StoryStep } from "../../bench/seed-rows";

const plan = { epoch: Date.UTC(2026, 10, 1), letterExposure: new Int32Array(5000) } as unknown as Plan;

function eventOf(s: StoryStep): RequestEvent {
  if (s.kind === "reply")
    return s.outcome === "refused"
      ? { type: "reply", outcome: "refused", reason: s.reason as never }
      : { type: "reply", outcome: s.outcome as never };
  if (s.kind === "announce_extension") return { type: "announce_extension", newDueOn: s.dueOn! };
  return { type: s.kind } as RequestEvent;
}

describe("bench timeline stories", () => {
  it("replay through the lifecycle to the letter's status, within the letter's dates", () => {
    const kinds = new Set<string>();
    const statuses = new Set<string>();
    for (let l = 0; l < 5000; l++) {
      for (const cap of [Number.POSITIVE_INFINITY, 2]) {
        const story = letterStory(plan, l, cap);
        statuses.add(story.status);
        if (story.sentAt === null) {
          expect(story.status).toBe("draft");
          expect(story.steps).toEqual([]);
          continue;
        }
        expect(story.steps.length).toBeLessThanOrEqual(cap);
        let state = "sent";
        let t = story.sentAt;
        for (const s of story.steps) {
          kinds.add(s.kind);
          expect(s.from).toBe(state);
          state = transition(state, eventOf(s));
          expect(state).toBe(s.to);
          expect(s.at).toBeGreaterThan(t);
          expect(s.at).toBeLessThan(plan.epoch);
          t = s.at;
        }
        expect(story.status).toBe(state);
        expect(story.updated).toBe(t);
      }
    }
    // Realistic spread: every kind of event and most states occur.
    expect([...kinds].sort()).toEqual(
      [
        "acknowledge",
        "announce_extension",
        "authority_outcome",
        "close",
        "escalate",
        "follow_up",
        "reply",
      ].sort(),
    );
    expect(statuses.size).toBeGreaterThanOrEqual(12);
  });

  it("is deterministic, and a cut story is the start of the whole one", () => {
    for (let l = 0; l < 500; l++) {
      const whole = letterStory(plan, l);
      expect(letterStory(plan, l)).toEqual(whole);
      expect(letterStory(plan, l, 1).steps).toEqual(whole.steps.slice(0, 1));
    }
  });
});
