// What only the log-in action needs, behind a .server module: the page's JavaScript then never reaches zod
// (esbuild's code splitting keeps a chunk import for every module a route imports, used or not).

export { parseForm } from "~/utils/forms.server";
export { LoginSchema } from "./schemas.server";
