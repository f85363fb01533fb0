// The header's workspace switcher: a plain form (works without JavaScript) plus links for the current one.
import { Form, Link } from "@remix-run/react";

export function WorkspaceSwitcher({
  currentId,
  options,
  showMembers,
}: {
  currentId: string;
  options: { id: string; name: string }[];
  showMembers: boolean;
}) {
  return (
    <div className="workspace-switcher">
      {options.length > 1 ? (
        <Form method="post" action="/workspaces/switch" className="workspace-switch-form">
          <label htmlFor="workspace-switch">Workspace</label>
          <select id="workspace-switch" name="workspaceId" defaultValue={currentId} key={currentId}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button-link">
            Switch
          </button>
        </Form>
      ) : null}
      {showMembers ? <Link to="/workspace/members">Members</Link> : null}
      <Link to="/workspaces/new">New organisation</Link>
    </div>
  );
}
