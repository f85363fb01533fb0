// GET /api/v1/cases — a page of the workspace's cases; POST — open a case for a subject. Bearer token.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { createCaseApi, listCasesApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.listCases, request, params, listCasesApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    POST: () => runEndpoint(ENDPOINTS.createCase, request, params, createCaseApi),
  });
}
