// Runs one /api/v1 endpoint: the bearer token (401/403), then its path (404), query and JSON body (400) parsed
// with the endpoint's own schemas, then the handler; domain errors become the one JSON error shape.
import type { z } from "zod";
import { inEnglish } from "~/i18n/english.server";
import { isMessageKey } from "~/i18n/errors";
import { IllegalTransitionError } from "~/requests/tracking/lifecycle";
import type { Endpoint } from "./endpoints.server";
import { type ApiScope, apiAnswer, apiJson, requireApiScope } from "./tokens.server";

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type Input<E extends Endpoint> = {
  scope: ApiScope;
  params: Out<E["params"]>;
  query: Out<E["query"]>;
  body: Out<E["body"]>;
  request: Request;
};

/** A mistake the caller can fix: 400, or 409 when the thing is in a state that refuses it. */
export class ApiError extends Error {
  readonly status: number;
  readonly issues?: { path: string; message: string }[];
  constructor(status: number, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.status = status;
    this.issues = issues;
  }
}

// Schemas shared with the pages give message keys (decision 123): the API answers with their English words.
export const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => ({
    path: i.path.join("."),
    message: isMessageKey(i.message) ? inEnglish(i.message) : i.message,
  }));

export function invalid(error: z.ZodError, what = "request"): never {
  const issues = issuesOf(error);
  const fields = [...new Set(issues.map((i) => i.path || "(body)"))].join(", ");
  throw new ApiError(400, `Invalid ${what}: check ${fields}.`, issues);
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > 1_000_000) throw new ApiError(413, "The body is too large (at most 1 MB).");
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "The body must be JSON (Content-Type: application/json).");
  }
}

/** Answers one endpoint; the handler returns the answer's body (status from the endpoint). */
export function runEndpoint<E extends Endpoint>(
  endpoint: E,
  request: Request,
  rawParams: Record<string, string | undefined>,
  handler: (input: Input<E>) => unknown,
) {
  return apiAnswer(async () => {
    try {
      const scope = requireApiScope(request, endpoint.access);
      let params: unknown;
      if (endpoint.params) {
        const p = endpoint.params.safeParse(rawParams);
        if (!p.success) return apiJson({ error: "This resource could not be found." }, 404);
        params = p.data;
      }
      let query: unknown;
      if (endpoint.query) {
        const q = endpoint.query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
        if (!q.success) invalid(q.error, "query");
        query = q.data;
      }
      let body: unknown;
      if (endpoint.body) {
        const b = endpoint.body.safeParse(await readJson(request));
        if (!b.success) invalid(b.error, "body");
        body = b.data;
      }
      const result = await handler({ scope, params, query, body, request } as Input<E>);
      const headers: Record<string, string> = {};
      const location = (result as { id?: unknown } | null)?.id;
      if (endpoint.response.status === 201 && typeof location === "string")
        headers.Location = `${new URL(request.url).pathname.replace(/\/$/, "")}/${location}`;
      return apiJson(result, endpoint.response.status, headers);
    } catch (e) {
      if (e instanceof ApiError)
        return apiJson(e.issues ? { error: e.message, issues: e.issues } : { error: e.message }, e.status);
      if (e instanceof IllegalTransitionError) return apiJson({ error: e.message }, 409);
      throw e;
    }
  });
}

/** An action answering several methods (POST, PATCH) on one path; anything else is a 405. */
export function byMethod(
  request: Request,
  handlers: Partial<Record<"POST" | "PATCH", () => Promise<Response>>>,
) {
  const h = handlers[request.method as "POST" | "PATCH"];
  if (h) return h();
  const allow = ["GET", ...Object.keys(handlers)].join(", ");
  return Promise.resolve(apiJson({ error: `Use ${allow}.` }, 405, { Allow: allow }));
}
