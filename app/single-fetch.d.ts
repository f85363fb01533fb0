// Single fetch is on (remix.config.js): loaders and actions are typed by what turbo-stream really sends, so
// `useLoaderData<typeof loader>()` and `useActionData<typeof action>()` infer their data with no asserted types.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
