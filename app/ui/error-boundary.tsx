// The one error boundary: plain words for 404 and 403, and a calm message for anything unexpected.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

export function GeneralErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let message = "Nothing you entered was lost. Please try again in a moment.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Not found";
      message = typeof error.data === "string" && error.data ? error.data : "This page could not be found.";
    } else if (error.status === 403) {
      title = "Not allowed";
      message = typeof error.data === "string" && error.data ? error.data : "You cannot do this here.";
    } else if (error.status < 500) {
      title = "This could not be done";
      message = typeof error.data === "string" && error.data ? error.data : message;
    }
  }
  return (
    <div className="stack narrow">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <Link to="/">Go to your cases</Link>
      </p>
    </div>
  );
}
