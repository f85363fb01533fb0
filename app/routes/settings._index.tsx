import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireScope } from "~/auth/session.server";
import { can } from "~/workspaces/scope.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const scope = await requireScope(request);
  return { manage: can(scope, "workspace:manage") };
}

export default function Settings() {
  const { manage } = useLoaderData<typeof loader>();
  return (
    <div className="stack medium">
      <h1>Settings</h1>
      <ul className="list">
        <li className="list-item">
          <h2 className="h3">
            <Link to="/account">Your account</Link>
          </h2>
          <p className="muted">Where you are logged in, your password, export and deletion.</p>
        </li>
        <li className="list-item">
          <h2 className="h3">
            <Link to="/two-factor">Two-step log-in</Link>
          </h2>
          <p className="muted">Ask for a code from an app on your phone when you log in.</p>
        </li>
        <li className="list-item">
          <h2 className="h3">
            <Link to="/settings/tokens">API tokens</Link>
          </h2>
          <p className="muted">Let your own tools read and write this workspace's cases through the API.</p>
        </li>
        {manage ? (
          <>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/settings/email">Sending email</Link>
              </h2>
              <p className="muted">The mailbox your letters are sent from.</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/settings/mailbox">Reading replies</Link>
              </h2>
              <p className="muted">The mailbox Retract checks for answers to your letters.</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/inbox">Replies to sort</Link>
              </h2>
              <p className="muted">Mail that could not be matched to a letter by itself.</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/settings/templates">Letter templates</Link>
              </h2>
              <p className="muted">Your own wording, copied from the built-in letters.</p>
            </li>
            <li className="list-item">
              <h2 className="h3">
                <Link to="/workspace/members">Members</Link>
              </h2>
              <p className="muted">For organisations: who can see and do what.</p>
            </li>
          </>
        ) : null}
      </ul>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Settings · Retract" }];
