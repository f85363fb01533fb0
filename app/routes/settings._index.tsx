import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { useT } from "~/i18n/i18n-context";
import { pageTitle } from "~/i18n/meta";
import { can } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  return { manage: can(scope, "workspace:manage") };
}

export default function Settings() {
  const { manage } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="stack medium">
      <h1>{t("settings.title")}</h1>
      <ul className="list">
        <li className="list-item">
          <h2 className="h3">
            <Link to="/account">{t("settings.account.title")}</Link>
          </h2>
          <p className="muted">{t("settings.account.text")}</p>
        </li>
        <li className="list-item">
          <h2 className="h3">
            <Link to="/two-factor">{t("settings.twoFactor.title")}</Link>
          </h2>
          <p className="muted">{t("settings.twoFactor.text")}</p>
        </li>
        <li className="list-item">
          <h2 className="h3">
            <Link to="/settings/tokens">{t("settings.tokens.title")}</Link>
          </h2>
          <p className="muted">{t("settings.tokens.text")}</p>
        </li>
        {manage ? (
          <>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/settings/email">{t("settings.index.emailLink")}</Link>
              </h2>
              <p className="muted">{t("settings.email.text")}</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/settings/mailbox">{t("settings.index.mailboxLink")}</Link>
              </h2>
              <p className="muted">{t("settings.mailbox.text")}</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/inbox">{t("settings.inbox.title")}</Link>
              </h2>
              <p className="muted">{t("settings.inbox.text")}</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/settings/templates">{t("settings.templates.title")}</Link>
              </h2>
              <p className="muted">{t("settings.templates.text")}</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/workspace/members">{t("settings.members.title")}</Link>
              </h2>
              <p className="muted">{t("settings.members.text")}</p>
            </li>
          </>
        ) : null}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "settings.title");
