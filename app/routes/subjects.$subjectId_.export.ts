import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireScope } from "~/auth/session.server";
import { exportSubject, zipResponse } from "~/export/export.server";
import { parseParams } from "~/utils/forms";

const ParamsSchema = z.object({ subjectId: z.string().min(1).max(40) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  const { subjectId } = parseParams(params, ParamsSchema);
  return zipResponse(exportSubject(scope, subjectId).stream, "person");
}
