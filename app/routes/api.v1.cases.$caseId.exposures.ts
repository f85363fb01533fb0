// GET /api/v1/cases/:caseId/exposures — the case's exposures; POST — record one (same rules as the web form).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { createExposureApi, listExposuresApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.listExposures, request, params, listExposuresApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    POST: () => runEndpoint(ENDPOINTS.createExposure, request, params, createExposureApi),
  });
}
