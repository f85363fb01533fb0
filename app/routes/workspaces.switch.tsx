import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { getCurrentSession } from "~/auth/session.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { SwitchWorkspaceSchema } from "~/workspaces/schemas.server";
import { switchWorkspace } from "~/workspaces/workspaces.server";

export async function loader() {
  throw redirect("/");
}

// Not requireScope: a member held back by their organisation's two-factor rule may still switch away.
export async function action({ request }: ActionFunctionArgs) {
  const session = await getCurrentSession(request);
  if (!session) throw redirect("/login");
  const parsed = parseForm(await request.formData(), SwitchWorkspaceSchema);
  if (!parsed.ok) return formFailure(parsed);
  switchWorkspace(session, parsed.data.workspaceId);
  // Pages of the old workspace would be 404 in the new one: start from the case list.
  return redirect("/");
}
