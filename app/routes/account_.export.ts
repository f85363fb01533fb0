import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireScope } from "~/auth/session.server";
import { exportWorkspace, zipResponse } from "~/export/export.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  return zipResponse(exportWorkspace(scope).stream, "workspace");
}
