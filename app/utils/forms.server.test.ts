import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formFailure, formFailureOrThrow, parseForm, UserError } from "./forms.server";

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
