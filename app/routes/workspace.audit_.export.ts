import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { exportAuditCsv } from "~/audit/audit-log.server";
import { AuditFilterSchema } from "~/audit/log-filters.server";
import { requireScope } from "~/auth/session.server";
import { subjectExists } from "~/subjects/subjects.server";
import { requirePermission } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  requirePermission(scope, "audit:read");
  const parsed = AuditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success || (parsed.data.subject && !subjectExists(scope, parsed.data.subject)))
    return new Response("These filters are not valid. Go back to the audit log and choose again.", {
      status: 400,
    });
  const { stream, capped } = exportAuditCsv(scope, { ...parsed.data, before: undefined });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${day}${capped ? "-newest" : ""}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
