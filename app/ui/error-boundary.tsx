// The one error boundary: plain words for 404 and 403, and a calm message for anything unexpected, in the
// reader's language. A route's own message (error.data) is shown as it was thrown.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/i18n-context";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const own = isRouteErrorResponse(error) && typeof error.data === "string" && error.data ? error.data : null;
  let title = t("errors.generic.title");
  let message = t("errors.generic.message");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("errors.notFound.title");
      message = own ?? t("errors.notFound.message");
    } else if (error.status === 403) {
      title = t("errors.forbidden.title");
      message = own ?? t("errors.forbidden.message");
    } else if (error.status < 500) {
      title = t("errors.refused.title");
      message = own ?? message;
    }
  }
  return (
    <div className="stack narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </div>
  );
}
