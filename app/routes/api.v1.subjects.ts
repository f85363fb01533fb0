// GET /api/v1/subjects — a page of the workspace's subjects; POST — create one from JSON. Bearer token.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { ENDPOINTS } from "~/api/endpoints.server";
import { byMethod, runEndpoint } from "~/api/run.server";
import { createSubjectApi, listSubjectsApi } from "~/api/v1.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runEndpoint(ENDPOINTS.listSubjects, request, params, listSubjectsApi);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return byMethod(request, {
    POST: () => runEndpoint(ENDPOINTS.createSubject, request, params, createSubjectApi),
  });
}
