// GET /api/v1/cases/:caseId/exposures/:exposureId — one exposure; PATCH — change its status.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { getExposureApi, updateExposureApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.getExposure, request, params, getExposureApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    PATCH: () => runEndpoint(ENDPOINTS.updateExposure, request, params, updateExposureApi),
  });
}
