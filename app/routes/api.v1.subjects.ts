// GET /api/v1/subjects — the workspace's subjects (id and name); POST — create one from JSON. Bearer token.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { parseApiSubject } from "~/api/subjects-schemas";
import { apiAnswer, apiJson, requireApiScope } from "~/api/tokens.server";
import { createSubject, getSubject, listSubjectNames } from "~/subjects/subjects.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return apiAnswer(() => {
    const scope = requireApiScope(request, "read");
    return apiJson({ items: listSubjectNames(scope) }, 200);
  });
}

export async function action({ request }: ActionFunctionArgs) {
  return apiAnswer(async () => {
    if (request.method !== "POST") return apiJson({ error: "Use GET or POST." }, 405, { Allow: "GET, POST" });
    const scope = requireApiScope(request, "write");
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return apiJson({ error: "The body must be JSON." }, 400);
    }
    const parsed = parseApiSubject(body);
    if (!parsed.success)
      return apiJson(
        {
          error: "Invalid subject.",
          issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        },
        400,
      );
    const id = createSubject(scope, parsed.data);
    const s = getSubject(scope, id);
    return apiJson(toApiSubject(s), 201, { Location: `/api/v1/subjects/${id}` });
  });
}

function toApiSubject(s: ReturnType<typeof getSubject>) {
  return { ...s, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}
