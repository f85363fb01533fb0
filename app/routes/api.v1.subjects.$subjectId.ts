// GET /api/v1/subjects/:id — one subject of the token's workspace; 404 (never 403) for any other.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiAnswer, apiJson, requireApiScope } from "~/api/tokens.server";
import { getSubject } from "~/subjects/subjects.server";
import { notFound } from "~/workspaces/scope.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return apiAnswer(() => {
    const scope = requireApiScope(request, "read");
    const id = params.subjectId ?? "";
    if (id.length < 1 || id.length > 40) notFound("This subject");
    const s = getSubject(scope, id);
    return apiJson({ ...s, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() }, 200);
  });
}
