// The old letter page: a letter and its request now share one page, /cases/:caseId/requests/:letterId (decision
// 090). Links, bookmarks and reminder emails that name this address are sent there, with their query string and
// to the letter's section; a form posted here (a tab left open) is sent on with its method and body (308).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireScope } from "~/auth/session.server";
import { getRequest } from "~/requests/requests.server";
import { parseIds } from "~/utils/forms.server";

/** The merged page's address for this letter; 404 for a letter the user may not see (as the page itself). */
async function newAddress(request: Request, params: LoaderFunctionArgs["params"]) {
  const scope = await requireScope(request);
  const { caseId, letterId } = parseIds(params, "caseId", "letterId");
  const req = getRequest(scope, letterId);
  if (req.caseId !== caseId) throw new Response("This request could not be found.", { status: 404 });
  return `/cases/${caseId}/requests/${letterId}${new URL(request.url).search}`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return redirect(`${await newAddress(request, params)}#letter`, 301);
}

export async function action({ request, params }: ActionFunctionArgs) {
  return redirect(await newAddress(request, params), 308);
}
