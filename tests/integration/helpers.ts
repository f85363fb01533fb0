// Test helpers: real accounts and sessions in the test's own database, and direct calls to route modules.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createSession } from "~/auth/session.server";
import { createUser } from "~/auth/users.server";

let n = 0;

export async function newAccount(name = "Test Person") {
  n += 1;
  const email = `user${n}-${Date.now()}@example.test`;
  const password = "correct horse battery staple";
  const { id, workspaceId } = await createUser({ email, name, password });
  const setCookie = await createSession({ userId: id, workspaceId });
  const cookie = setCookie.split(";")[0]!;
  return {
    id,
    workspaceId,
    email,
    password,
    cookie,
    scope: { userId: id, workspaceId, role: "owner" as const },
  };
}

const context = { cspNonce: "test", clientIp: "127.0.0.1" };

export function get(path: string, cookie?: string) {
  return new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, body: Record<string, string | string[]> | FormData, cookie?: string) {
  let form: FormData;
  if (body instanceof FormData) form = body;
  else {
    form = new FormData();
    for (const [k, v] of Object.entries(body))
      for (const item of Array.isArray(v) ? v : [v]) form.append(k, item);
  }
  return new Request(`http://localhost${path}`, {
    method: "POST",
    body: form,
    headers: cookie ? { Cookie: cookie } : {},
  });
}

type Fn = (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown;

/**
 * Calls a loader or action; a thrown Response (404, redirect) is returned instead of thrown, and a `data()`
 * result (a form failure with its 4xx, say) comes back as the JSON Response the server would send.
 */
export async function call(
  fn: Fn,
  request: Request,
  params: Record<string, string> = {},
): Promise<Response | unknown> {
  try {
    return asResponse(await fn({ request, params, context }));
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
}

/** What `data(value, { status })` returns (a form failure among others): the value and its response init. */
type DataResult = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

function isDataResult(r: unknown): r is DataResult {
  return typeof r === "object" && r !== null && (r as DataResult).type === "DataWithResponseInit";
}

/** A `data()` result as the JSON Response the server sends for it; anything else as it is. */
export function asResponse(r: unknown) {
  return isDataResult(r) ? Response.json(r.data, r.init ?? undefined) : r;
}

export function status(r: unknown) {
  if (r instanceof Response) return r.status;
  if (isDataResult(r)) return r.init?.status ?? 200;
  return 200;
}
