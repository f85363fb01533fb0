// GET /api/v1/deadlines?days=N — requests overdue or due within N days (default 30), soonest first. Bearer token.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { runEndpoint } from "~/api/run.server";
import { listDeadlinesApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.listDeadlines, request, params, listDeadlinesApi);
}
