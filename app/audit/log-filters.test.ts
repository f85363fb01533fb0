// The audit log's action and target names: message keys for the page, the English catalogue's words for the CSV
// export (the same words the export had before the pages were translated).
import { describe, expect, it } from "vitest";
import { inEnglish } from "~/i18n/english.server";
import { messagesFor } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { ACTION_KEYS, targetKey } from "./log-filters";

describe("audit log words", () => {
  it("are English in the export, as before", () => {
    expect(inEnglish(ACTION_KEYS["subject.read"]!)).toBe("Looked at a client's details");
    expect(inEnglish(ACTION_KEYS["token.revoke"]!)).toBe("Revoked an access token");
    expect(inEnglish(targetKey("inbound_message"))).toBe("Reply");
  });

  it("are in the page's language on the page, and every action has its words", () => {
    const ko = createTranslator("ko", messagesFor("ko"));
    expect(ko.t(ACTION_KEYS["audit.view"]!)).toBe("감사 기록을 봄");
    for (const key of Object.values(ACTION_KEYS))
      expect(ko.t(key).replace(/PDF|CSV/g, "")).not.toMatch(/[A-Za-z]{3}/);
    expect(ko.t(targetKey("something_new"))).toBe("기타");
  });
});
