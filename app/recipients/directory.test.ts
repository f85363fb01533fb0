import { beforeAll, describe, expect, it } from "vitest";
import {
  correctRecipient,
  createWorkspaceRecipient,
  DirectoryInputError,
  getRecipient,
  matchUrl,
  removeCorrection,
  searchRecipients,
} from "./directory.server";
import { addWorkspace, createTestDb } from "./fixtures/test-db";
import { MALFORMED, URL_CASES } from "./fixtures/url-cases";
import { importDirectory } from "./import.server";

const db = createTestDb();

beforeAll(() => {
  importDirectory(db);
  addWorkspace(db, "ws-a");
  addWorkspace(db, "ws-b");
});

describe("searchRecipients", () => {
  it("finds by name, exact matches first", () => {
    const { items, total } = searchRecipients(db, { q: "telegram" });
    expect(total).toBeGreaterThanOrEqual(2);
    expect(items[0]?.id).toBe("curated:telegram");
    expect(items.map((i) => i.id)).toContain("datenanfragen:telegram");
  });

  it("finds by domain, including a front site's", () => {
    expect(searchRecipients(db, { q: "youtu.be" }).items[0]?.id).toBe("curated:youtube");
    expect(searchRecipients(db, { q: "truthfinder.com" }).items.map((i) => i.id)).toEqual([
      "data-brokers:truthFinder",
    ]);
  });

  it("filters by kind and country; ALL counts as relevant everywhere", () => {
    const regulators = searchRecipients(db, { kind: "regulator", country: "DE", pageSize: 100 });
    expect(regulators.items.every((i) => i.kind === "regulator")).toBe(true);
    expect(regulators.items.map((i) => i.id)).toContain("curated:dsc-de");
    expect(regulators.items.map((i) => i.id)).not.toContain("curated:ico");
    const ieKr = searchRecipients(db, { kind: "regulator", country: "KR" });
    expect(ieKr.items.map((i) => i.id).sort()).toEqual([
      "curated:kr-kcsc",
      "curated:kr-kisa",
      "curated:kr-pipc",
    ]);
    expect(searchRecipients(db, { kind: "data_broker" }).total).toBe(60);
  });

  it("needs every word and paginates over the whole directory", () => {
    expect(searchRecipients(db, { q: "meta ireland" }).items.map((i) => i.id)).toContain("curated:facebook");
    const all = searchRecipients(db, {});
    expect(all.total).toBe(3069 + 57 + 60 + 46);
    const page2 = searchRecipients(db, { page: 2 });
    expect(page2.items).toHaveLength(25);
    expect(page2.items[0]?.id).not.toBe(all.items[0]?.id);
    expect(searchRecipients(db, { q: "100%_\\" }).total).toBe(0);
  });

  it("filters by category", () => {
    const { items } = searchRecipients(db, { category: "people search", pageSize: 100 });
    expect(items).toHaveLength(60);
  });
});

describe("matchUrl", () => {
  it.each(URL_CASES)("$url → $recipient", ({ url, domain, recipient, parent }) => {
    const match = matchUrl(db, url);
    expect(match?.domain).toBe(domain);
    expect(match?.recipient?.id ?? null).toBe(recipient);
    expect(match?.recipient?.parent?.id).toBe(parent);
  });

  it("names the channel a new user needs", () => {
    const telegram = matchUrl(db, "https://t.me/leaks/42")?.recipient;
    expect(telegram?.channels).toContainEqual(
      expect.objectContaining({ kind: "email", purpose: "abuse", address: "abuse@telegram.org" }),
    );
    const truthFinder = matchUrl(db, "https://www.truthfinder.com/x")?.recipient;
    expect(truthFinder?.parent?.channels[0]).toMatchObject({
      kind: "webform",
      address: "https://suppression.peopleconnect.us/login",
    });
  });

  it.each(MALFORMED)("answers null for %j", (input) => {
    expect(matchUrl(db, input)).toBeNull();
  });
});

describe("a workspace's corrections and own recipients", () => {
  it("shows a correction beside the original, to that workspace only", () => {
    expect(
      correctRecipient(db, {
        workspaceId: "ws-a",
        recipientId: "curated:pastebin",
        fields: { channels: [{ kind: "email", purpose: "abuse", address: "abuse@pastebin.example.org" }] },
        note: "They answered from this address",
      }),
    ).toEqual({ kind: "correction" });

    const mine = getRecipient(db, "curated:pastebin", "ws-a");
    expect(mine?.correction?.note).toBe("They answered from this address");
    expect(mine?.effective.channels).toEqual([
      { kind: "email", purpose: "abuse", address: "abuse@pastebin.example.org" },
    ]);
    expect(mine?.channels.some((c) => c.kind === "inapp")).toBe(true);
    expect(matchUrl(db, "https://pastebin.com/abc", "ws-a")?.recipient?.channels[0]?.address).toBe(
      "abuse@pastebin.example.org",
    );

    const theirs = getRecipient(db, "curated:pastebin", "ws-b");
    expect(theirs?.correction).toBeNull();
    expect(theirs?.effective.channels).toEqual(theirs?.channels);
    expect(matchUrl(db, "https://pastebin.com/abc", "ws-b")?.recipient?.channels[0]?.kind).toBe("inapp");
    expect(
      searchRecipients(db, { q: "pastebin", workspaceId: "ws-b" }).items.find(
        (i) => i.id === "curated:pastebin",
      )?.corrected,
    ).toBe(false);
    expect(
      searchRecipients(db, { q: "pastebin", workspaceId: "ws-a" }).items.find(
        (i) => i.id === "curated:pastebin",
      )?.corrected,
    ).toBe(true);
  });

  it("maps a domain to a shared recipient for one workspace only", () => {
    correctRecipient(db, {
      workspaceId: "ws-a",
      recipientId: "curated:telegram",
      fields: { domains: ["telegram-mirror.net"] },
    });
    expect(matchUrl(db, "https://telegram-mirror.net/x", "ws-a")?.recipient?.id).toBe("curated:telegram");
    expect(matchUrl(db, "https://telegram-mirror.net/x", "ws-b")?.recipient).toBeNull();
    expect(matchUrl(db, "https://telegram-mirror.net/x")?.recipient).toBeNull();
    expect(removeCorrection(db, { workspaceId: "ws-a", recipientId: "curated:telegram" })).toBe(true);
    expect(matchUrl(db, "https://telegram-mirror.net/x", "ws-a")?.recipient).toBeNull();
  });

  it("adds a recipient for an unknown domain, invisible to other workspaces", () => {
    const unknown = matchUrl(db, "https://www.some-leak-forum.net/thread/1", "ws-a");
    expect(unknown).toEqual({ domain: "some-leak-forum.net", matchedDomain: null, recipient: null });
    const { id } = createWorkspaceRecipient(db, {
      workspaceId: "ws-a",
      input: {
        name: "Some Leak Forum",
        kind: "platform",
        domains: [unknown!.domain],
        channels: [{ kind: "webform", purpose: "abuse", address: "https://some-leak-forum.net/report" }],
        parentId: "curated:cloudflare",
      },
    });
    expect(matchUrl(db, "https://some-leak-forum.net/thread/1", "ws-a")?.recipient).toMatchObject({
      id,
      name: "Some Leak Forum",
      parent: { id: "curated:cloudflare" },
    });
    expect(matchUrl(db, "https://some-leak-forum.net/thread/1", "ws-b")?.recipient).toBeNull();
    expect(getRecipient(db, id, "ws-b")).toBeNull();
    expect(getRecipient(db, id)).toBeNull();
    expect(searchRecipients(db, { q: "some leak forum", workspaceId: "ws-b" }).total).toBe(0);
    expect(searchRecipients(db, { q: "some leak forum", workspaceId: "ws-a" }).items[0]).toMatchObject({
      id,
      own: true,
    });
    expect(
      correctRecipient(db, { workspaceId: "ws-b", recipientId: id, fields: { name: "Hijacked" } }),
    ).toBeNull();
    expect(
      correctRecipient(db, { workspaceId: "ws-a", recipientId: id, fields: { name: "Leak Forum" } }),
    ).toEqual({
      kind: "updated",
    });
    expect(getRecipient(db, id, "ws-a")?.name).toBe("Leak Forum");
  });

  it("a workspace's own recipient wins over the shared one for its domain", () => {
    createWorkspaceRecipient(db, {
      workspaceId: "ws-b",
      input: { name: "Our contact at Reddit", kind: "platform", domains: ["reddit.com"] },
    });
    expect(matchUrl(db, "https://www.reddit.com/r/x", "ws-b")?.recipient?.name).toBe("Our contact at Reddit");
    expect(matchUrl(db, "https://www.reddit.com/r/x", "ws-a")?.recipient?.id).toBe("curated:reddit");
  });

  it("refuses bad input", () => {
    expect(() =>
      createWorkspaceRecipient(db, {
        workspaceId: "ws-a",
        input: { name: "X", kind: "platform", domains: ["not a domain"] },
      }),
    ).toThrow(DirectoryInputError);
    expect(() =>
      correctRecipient(db, {
        workspaceId: "ws-a",
        recipientId: "data-brokers:peopleConnect",
        fields: { parentId: "data-brokers:truthFinder" },
      }),
    ).toThrow(/own parent/);
  });
});
