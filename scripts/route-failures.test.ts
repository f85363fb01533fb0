// Routes answer a failed form through formFailure (app/utils/forms.server.ts, decision 087), never by building
// the { formErrors, fieldErrors } shape by hand or sending a 4xx JSON of their own. This reads every page route
// with the TypeScript parser: an object literal naming formErrors or fieldErrors outside formFailure(…)'s
// arguments, or a Response.json(…) with a literal 4xx/5xx status (a parse result sent as it is), fails.
// data(…) with a 4xx stays allowed: loaders answer a bad search with their page and its own message (the
// directory, the deadline calculator). The API routes (.ts) speak their own { error } JSON and are left out.
import { readdirSync, readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const FAILURE_KEYS = new Set(["formErrors", "fieldErrors"]);
const THROUGH = new Set(["formFailure", "formFailureOrThrow"]);

const calleeName = (call: ts.CallExpression) => {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression))
    return `${e.expression.text}.${e.name.text}`;
  return "";
};

const keyName = (p: ts.ObjectLiteralElementLike) =>
  (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
  (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))
    ? p.name.text
    : undefined;

/** Where a source hand-builds a failure: `line: what`, empty when every failure goes through formFailure. */
export function handBuiltFailures(source: string, fileName = "route.tsx"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const where = (n: ts.Node) => file.getLineAndCharacterOfPosition(n.getStart(file)).line + 1;
  const visit = (node: ts.Node, inFormFailure: boolean) => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node);
      if (THROUGH.has(name)) {
        for (const a of node.arguments) visit(a, true);
        return;
      }
      if (name === "Response.json") {
        const init = node.arguments[1];
        const status =
          init && ts.isObjectLiteralExpression(init)
            ? init.properties.find((p) => keyName(p) === "status")
            : undefined;
        if (
          status &&
          ts.isPropertyAssignment(status) &&
          ts.isNumericLiteral(status.initializer) &&
          Number(status.initializer.text) >= 400
        )
          found.push(`${where(node)}: ${name}(…) with status ${status.initializer.text}`);
      }
    }
    if (ts.isObjectLiteralExpression(node) && !inFormFailure) {
      for (const p of node.properties) {
        const key = keyName(p);
        if (key && FAILURE_KEYS.has(key)) found.push(`${where(p)}: ${key} built by hand`);
      }
    }
    ts.forEachChild(node, (c) => visit(c, inFormFailure));
  };
  visit(file, false);
  return found;
}

const pages = readdirSync("app/routes").filter((f) => f.endsWith(".tsx"));

describe("routes answer failures through formFailure", () => {
  it.each(pages)("%s builds no failure by hand", (f) => {
    expect(handBuiltFailures(readFileSync(`app/routes/${f}`, "utf8"), f)).toEqual([]);
  });

  it("finds a failure built by hand, and lets one through formFailure pass", () => {
    const bad = [
      'return Response.json({ formErrors: ["Unknown action."], fieldErrors: {} }, { status: 400 });',
      "const fail = (formErrors: string[]) => ({ intent, formErrors });",
      "return Response.json(parsed, { status: 400 });",
      "return Response.json(failure, { status: 422 });",
    ].join("\n");
    expect(handBuiltFailures(bad)).toEqual([
      "1: Response.json(…) with status 400",
      "1: formErrors built by hand",
      "1: fieldErrors built by hand",
      "2: formErrors built by hand",
      "3: Response.json(…) with status 400",
      "4: Response.json(…) with status 422",
    ]);
    const good = [
      'return formFailure("Unknown action.");',
      "return formFailure({ ...dates, formErrors: [message] }, { extra: { intent } });",
      "return formFailureOrThrow(e, { extra: { fieldErrors: 1 } });",
      "return data({ saved: true });",
      'return data({ ...page, queryError: "Some search fields were not understood." }, { status: 400 });',
      "type Failure = { formErrors: string[]; fieldErrors: FieldErrors };",
      "const e = failed?.fieldErrors.url;",
    ].join("\n");
    expect(handBuiltFailures(good)).toEqual([]);
  });
});
