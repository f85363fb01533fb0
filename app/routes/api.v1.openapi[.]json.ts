// GET /api/v1/openapi.json — the API's OpenAPI 3.1 document, generated from the handlers' zod schemas. Public:
// it describes shapes, never data.
import { openApiDocument } from "~/api/openapi.server";

export async function loader() {
  return Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } });
}
