// GET /api/v1/cases/:caseId — one case; PATCH — close or reopen it. 404 (never 403) outside the scope.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { getCaseApi, updateCaseApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.getCase, request, params, getCaseApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    PATCH: () => runEndpoint(ENDPOINTS.updateCase, request, params, updateCaseApi),
  });
}
