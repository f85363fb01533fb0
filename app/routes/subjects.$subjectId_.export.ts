import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScope } from "~/auth/session.server";
import { exportSubject, zipResponse } from "~/export/export.server";
import { parseIds } from "~/utils/forms.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseIds(params, "subjectId");
  return zipResponse(exportSubject(scope, subjectId).stream, "person");
}
