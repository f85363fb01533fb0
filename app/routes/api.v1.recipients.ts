// GET /api/v1/recipients?q=TEXT&country=CC&kind=KIND[&category=…&page=N] → { items, total }. Public, read-only
// (the shared directory only holds public contact data), rate-limited per client address.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { allowDirectoryRequest, noStore, toApiSummary, tooMany } from "~/recipients/api.server";
import { searchRecipients } from "~/recipients/directory.server";
import { readSearchParams } from "~/recipients/forms.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const limit = await allowDirectoryRequest(context.clientIp ?? "unknown");
  if (!limit.ok) return tooMany(limit.retryAfter);
  const parsed = readSearchParams(new URL(request.url).searchParams);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".")))].join(", ");
    return Response.json(
      { error: `Check the parameter${fields.includes(",") ? "s" : ""}: ${fields}` },
      { status: 400, headers: noStore },
    );
  }
  const { items, total } = searchRecipients(null, parsed.data);
  return Response.json({ items: items.map(toApiSummary), total }, { headers: noStore });
}
