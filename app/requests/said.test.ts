// Domain errors with a message key: English in their message (the API's words), the page's language through saidIn.
import { describe, expect, it } from "vitest";
import { messagesFor } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { englishOf, saidIn } from "./said";

describe("said", () => {
  it("gives the English for the message and the page's words for the page", () => {
    const said = { key: "errors.nextLetter.authorityLangs" as const, values: { langs: "German, English" } };
    expect(englishOf(said)).toBe(
      "This authority takes complaints in German, English: choose one of these languages.",
    );
    const error = Object.assign(new Error(englishOf(said)), { said });
    expect(saidIn(createTranslator("ko", messagesFor("ko")), error)).toBe(
      "이 감독기관은 다음 언어로 민원을 받습니다: German, English. 이 중 하나를 선택해 주십시오.",
    );
    expect(saidIn(createTranslator("de", messagesFor("de")), new Error("Plain words."))).toBe("Plain words.");
  });
});
