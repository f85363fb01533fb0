// The OpenAPI 3.1 document of /api/v1, generated from the endpoint list and its zod schemas (z.toJSONSchema):
// there is no second, hand-written copy of the shapes.
import { z } from "zod";
import { deadlineQuerySchema } from "~/deadlines/query.server";
import { searchParamsSchema } from "~/recipients/forms.server";
import { ENDPOINTS, type Endpoint } from "./endpoints.server";
import { ApiErrorSchema } from "./schemas.server";

/**
 * The public reference endpoints (no token: they hold only public rules and contact data), with the query
 * schemas their loaders parse. The match endpoint reads one `url` parameter by hand, so it is described here.
 */
const PUBLIC: Record<string, { path: string; summary: string; query: z.ZodObject }> = {
  deadline: {
    path: "/api/v1/deadline",
    summary: "The deadline engine: when an answer is due for a kind of request received on a date.",
    query: deadlineQuerySchema,
  },
  searchRecipients: {
    path: "/api/v1/recipients",
    summary: "Search the recipient directory (public contact data), 25 a page.",
    query: searchParamsSchema,
  },
  matchRecipient: {
    path: "/api/v1/recipients/match",
    summary: "The recipient who answers for a web address (neither stored nor logged).",
    query: z.object({
      url: z.string().max(4096).meta({ description: "The web address, e.g. https://t.me/channel/1." }),
      include: z
        .literal("quality")
        .optional()
        .meta({ description: "Add each record's quality and check date." }),
    }),
  },
};

type JsonSchema = Record<string, unknown>;

/** A zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), as the caller sends it or as we answer. */
export function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}

const errorRef = { $ref: "#/components/schemas/Error" };
const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: errorRef } },
});

function parameters(ep: Endpoint) {
  const out: JsonSchema[] = [];
  for (const [where, schema] of [
    ["path", ep.params],
    ["query", ep.query],
  ] as const) {
    if (!schema) continue;
    const js = jsonSchema(schema, "input") as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(js.properties ?? {})) {
      const { description, ...propSchema } = prop;
      out.push({
        name,
        in: where,
        required: where === "path" || (js.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: propSchema,
      });
    }
  }
  return out;
}

function operation(name: string, ep: Endpoint) {
  const responses: Record<string, unknown> = {
    [ep.response.status]: {
      description: ep.response.description,
      content: { "application/json": { schema: jsonSchema(ep.response.schema, "output") } },
    },
    "401": errorResponse("No valid access token (missing, wrong, revoked or expired)."),
    "404": errorResponse("Not found in the token's workspace (also for another workspace's ids; never 403)."),
  };
  if (ep.query || ep.body)
    responses["400"] = errorResponse("Invalid JSON, query or fields; `issues` lists them.");
  if (ep.access === "write")
    responses["403"] = errorResponse("The token may only read, or the member's role cannot write.");
  if (ep.method !== "get") responses["409"] = errorResponse("The change conflicts with the current state.");
  return {
    operationId: name,
    summary: ep.summary,
    tags: [ep.path.split("/")[3]],
    security: [{ bearerAuth: [] }],
    "x-retract-access": ep.access,
    ...(ep.params || ep.query ? { parameters: parameters(ep) } : {}),
    ...(ep.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: jsonSchema(ep.body, "input"),
                ...(ep.example === undefined ? {} : { example: ep.example }),
              },
            },
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(serverUrl = "/") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, ep] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
    paths[ep.path] ??= {};
    paths[ep.path]![ep.method] = operation(name, ep);
  }
  for (const [name, p] of Object.entries(PUBLIC))
    paths[p.path] = {
      get: {
        operationId: name,
        summary: p.summary,
        tags: ["reference"],
        security: [],
        parameters: parameters({ query: p.query } as Endpoint),
        responses: {
          "200": { description: "The answer.", content: { "application/json": {} } },
          "400": errorResponse("A parameter is missing or wrong; `error` names it."),
          "429": errorResponse("Too many requests from this address (directory endpoints)."),
        },
      },
    };
  paths["/api/v1/openapi.json"] = {
    get: {
      operationId: "openApi",
      summary: "This document.",
      security: [],
      responses: { "200": { description: "The OpenAPI document.", content: { "application/json": {} } } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Retract API",
      version: "1.0.0",
      description:
        "Subjects, cases, exposures, requests (letters) and deadlines of one workspace. Send a personal access token (Settings → API tokens) as `Authorization: Bearer TOKEN`. Read tokens may only GET. Ids of another workspace answer 404, never 403. Every error is `{ error, issues? }`.",
    },
    servers: [{ url: serverUrl }],
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token (rtr_…)." },
      },
      schemas: { Error: jsonSchema(ApiErrorSchema, "output") },
    },
    security: [{ bearerAuth: [] }],
    paths,
  };
}
