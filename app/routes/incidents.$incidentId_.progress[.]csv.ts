// The incident's numbers per unit as CSV (decision 115): counts and unit names, no person.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScope } from "~/auth/session.server";
import { incidentNumbersCsv } from "~/dashboard/incident-progress.server";
import { IncidentParams } from "~/incidents/schemas.server";
import { parseParams } from "~/utils/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { incidentId } = parseParams(params, IncidentParams);
  const csv = incidentNumbersCsv(scope, incidentId);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="incident-numbers-${day}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
