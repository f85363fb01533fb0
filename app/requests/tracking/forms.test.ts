// The dates of a letter the user sent themselves: real dates, received not before sent, neither in the future.
import { describe, expect, it } from "vitest";
import { isMessageKey } from "~/i18n/errors";
import { englishMessages } from "~/i18n/locale.server";
import { sentDatesSchema } from "./forms.server";

// The schema's messages are keys (docs/i18n.md): read in English here.
const english = (m: string) => (isMessageKey(m) ? englishMessages[m] : m);

const issues = (now: Date, sentOn: string, receivedOn: string) => {
  const r = sentDatesSchema(now).safeParse({ sentOn, receivedOn });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${english(i.message)}`);
};

describe("sentDatesSchema", () => {
  const now = new Date("2026-12-02T14:00:00Z"); // already 3 December in Kiribati (UTC+14)

  it("accepts posted and received on the same day, or received later", () => {
    expect(issues(now, "2026-11-20", "2026-11-20")).toEqual([]);
    expect(issues(now, "2026-11-20", "2026-11-24")).toEqual([]);
  });

  it("accepts a date that is already today somewhere east of the server", () => {
    expect(issues(now, "2026-12-03", "2026-12-03")).toEqual([]);
  });

  it("refuses a date after today everywhere, and received before sent", () => {
    expect(issues(now, "2026-12-01", "2026-12-04")).toEqual([
      "receivedOn: The date they received it cannot be in the future.",
    ]);
    expect(issues(now, "2026-12-04", "2026-12-04")).toEqual([
      "sentOn: The date it was sent cannot be in the future.",
      "receivedOn: The date they received it cannot be in the future.",
    ]);
    expect(issues(now, "2026-11-20", "2026-11-19")).toEqual([
      "receivedOn: They cannot have received it before it was sent: check both dates.",
    ]);
  });

  it("refuses dates that are not real calendar dates", () => {
    expect(issues(now, "2026-02-30", "2026-03-01")).toEqual([
      "sentOn: Enter the date it was sent as YYYY-MM-DD.",
    ]);
    expect(issues(now, "2026-11-20", "")).toEqual([
      "receivedOn: Enter the date they received it as YYYY-MM-DD.",
    ]);
  });
});
