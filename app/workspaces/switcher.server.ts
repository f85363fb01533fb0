// What the header's workspace switcher needs: the user's workspaces, the current one, and the member's links.
import { can, type Scope } from "./scope.server";
import { listMyWorkspaces } from "./workspaces.server";

export function workspaceSwitcher(session: Scope) {
  const all = listMyWorkspaces(session.userId);
  const current = all.find((w) => w.id === session.workspaceId);
  return {
    currentId: session.workspaceId,
    options: all.map((w) => ({ id: w.id, name: w.kind === "personal" ? "Personal" : w.name })),
    showMembers: current?.kind === "organisation" && can(session, "members:manage"),
    // Employer incidents (many people, one leak) are an organisation's tool.
    showIncidents: current?.kind === "organisation",
  };
}
