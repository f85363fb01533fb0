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
import { catalogueSrc } from "~/i18n/catalogue-asset.server";
import { I18nProvider, useT } from "~/i18n/i18n-context";
import { LanguageSwitcher } from "~/i18n/language-switcher";
import { LANGUAGES } from "~/i18n/languages";
import { getLocale } from "~/i18n/locale.server";
import { useCatalogue } from "~/i18n/use-catalogue";
import styles from "~/styles/app.css";
import { GeneralErrorBoundary } from "~/ui/error-boundary";
import { useNonce } from "~/ui/nonce";
import { QuickExit } from "~/ui/quick-exit";
import { WorkspaceSwitcher } from "~/workspaces/switcher";
import { workspaceSwitcher } from "~/workspaces/switcher.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getCurrentSession(request);
  const locale = await getLocale(request);
  return {
    locale,
    // The words come as a file the browser keeps (decision 152), not in every page's data.
    catalogueSrc: catalogueSrc(locale),
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
  const { t } = useT();
  if (navigation.state === "idle") return null;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={
        navigation.state === "submitting" ? t("shell.progress.saving") : t("shell.progress.loading")
      }
    >
      <div className="progress-bar" />
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const { locale, messages } = useCatalogue(data);
  return (
    <html lang={locale} dir={LANGUAGES[locale].dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex, nofollow" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider locale={locale} messages={messages}>
          <Shell data={data}>{children}</Shell>
        </I18nProvider>
        {/* Before the app's scripts, which need the words to hydrate; the browser keeps the file. */}
        {data ? <script src={data.catalogueSrc} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({
  data,
  children,
}: {
  data: ReturnType<typeof useRouteLoaderData<typeof loader>>;
  children: ReactNode;
}) {
  const { t, rich } = useT();
  const quickExitUrl = data?.quickExitUrl ?? "https://www.bbc.co.uk/weather";
  return (
    <>
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <Progress />
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            Retract
          </Link>
          <nav aria-label={t("shell.nav.label")}>
            <ul className="nav">
              {data?.signedIn ? (
                <li>
                  <NavLink to="/" end>
                    {t("shell.nav.cases")}
                  </NavLink>
                </li>
              ) : null}
              {data?.workspaces?.showIncidents ? (
                <li>
                  <NavLink to="/incidents">{t("shell.nav.incidents")}</NavLink>
                </li>
              ) : null}
              {data?.signedIn ? (
                <li>
                  <NavLink to="/account">{t("shell.nav.account")}</NavLink>
                </li>
              ) : null}
              {data?.signedIn ? (
                <li>
                  <NavLink to="/settings">{t("shell.nav.settings")}</NavLink>
                </li>
              ) : null}
              <li>
                <NavLink to="/directory">{t("shell.nav.directory")}</NavLink>
              </li>
              <li>
                <NavLink to="/deadlines">{t("shell.nav.deadlines")}</NavLink>
              </li>
            </ul>
          </nav>
          <div className="header-actions">
            {data?.workspaces ? <WorkspaceSwitcher {...data.workspaces} /> : null}
            {data?.signedIn ? (
              <Form method="post" action="/logout">
                <button type="submit" className="button-link">
                  {t("shell.logOut")}
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
        <p>{t("shell.footer.safety")}</p>
        <p>
          {t("shell.footer.ownServer")} {rich("quickExit.help", { kbd: (chunks) => <kbd>{chunks}</kbd> })}
        </p>
        <p>{t("shell.footer.notLegalAdvice")}</p>
        <LanguageSwitcher />
      </footer>
    </>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
