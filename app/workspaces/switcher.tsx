// The header's workspace switcher: a plain form (works without JavaScript) plus links for the current one.
// Its words are in the pages' catalogue, not the shell's: it shows only with the root loader's data (signed in),
// which carries that catalogue, so an error page without the data never needs them.
import { Form, Link } from "@remix-run/react";
import { useT } from "~/i18n/i18n-context";

export function WorkspaceSwitcher({
  currentId,
  options,
  showMembers,
}: {
  currentId: string;
  options: { id: string; name: string }[];
  showMembers: boolean;
}) {
  const { t } = useT();
  return (
    <div className="workspace-switcher">
      {options.length > 1 ? (
        <Form method="post" action="/workspaces/switch" className="workspace-switch-form">
          <label htmlFor="workspace-switch">{t("workspaces.switcher.label")}</label>
          <select id="workspace-switch" name="workspaceId" defaultValue={currentId} key={currentId}>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button-link">
            {t("workspaces.switcher.submit")}
          </button>
        </Form>
      ) : null}
      {showMembers ? <Link to="/workspace/members">{t("workspaces.switcher.members")}</Link> : null}
      <Link to="/workspaces/new">{t("workspaces.switcher.new")}</Link>
    </div>
  );
}
