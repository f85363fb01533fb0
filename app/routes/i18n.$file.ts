// GET /i18n/<lang>.<hash>.js: the words of the pages in one language, for the browser (decision 152).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { catalogueAsset } from "~/i18n/catalogue-asset.server";

export function loader({ params }: LoaderFunctionArgs) {
  const found = catalogueAsset(params.file ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  return new Response(found.body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": found.current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
