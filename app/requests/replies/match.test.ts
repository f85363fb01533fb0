import { describe, expect, it } from "vitest";
import { matchReply, messageIds } from "./match";

const finder = {
  findLetterByMessageId: (id: string) =>
    ({ "<abc.1@retract.test>": "L1", "<old.2@retract.test>": "L2" })[id] ?? null,
  findLetterByReference: (ref: string) => ({ "RX-7KQ2-M9": "L3" })[ref] ?? null,
};

describe("matching replies to letters", () => {
  it("parses message ids with and without brackets", () => {
    expect(messageIds("<a@b> <c@d>")).toEqual(["<a@b>", "<c@d>"]);
    expect(messageIds(["<a@b>", "<c@d>"])).toEqual(["<a@b>", "<c@d>"]);
    expect(messageIds("a@b")).toEqual(["<a@b>"]);
    expect(messageIds(null)).toEqual([]);
  });

  it.each([
    [{ inReplyTo: "<abc.1@retract.test>" }, { letterId: "L1", by: "message_id" }],
    [{ references: ["<x@y>", "<old.2@retract.test>", "<z@y>"] }, { letterId: "L2", by: "message_id" }],
    [
      { inReplyTo: "<unknown@y>", subject: "Re: [rx-7kq2-m9] your request" },
      { letterId: "L3", by: "reference" },
    ],
    [
      { inReplyTo: "<abc.1@retract.test>", subject: "RX-7KQ2-M9" },
      { letterId: "L1", by: "message_id" },
    ],
    [{ subject: "Re: RX-AAAA-AA" }, null],
    [{ subject: "Hello" }, null],
  ])("%o → %o", (headers, expected) => {
    expect(matchReply(headers, finder)).toEqual(expected);
  });
});
