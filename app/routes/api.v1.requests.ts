// GET /api/v1/requests — requests (letters) filtered by status and case; POST — write a draft request.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { createRequestApi, listRequestsApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.listRequests, request, params, listRequestsApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    POST: () => runEndpoint(ENDPOINTS.createRequest, request, params, createRequestApi),
  });
}
