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
import { addWorkspace, createTestDb, ownerOf } from "./fixtures/test-db";
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
    const { items, total } = searchRecipients(null, { q: "telegram" }, db);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(items[0]?.id).toBe("curated:telegram");
    expect(items.map((i) => i.id)).toContain("datenanfragen:telegram");
  });

  it("finds by domain, including a front site's", () => {
    expect(searchRecipients(null, { q: "youtu.be" }, db).items[0]?.id).toBe("curated:youtube");
    expect(searchRecipients(null, { q: "truthfinder.com" }, db).items.map((i) => i.id)).toEqual([
      "data-brokers:truthFinder",
    ]);
  });

  it("filters by kind and country; ALL counts as relevant everywhere", () => {
    const regulators = searchRecipients(null, { kind: "regulator", country: "DE", pageSize: 100 }, db);
    expect(regulators.items.every((i) => i.kind === "regulator")).toBe(true);
    expect(regulators.items.map((i) => i.id)).toContain("curated:dsc-de");
    expect(regulators.items.map((i) => i.id)).not.toContain("curated:ico");
    const ieKr = searchRecipients(null, { kind: "regulator", country: "KR" }, db);
    expect(ieKr.items.map((i) => i.id).sort()).toEqual([
      "curated:kr-kcsc",
      "curated:kr-kisa",
      "curated:kr-pipc",
    ]);
    expect(searchRecipients(null, { kind: "data_broker" }, db).total).toBe(60);
  });

  it("needs every word and paginates over the whole directory", () => {
    expect(searchRecipients(null, { q: "meta ireland" }, db).items.map((i) => i.id)).toContain(
      "curated:facebook",
    );
    const all = searchRecipients(null, {}, db);
    expect(all.total).toBe(3069 + 57 + 60 + 46);
    const page2 = searchRecipients(null, { page: 2 }, db);
    expect(page2.items).toHaveLength(25);
    expect(page2.items[0]?.id).not.toBe(all.items[0]?.id);
    expect(searchRecipients(null, { q: "100%_\\" }, db).total).toBe(0);
  });

  it("filters by category", () => {
    const { items } = searchRecipients(null, { category: "people search", pageSize: 100 }, db);
    expect(items).toHaveLength(60);
  });
});

describe("matchUrl", () => {
  it.each(URL_CASES)("$url → $recipient", ({ url, domain, recipient, parent }) => {
    const match = matchUrl(null, url, db);
    expect(match?.domain).toBe(domain);
    expect(match?.recipient?.id ?? null).toBe(recipient);
    expect(match?.recipient?.parent?.id).toBe(parent);
  });

  it("names the channel a new user needs", () => {
    const telegram = matchUrl(null, "https://t.me/leaks/42", db)?.recipient;
    expect(telegram?.channels).toContainEqual(
      expect.objectContaining({ kind: "email", purpose: "abuse", address: "abuse@telegram.org" }),
    );
    const truthFinder = matchUrl(null, "https://www.truthfinder.com/x", db)?.recipient;
    expect(truthFinder?.parent?.channels[0]).toMatchObject({
      kind: "webform",
      address: "https://suppression.peopleconnect.us/login",
    });
  });

  it.each(MALFORMED)("answers null for %j", (input) => {
    expect(matchUrl(null, input, db)).toBeNull();
  });
});

describe("a workspace's corrections and own recipients", () => {
  it("shows a correction beside the original, to that workspace only", () => {
    expect(
      correctRecipient(
        ownerOf("ws-a"),
        {
          recipientId: "curated:pastebin",
          fields: { channels: [{ kind: "email", purpose: "abuse", address: "abuse@pastebin.example.org" }] },
          note: "They answered from this address",
        },
        db,
      ),
    ).toEqual({ kind: "correction" });

    const mine = getRecipient({ workspaceId: "ws-a" }, "curated:pastebin", db);
    expect(mine?.correction?.note).toBe("They answered from this address");
    expect(mine?.effective.channels).toEqual([
      { kind: "email", purpose: "abuse", address: "abuse@pastebin.example.org" },
    ]);
    expect(mine?.channels.some((c) => c.kind === "inapp")).toBe(true);
    expect(
      matchUrl({ workspaceId: "ws-a" }, "https://pastebin.com/abc", db)?.recipient?.channels[0]?.address,
    ).toBe("abuse@pastebin.example.org");

    const theirs = getRecipient({ workspaceId: "ws-b" }, "curated:pastebin", db);
    expect(theirs?.correction).toBeNull();
    expect(theirs?.effective.channels).toEqual(theirs?.channels);
    expect(
      matchUrl({ workspaceId: "ws-b" }, "https://pastebin.com/abc", db)?.recipient?.channels[0]?.kind,
    ).toBe("inapp");
    expect(
      searchRecipients({ workspaceId: "ws-b" }, { q: "pastebin" }, db).items.find(
        (i) => i.id === "curated:pastebin",
      )?.corrected,
    ).toBe(false);
    expect(
      searchRecipients({ workspaceId: "ws-a" }, { q: "pastebin" }, db).items.find(
        (i) => i.id === "curated:pastebin",
      )?.corrected,
    ).toBe(true);
  });

  it("maps a domain to a shared recipient for one workspace only", () => {
    correctRecipient(
      ownerOf("ws-a"),
      { recipientId: "curated:telegram", fields: { domains: ["telegram-mirror.net"] } },
      db,
    );
    expect(matchUrl({ workspaceId: "ws-a" }, "https://telegram-mirror.net/x", db)?.recipient?.id).toBe(
      "curated:telegram",
    );
    expect(matchUrl({ workspaceId: "ws-b" }, "https://telegram-mirror.net/x", db)?.recipient).toBeNull();
    expect(matchUrl(null, "https://telegram-mirror.net/x", db)?.recipient).toBeNull();
    expect(removeCorrection(ownerOf("ws-a"), "curated:telegram", db)).toBe(true);
    expect(matchUrl({ workspaceId: "ws-a" }, "https://telegram-mirror.net/x", db)?.recipient).toBeNull();
  });

  it("adds a recipient for an unknown domain, invisible to other workspaces", () => {
    const unknown = matchUrl({ workspaceId: "ws-a" }, "https://www.some-leak-forum.net/thread/1", db);
    expect(unknown).toEqual({ domain: "some-leak-forum.net", matchedDomain: null, recipient: null });
    const { id } = createWorkspaceRecipient(
      ownerOf("ws-a"),
      {
        input: {
          name: "Some Leak Forum",
          kind: "platform",
          domains: [unknown!.domain],
          channels: [{ kind: "webform", purpose: "abuse", address: "https://some-leak-forum.net/report" }],
          parentId: "curated:cloudflare",
        },
      },
      db,
    );
    expect(
      matchUrl({ workspaceId: "ws-a" }, "https://some-leak-forum.net/thread/1", db)?.recipient,
    ).toMatchObject({
      id,
      name: "Some Leak Forum",
      parent: { id: "curated:cloudflare" },
    });
    expect(
      matchUrl({ workspaceId: "ws-b" }, "https://some-leak-forum.net/thread/1", db)?.recipient,
    ).toBeNull();
    expect(getRecipient({ workspaceId: "ws-b" }, id, db)).toBeNull();
    expect(getRecipient(null, id, db)).toBeNull();
    expect(searchRecipients({ workspaceId: "ws-b" }, { q: "some leak forum" }, db).total).toBe(0);
    expect(searchRecipients({ workspaceId: "ws-a" }, { q: "some leak forum" }, db).items[0]).toMatchObject({
      id,
      own: true,
    });
    expect(
      correctRecipient(ownerOf("ws-b"), { recipientId: id, fields: { name: "Hijacked" } }, db),
    ).toBeNull();
    expect(
      correctRecipient(ownerOf("ws-a"), { recipientId: id, fields: { name: "Leak Forum" } }, db),
    ).toEqual({
      kind: "updated",
    });
    expect(getRecipient({ workspaceId: "ws-a" }, id, db)?.name).toBe("Leak Forum");
  });

  it("a workspace's own recipient wins over the shared one for its domain", () => {
    createWorkspaceRecipient(
      ownerOf("ws-b"),
      { input: { name: "Our contact at Reddit", kind: "platform", domains: ["reddit.com"] } },
      db,
    );
    expect(matchUrl({ workspaceId: "ws-b" }, "https://www.reddit.com/r/x", db)?.recipient?.name).toBe(
      "Our contact at Reddit",
    );
    expect(matchUrl({ workspaceId: "ws-a" }, "https://www.reddit.com/r/x", db)?.recipient?.id).toBe(
      "curated:reddit",
    );
  });

  it("refuses bad input", () => {
    expect(() =>
      createWorkspaceRecipient(
        ownerOf("ws-a"),
        { input: { name: "X", kind: "platform", domains: ["not a domain"] } },
        db,
      ),
    ).toThrow(DirectoryInputError);
    expect(() =>
      correctRecipient(
        ownerOf("ws-a"),
        { recipientId: "data-brokers:peopleConnect", fields: { parentId: "data-brokers:truthFinder" } },
        db,
      ),
    ).toThrow(
      // Its English words for the API and the logs; its key for the page (`said`).
      expect.objectContaining({
        message: "A recipient can't be its own parent",
        said: { key: "errors.directory.parentSelf", values: undefined },
      }),
    );
  });
});
