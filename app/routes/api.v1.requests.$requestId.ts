// GET /api/v1/requests/:requestId — status, deadline dates, timeline; PATCH — move it through its lifecycle.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { getRequestApi, updateRequestApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.getRequest, request, params, getRequestApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    PATCH: () => runEndpoint(ENDPOINTS.updateRequest, request, params, updateRequestApi),
  });
}
