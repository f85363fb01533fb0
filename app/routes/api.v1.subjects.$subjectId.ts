// GET /api/v1/subjects/:subjectId — one subject; PATCH — change some fields. 404 (never 403) outside the scope.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { getSubjectApi, updateSubjectApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.getSubject, request, params, getSubjectApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    PATCH: () => runEndpoint(ENDPOINTS.updateSubject, request, params, updateSubjectApi),
  });
}
