import { describe, expect, it } from "vitest";
import { z } from "zod";
import { messagesFor } from "~/i18n/locale.server";
import { createTranslator } from "~/i18n/translate";
import { englishOfMessage, formFailure, formFailureOrThrow, parseForm, UserError } from "./forms.server";

// `data()` keeps the body and the status on the value the route returns.
const read = (r: ReturnType<typeof formFailure>) => ({ status: r.init?.status, body: r.data });

describe("formFailure", () => {
  it("puts a parse failure's field errors and values in the page's shape, with 400", () => {
    const form = new FormData();
    form.set("email", "not an address");
    form.set("password", "secret");
    const parsed = parseForm(
      form,
      z.object({ email: z.email("Enter an email address."), password: z.string() }),
    );
    if (parsed.ok) throw new Error("expected a failure");
    expect(read(formFailure(parsed))).toEqual({
      status: 400,
      body: {
        ok: false,
        fieldErrors: { email: ["Enter an email address."] },
        formErrors: [],
        values: { email: "not an address" },
      },
    });
  });

  it("puts a UserError with a field under that field, with the error's status", () => {
    const e = new UserError("That name is taken.", { field: "name", status: 409 });
    expect(read(formFailure(e))).toEqual({
      status: 409,
      body: { ok: false, fieldErrors: { name: ["That name is taken."] }, formErrors: [], values: {} },
    });
  });

  it("puts a UserError without a field, or a plain message, on the whole form", () => {
    expect(read(formFailure(new UserError("Too many attempts.", { status: 429 })))).toEqual({
      status: 429,
      body: { ok: false, fieldErrors: {}, formErrors: ["Too many attempts."], values: {} },
    });
    expect(read(formFailure("Unknown action."))).toEqual({
      status: 400,
      body: { ok: false, fieldErrors: {}, formErrors: ["Unknown action."], values: {} },
    });
  });

  it("keeps what the page needs beside the errors, an explicit status and headers", () => {
    const r = formFailure("Not saved.", {
      status: 422,
      values: { body: "Dear {{ name }}" },
      extra: { intent: "upload" as const },
      headers: { "Set-Cookie": "a=b" },
    });
    expect(read(r)).toEqual({
      status: 422,
      body: {
        ok: false,
        fieldErrors: {},
        formErrors: ["Not saved."],
        values: { body: "Dear {{ name }}" },
        intent: "upload",
      },
    });
    expect(new Headers(r.init?.headers).get("Set-Cookie")).toBe("a=b");
  });
});

describe("formFailureOrThrow", () => {
  it("answers a UserError (or a subclass) as formFailure does, with the same options", () => {
    class NameTaken extends UserError {}
    const r = formFailureOrThrow(new NameTaken("That name is taken.", { field: "name", status: 409 }), {
      extra: { intent: "rename" as const },
    });
    expect(read(r)).toEqual({
      status: 409,
      body: {
        ok: false,
        fieldErrors: { name: ["That name is taken."] },
        formErrors: [],
        values: {},
        intent: "rename",
      },
    });
  });

  it("throws anything else on, unchanged", () => {
    const fault = new Error("disk full");
    expect(() => formFailureOrThrow(fault)).toThrow(fault);
    const notFound = new Response("Not found", { status: 404 });
    expect(() => formFailureOrThrow(notFound)).toThrow(notFound);
  });
});

describe("message keys in failures (docs/i18n.md)", () => {
  const korean = createTranslator("ko", messagesFor("ko"));

  it("a UserError given a key has English as its message and says it in the translator's language", () => {
    const e = new UserError({ key: "errors.evidence.empty" }, { field: "file", status: 413 });
    expect(e.message).toBe("The file is empty.");
    expect(read(formFailure(e, { translator: korean }))).toEqual({
      status: 413,
      body: { ok: false, fieldErrors: { file: ["파일이 비어 있습니다."] }, formErrors: [], values: {} },
    });
    expect(read(formFailureOrThrow(e)).body.fieldErrors).toEqual({ file: ["The file is empty."] });
  });

  it("a key's values reach its words", () => {
    const e = new UserError({ key: "exposure.errors.tooLarge", values: { mb: 25 } });
    expect(e.message).toBe("This file is larger than 25 MB, the limit on this server.");
  });

  it("a parse failure's keys are English without a translator (a page not translated yet), never a key", () => {
    const parsed = parseForm(new FormData(), z.object({ day: z.string("errors.date.format") }));
    if (parsed.ok) throw new Error("expected a failure");
    expect(read(formFailure(parsed)).body.fieldErrors).toEqual({ day: ["Enter the date as YYYY-MM-DD."] });
    expect(read(formFailure(parsed, { translator: korean })).body.fieldErrors).toEqual({
      day: ["날짜를 YYYY-MM-DD 형식으로 입력해 주십시오."],
    });
    expect(read(formFailure("errors.unknownAction")).body.formErrors).toEqual(["Unknown action."]);
    expect(englishOfMessage("errors.date.format")).toBe("Enter the date as YYYY-MM-DD.");
    expect(englishOfMessage("Not a key.")).toBe("Not a key.");
  });
});
