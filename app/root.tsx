// The document: calm layout, quick exit on every page, skip link, navigation, progress bar for slow steps.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getCurrentSession } from "~/auth/session.server";
import { getEnv } from "~/env.server";
import styles from "~/styles/app.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { useNonce } from "~/ui/nonce";
import { QuickExit } from "~/ui/quick-exit";
import { WorkspaceSwitcher } from "~/workspaces/switcher";
import { workspaceSwitcher } from "~/workspaces/switcher.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getCurrentSession(request);
  return {
    signedIn: Boolean(session),
    workspaces: session ? workspaceSwitcher(session) : null,
    quickExitUrl: getEnv().RETRACT_QUICK_EXIT_URL,
  };
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Retract" }];

function Progress() {
  const navigation = useNavigation();
  if (navigation.state === "idle") return null;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={navigation.state === "submitting" ? "Saving" : "Loading"}
    >
      <div className="progress-bar" />
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const quickExitUrl = data?.quickExitUrl ?? "https://www.bbc.co.uk/weather";
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <Progress />
        <header className="site-header">
          <div className="site-header-inner">
            <Link to="/" className="brand">
              Retract
            </Link>
            <nav aria-label="Main">
              <ul className="nav">
                {data?.signedIn ? (
                  <li>
                    <NavLink to="/" end>
                      Cases
                    </NavLink>
                  </li>
                ) : null}
                {data?.workspaces?.showIncidents ? (
                  <li>
                    <NavLink to="/incidents">Incidents</NavLink>
                  </li>
                ) : null}
                {data?.signedIn ? (
                  <li>
                    <NavLink to="/account">Account</NavLink>
                  </li>
                ) : null}
                {data?.signedIn ? (
                  <li>
                    <NavLink to="/settings">Settings</NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/directory">Who to write to</NavLink>
                </li>
                <li>
                  <NavLink to="/deadlines">When must they answer?</NavLink>
                </li>
              </ul>
            </nav>
            <div className="header-actions">
              {data?.workspaces ? <WorkspaceSwitcher {...data.workspaces} /> : null}
              {data?.signedIn ? (
                <Form method="post" action="/logout">
                  <button type="submit" className="button-link">
                    Log out
                  </button>
                </Form>
              ) : null}
              <QuickExit url={quickExitUrl} />
            </div>
          </div>
        </header>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Retract runs on your own server; nothing is sent anywhere unless you send it. Press <kbd>Esc</kbd>{" "}
            twice to leave quickly.
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
