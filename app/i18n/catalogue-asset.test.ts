// The catalogues as files for the browser (decision 152): one per language, named by its content, defining that
// language's words and nothing else; only real languages and file names are answered.
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/i18n.$file";
import { catalogueAsset, catalogueSrc } from "./catalogue-asset.server";
import { LOCALES } from "./languages";
import { messagesFor } from "./locale.server";

const get = async (file: string) =>
  loader({
    params: { file },
    request: new Request(`http://x/i18n/${file}`),
    context: { cspNonce: "test", clientIp: "127.0.0.1" },
  });

describe("the catalogue files", () => {
  it("define each language's whole catalogue when the browser runs them", () => {
    for (const locale of LOCALES) {
      const src = catalogueSrc(locale);
      expect(src).toMatch(new RegExp(`^/i18n/${locale}\\.[0-9a-f]{16}\\.js$`));
      const sandbox: { self?: unknown } = {};
      sandbox.self = sandbox;
      runInNewContext(catalogueAsset(src.slice("/i18n/".length))!.body, sandbox);
      expect((sandbox as { __retractCatalogues?: object }).__retractCatalogues).toEqual({
        [locale]: messagesFor(locale),
      });
    }
  });

  it("have names that differ by language and change with the words", () => {
    const names = LOCALES.map(catalogueSrc);
    expect(new Set(names).size).toBe(LOCALES.length);
    expect(catalogueSrc("ko")).toBe(catalogueSrc("ko"));
  });

  it("are kept for a year under their current name, and not kept under an old one", async () => {
    const current = await get(catalogueSrc("fr").slice("/i18n/".length));
    expect(current.status).toBe(200);
    expect(current.headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect(current.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const old = await get("fr.0000000000000000.js");
    expect(old.status).toBe(200);
    expect(old.headers.get("Cache-Control")).toBe("no-cache");
    expect(await old.text()).toBe(await current.text());
  });

  it("answer 404 for anything that is not a language's file", async () => {
    for (const name of ["xx.0123456789abcdef.js", "ko.js", "../en.json", "ko.0123456789ABCDEF.js", ""]) {
      await expect(get(name), name).rejects.toMatchObject({ status: 404 });
    }
  });
});
