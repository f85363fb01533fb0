// Loads the letter templates of templates/ (front matter + Liquid body) and renders them into plain-text letters.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { Liquid, type Template } from "liquidjs";
import { z } from "zod";
import {
  blankPaths,
  type Lang,
  type LetterVariablesInput,
  type VariableName,
} from "~/requests/compose/variables";
import { LetterVariables, VARIABLE_NAMES } from "~/requests/compose/variables.server";
import { formatLongDate } from "./format";
import { declaredNames, requiredPaths } from "./template-meta";
import { TemplateMeta } from "./template-meta.server";

export type LetterTemplate = {
  meta: TemplateMeta;
  /** The Liquid source of the body (without front matter). */
  body: string;
  /** Where it was loaded from, for error messages. */
  source: string;
  /** One of Retract's own files in templates/ (not a workspace's text): a longer render time is allowed. */
  builtIn?: boolean;
};

export type RenderedLetter = {
  subject: string;
  body: string;
  templateId: string;
  lang: Lang;
  version: number;
  /** Required variables that were blank, at their concrete location (`exposures[1].url`). */
  missing: string[];
};

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

/**
 * Limits on a template: a workspace's template text is user input, and Liquid renders
 * synchronously, so without them one nested loop blocks the server for every user. Parsing: characters per
 * parse. Rendering: milliseconds for subject and body together (the event loop is blocked at most that
 * long), Liquid's count of allocated items (ranges, strings, arrays) per render, and the length of the text.
 * A workspace's template renders in a few milliseconds; the built-in files (ours, not user input) get a
 * longer time so that a letter for a case with hundreds of places never fails on a busy server.
 */
export const TEMPLATE_LIMITS = {
  parseChars: 200_000,
  renderMs: 150,
  builtInRenderMs: 2_000,
  memory: 10_000_000,
  outputChars: 1_000_000,
} as const;

/** A template over one of the limits; the message is for the person who wrote it. */
export class TemplateLimitError extends TemplateError {
  constructor(message: string) {
    super(message);
    this.name = "TemplateLimitError";
  }
}

const TOO_SLOW =
  "This template takes too long to fill in: a loop in it repeats too many times. Make it simpler and try again.";
const TOO_BIG =
  "This template would make a letter far too long: a loop in it repeats too many times. Make it simpler and try again.";

/** Liquid's own limit errors (its Limiter), turned into a calm message; anything else is rethrown. */
function withinLimits<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    const message = e instanceof Error ? e.message : "";
    if (/template render limit exceeded/.test(message)) throw new TemplateLimitError(TOO_SLOW);
    if (/memory alloc limit exceeded/.test(message)) throw new TemplateLimitError(TOO_BIG);
    if (/parse length limit exceeded/.test(message))
      throw new TemplateLimitError("This template is too long. Make it shorter and try again.");
    throw e;
  }
}

// ── Liquid engines ────────────────────────────────────────────────────────────────────────────
// One engine per language so `longdate` knows its locale. Strict: an unknown variable or filter is an
// error, not a silent blank. No escaping: letters are plain text. Templates are only ever our files or a
// workspace's own template text; user data reaches Liquid only as values in the scope.
const engines = new Map<Lang, Liquid>();

function engineFor(lang: Lang): Liquid {
  let engine = engines.get(lang);
  if (!engine) {
    engine = new Liquid({
      strictVariables: true,
      strictFilters: true,
      jsTruthy: true,
      ownPropertyOnly: true,
      cache: false,
      extname: "",
      relativeReference: false,
      root: [],
      partials: [],
      layouts: [],
      parseLimit: TEMPLATE_LIMITS.parseChars,
      renderLimit: TEMPLATE_LIMITS.renderMs,
      memoryLimit: TEMPLATE_LIMITS.memory,
    });
    engine.registerFilter("longdate", (value: unknown) => formatLongDate(value, lang));
    engines.set(lang, engine);
  }
  return engine;
}

// Parsed bodies are cached by source text (Liquid parsing is the slow part). The cache holds the most
// recently used few hundred, so previews of ever-new text cannot fill the memory.
const PARSED_CACHE_SIZE = 300;
const parsed = new Map<string, Template[]>();
function parse(lang: Lang, source: string): Template[] {
  const key = `${lang}\u0000${source}`;
  let tpl = parsed.get(key);
  if (tpl) parsed.delete(key);
  else tpl = withinLimits(() => engineFor(lang).parse(source));
  parsed.set(key, tpl);
  if (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
  return tpl;
}

// ── Parsing a template file ───────────────────────────────────────────────────────────────────

// gray-matter (and the YAML parser it loads) is loaded with the first template, not at every start-up of the
// server (cold start): most requests never read a template.
const requireLazily = createRequire(import.meta.url);
const matter = (text: string) => (requireLazily("gray-matter") as typeof import("gray-matter"))(text, {});

/** Parses and validates one template (front matter + body); throws TemplateError with the reason. */
export function parseTemplate(text: string, source = "<template>"): LetterTemplate {
  // gray-matter caches by input text unless given options; an empty options object (in matter()) turns that off.
  const file = matter(text);
  const result = TemplateMeta.safeParse(file.data);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(front matter)"}: ${i.message}`);
    throw new TemplateError(`${source}: invalid front matter: ${issues.join("; ")}`);
  }
  const meta = result.data;
  const body = file.content.replace(/^\n+/, "");
  let used: string[];
  try {
    parse(meta.lang, meta.subject);
    used = [
      ...engineFor(meta.lang).globalVariablesSync(parse(meta.lang, body)),
      ...engineFor(meta.lang).globalVariablesSync(parse(meta.lang, meta.subject)),
    ];
  } catch (error) {
    if (error instanceof TemplateLimitError) throw error;
    throw new TemplateError(`${source}: Liquid error: ${(error as Error).message}`);
  }
  const declared = declaredNames(meta);
  const undeclared = [...new Set(used)].filter((name) => !declared.has(name));
  if (undeclared.length) {
    throw new TemplateError(
      `${source}: uses variables not declared in front matter: ${undeclared.join(", ")}`,
    );
  }
  return { meta, body, source };
}

// ── The templates/ directory ──────────────────────────────────────────────────────────────────

type Catalogue = Map<string, LetterTemplate>; // key `${id}/${lang}`
const catalogues = new Map<string, Catalogue>();

/** The templates directory: `RETRACT_TEMPLATES_DIR`, else `templates/` under the working directory. */
export function templatesRoot(): string {
  return resolve(process.env.RETRACT_TEMPLATES_DIR ?? join(process.cwd(), "templates"));
}

/** Reads and validates every `templates/<id>/<lang>.liquid`; cached per directory. */
export function loadTemplates(root: string = templatesRoot()): Catalogue {
  const dir = resolve(root);
  const cached = catalogues.get(dir);
  if (cached) return cached;
  const catalogue: Catalogue = new Map();
  for (const id of readdirSync(dir).sort()) {
    const folder = join(dir, id);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).sort()) {
      if (!file.endsWith(".liquid")) continue;
      const source = join(folder, file);
      const template = parseTemplate(readFileSync(source, "utf8"), source);
      const lang = file.slice(0, -".liquid".length);
      if (template.meta.id !== id || template.meta.lang !== lang) {
        throw new TemplateError(
          `${source}: front matter says ${template.meta.id}/${template.meta.lang}, file is ${id}/${lang}`,
        );
      }
      catalogue.set(`${id}/${lang}`, { ...template, builtIn: true });
    }
  }
  catalogues.set(dir, catalogue);
  return catalogue;
}

/** Forget cached templates (tests; after editing files in dev). */
export function clearTemplateCache(): void {
  catalogues.clear();
  parsed.clear();
}

export function listTemplates(root?: string): TemplateMeta[] {
  return [...loadTemplates(root).values()].map((t) => t.meta);
}

export function getTemplate(id: string, lang: Lang, root?: string): LetterTemplate | undefined {
  return loadTemplates(root).get(`${id}/${lang}`);
}

// ── Rendering ─────────────────────────────────────────────────────────────────────────────────

/** Marker shown in a preview where a required value is still empty; findUnfilled catches it. */
function placeholder(at: string): string {
  return `{{ ${at} }}`;
}

/** A blank instance of the object a nullable top-level variable holds, so placeholders have a parent. */
function blankObject(name: VariableName): Record<string, unknown> {
  let inner: unknown = LetterVariables.shape[name];
  while (inner instanceof z.ZodNullable || inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) {
    inner = inner.unwrap();
  }
  if (!(inner instanceof z.ZodObject)) return {};
  const blank: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(inner.shape as Record<string, z.ZodType>)) {
    // Optional fields take their default (null or []); required strings and dates start as "".
    const absent = field.safeParse(undefined);
    blank[key] = absent.success ? absent.data : "";
  }
  return blank;
}

function setAt(target: Record<string, unknown>, at: string, value: unknown): void {
  const parts = at.replace(/\[(\d+)\]/g, ".$1").split(".");
  let node: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    if (node[part] === null || node[part] === undefined) {
      node[part] = i === 0 ? blankObject(part as VariableName) : {};
    }
    node = node[part] as Record<string, unknown>;
  });
}

export type RenderInput = {
  templateId: string;
  lang: Lang;
  variables: LetterVariablesInput;
  /** Templates directory; defaults to templatesRoot(). */
  root?: string;
};

/** Renders a built-in template. Blank required variables are listed in `missing` and shown as markers. */
export function renderLetter(input: RenderInput): RenderedLetter {
  const template = getTemplate(input.templateId, input.lang, input.root);
  if (!template) throw new TemplateError(`no template ${input.templateId} in language ${input.lang}`);
  return renderTemplate(template, input.variables);
}

/** Renders any parsed template (built-in or a workspace's own). */
export function renderTemplate(template: LetterTemplate, input: LetterVariablesInput): RenderedLetter {
  const { meta } = template;
  const variables = LetterVariables.parse(input);
  const missing = blankPaths(variables, requiredPaths(meta, variables));
  const scope = structuredClone(variables) as Record<string, unknown>;
  for (const at of missing) {
    // A missing list (no exposures at all) stays empty: there is nothing to point a marker at.
    if (!/^[a-zA-Z]+$/.test(at) || !Array.isArray(scope[at])) setAt(scope, at, placeholder(at));
  }
  for (const name of VARIABLE_NAMES) if (!(name in scope)) scope[name] = null;

  const engine = engineFor(meta.lang);
  // Subject and body share one time budget.
  const budget = template.builtIn ? TEMPLATE_LIMITS.builtInRenderMs : TEMPLATE_LIMITS.renderMs;
  const started = performance.now();
  const subject = withinLimits(
    () => engine.renderSync(parse(meta.lang, meta.subject), scope, { renderLimit: budget }) as string,
  );
  const left = Math.max(1, budget - (performance.now() - started));
  const body = withinLimits(
    () => engine.renderSync(parse(meta.lang, template.body), scope, { renderLimit: left }) as string,
  );
  if (subject.length + body.length > TEMPLATE_LIMITS.outputChars) throw new TemplateLimitError(TOO_BIG);
  return {
    subject: tidy(subject).replace(/\s+/g, " "),
    body: `${tidy(body)}\n`,
    templateId: meta.id,
    lang: meta.lang,
    version: meta.version,
    missing,
  };
}

/** Plain-text clean-up after Liquid: no trailing spaces, at most one blank line in a row. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
