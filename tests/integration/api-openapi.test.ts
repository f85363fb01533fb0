// The OpenAPI document: every API route file's path and methods are in it (and nothing else), every documented
// request body is the very schema the handler parses (an invalid body gets the same issues from both), and the
// examples pass that schema.
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS, type Endpoint } from "~/api/endpoints.server";
import { jsonSchema } from "~/api/openapi.server";
import { issuesOf } from "~/api/run.server";
import { createAccessToken } from "~/api/tokens.server";
import { loader as openApiLoader } from "~/routes/api.v1.openapi[.]json";
import { call, newAccount } from "./helpers";

type Doc = {
  openapi: string;
  // biome-ignore lint/suspicious/noExplicitAny: the document is JSON under test
  paths: Record<string, Record<string, Record<string, any>>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
};

/** `api.v1.cases.$caseId.exposures.ts` → `/api/v1/cases/{caseId}/exposures`; `[.]` is a literal dot. */
function pathOf(file: string) {
  return `/${file
    .replace(/\.tsx?$/, "")
    .replace(/\[\.\]/g, "~")
    .split(".")
    .map((seg) => seg.replace(/_$/, "").replace(/^\$(.+)$/, "{$1}"))
    .join("/")
    .replace(/~/g, ".")}`;
}

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
};

/** The JSON Schema keywords the document uses, checked the way a client's validator would (no zod involved). */
function validates(schema: Schema, v: unknown): boolean {
  const kind = Array.isArray(v) ? "array" : v === null ? "null" : Number.isInteger(v) ? "integer" : typeof v;
  const types = schema.type === undefined ? null : ([] as string[]).concat(schema.type);
  if (types && !types.includes(kind) && !(kind === "integer" && types.includes("number"))) return false;
  if (schema.const !== undefined && v !== schema.const) return false;
  if (schema.enum && !schema.enum.includes(v)) return false;
  if (schema.oneOf && schema.oneOf.filter((x) => validates(x, v)).length !== 1) return false;
  if (schema.anyOf && !schema.anyOf.some((x) => validates(x, v))) return false;
  if (typeof v === "string") {
    if (schema.minLength !== undefined && v.length < schema.minLength) return false;
    if (schema.maxLength !== undefined && v.length > schema.maxLength) return false;
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(v)) return false;
  }
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && v.length > schema.maxItems) return false;
    if (schema.items && !v.every((x) => validates(schema.items!, x))) return false;
  }
  if (kind === "object") {
    const o = v as Record<string, unknown>;
    if ((schema.required ?? []).some((k) => !(k in o))) return false;
    for (const [k, x] of Object.entries(o)) {
      const prop = schema.properties?.[k];
      if (prop ? !validates(prop, x) : schema.additionalProperties === false) return false;
    }
  }
  return true;
}

const apiFiles = readdirSync("app/routes").filter((f) => /^api\./.test(f) && !/\.test\.tsx?$/.test(f));
let doc: Doc;
let token: string;

beforeAll(async () => {
  const res = (await openApiLoader()) as Response;
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
  const me = await newAccount("OpenAPI Tester");
  token = createAccessToken({
    userId: me.id,
    workspaceId: me.workspaceId,
    name: "doc",
    access: "write",
  }).token;
});

describe("GET /api/v1/openapi.json", () => {
  it("is OpenAPI 3.1 with the bearer scheme and the error shape", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.components.schemas.Error).toMatchObject({ required: ["error"] });
  });

  it("lists the path of every API route file, with the methods the file answers, and no other", async () => {
    expect(apiFiles.length).toBeGreaterThanOrEqual(13);
    const filePaths = new Set<string>();
    for (const file of apiFiles) {
      const path = pathOf(file);
      filePaths.add(path);
      expect(doc.paths[path], `${file} → ${path}`).toBeDefined();
      const mod = (await import(/* @vite-ignore */ resolve("app/routes", file))) as Record<string, unknown>;
      const methods = Object.keys(doc.paths[path]!);
      expect(methods.includes("get"), `${file} GET`).toBe(typeof mod.loader === "function");
      expect(
        methods.some((m) => m !== "get"),
        `${file} writes`,
      ).toBe(typeof mod.action === "function");
    }
    expect(Object.keys(doc.paths).sort()).toEqual([...filePaths].sort());
  });

  it("documents each endpoint's parameters, body, answer and errors from its own schemas", () => {
    for (const [name, ep] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
      const op = doc.paths[ep.path]![ep.method]!;
      expect(op.operationId).toBe(name);
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(op.responses["401"]).toBeDefined();
      expect(op.responses["404"]).toBeDefined();
      if (ep.access === "write") expect(op.responses["403"]).toBeDefined();
      expect(op.responses[String(ep.response.status)].content["application/json"].schema).toEqual(
        jsonSchema(ep.response.schema, "output"),
      );
      const pathParams = [...ep.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        (op.parameters ?? [])
          .filter((p: { in: string }) => p.in === "path")
          .map((p: { name: string }) => p.name),
      ).toEqual(pathParams);
      if (ep.body) {
        const body = op.requestBody.content["application/json"];
        expect(body.schema).toEqual(jsonSchema(ep.body, "input"));
        expect(op.responses["400"]).toBeDefined();
        expect(ep.example, `${name} has an example`).toBeDefined();
        expect(body.example).toEqual(ep.example);
        const parsed = ep.body.safeParse(ep.example);
        expect(parsed.success ? [] : parsed.error.issues, `${name}'s example is valid`).toEqual([]);
        // The example also validates against the published JSON Schema; a wrong body does not.
        expect(validates(body.schema, ep.example), `${name}'s example against the document`).toBe(true);
        expect(validates(body.schema, { __notAField: true }), `${name} refuses unknown fields`).toBe(false);
      }
    }
  });

  it("each handler parses its body with the documented schema: the same issues for the same bad body", async () => {
    const bad = { __notAField: true, status: 42, name: 7, event: "nope", subjectId: "" };
    for (const [name, ep] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
      if (!ep.body) continue;
      const file = apiFiles.find((f) => pathOf(f) === ep.path)!;
      const mod = (await import(/* @vite-ignore */ resolve("app/routes", file))) as { action: never };
      const params = Object.fromEntries([...ep.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1], "some-id"]));
      const res = (await call(
        mod.action,
        new Request(`http://localhost${ep.path}`, {
          method: ep.method.toUpperCase(),
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(bad),
        }),
        params,
      )) as Response;
      expect(res.status, name).toBe(400);
      const answer = (await res.json()) as { error: string; issues: unknown };
      const expected = ep.body.safeParse(bad);
      expect(expected.success).toBe(false);
      expect(answer.issues, name).toEqual(issuesOf(expected.error!));
    }
  });
});
