// What only the directory page's loader and action need, behind a .server module: the page's JavaScript then
// never reaches zod (esbuild's code splitting keeps a chunk import for every module a route imports, used or not).
export { formValues } from "~/utils/forms";
export { parseForm } from "~/utils/forms.server";
export { addRecipientFormSchema, matchFormSchema, parseChannelLines, readSearchParams } from "./forms.server";
