import { describe, expect, it } from "vitest";
import { type MatchLike, recipientView } from "./recipient-view";

const base = { countries: ["US"], quality: "verified" as const, verifiedOn: "2026-11-23", parent: null };

describe("recipientView: the channel to use first", () => {
  it("a platform's privacy form before its abuse report (X, YouTube, TikTok)", () => {
    const v = recipientView({
      ...base,
      id: "curated:x",
      name: "X",
      kind: "platform",
      channels: [
        { kind: "inapp", purpose: "abuse", address: "Report the post" },
        { kind: "webform", purpose: "privacy", address: "https://help.x.com/forms/privacy" },
        { kind: "webform", purpose: "copyright", address: "https://help.x.com/forms/dmca" },
      ],
    });
    expect(v.channel?.purpose).toBe("privacy");
    expect(v.otherChannels.map((c) => c.purpose)).toEqual(["abuse", "copyright"]);
  });

  it("a platform without a privacy channel: its abuse report (Telegram)", () => {
    const v = recipientView({
      ...base,
      id: "curated:telegram",
      name: "Telegram",
      kind: "platform",
      channels: [
        { kind: "email", purpose: "copyright", address: "dmca@telegram.org" },
        { kind: "email", purpose: "abuse", address: "abuse@telegram.org" },
      ],
    });
    expect(v.channel).toEqual({ kind: "email", purpose: "abuse", address: "abuse@telegram.org" });
  });

  it("a host's abuse desk first", () => {
    const v = recipientView({
      ...base,
      id: "h",
      name: "Host",
      kind: "host",
      channels: [
        { kind: "email", purpose: "privacy", address: "dpo@host.example" },
        { kind: "email", purpose: "abuse", address: "abuse@host.example" },
      ],
    });
    expect(v.channel?.address).toBe("abuse@host.example");
  });

  it("a front site without channels: its parent's opt-out, naming the parent", () => {
    const parent: MatchLike = {
      ...base,
      id: "data-brokers:peopleConnect",
      name: "PeopleConnect",
      kind: "data_broker",
      channels: [
        { kind: "webform", purpose: "privacy", address: "https://suppression.peopleconnect.us/login" },
      ],
    };
    const v = recipientView({
      ...base,
      id: "data-brokers:truthFinder",
      name: "Truth Finder",
      kind: "data_broker",
      channels: [],
      parent,
    });
    expect(v.channel?.address).toBe("https://suppression.peopleconnect.us/login");
    expect(v.channelOf).toBe("PeopleConnect");
    expect(v.parent).toEqual({ id: parent.id, name: "PeopleConnect", kind: "data_broker" });
  });

  it("no channel at all", () => {
    const v = recipientView({ ...base, id: "c", name: "C", kind: "company", channels: [] });
    expect(v).toMatchObject({ channel: null, channelOf: null, otherChannels: [] });
  });
});
