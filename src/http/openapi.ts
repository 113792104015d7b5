import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { ERROR_HTTP, PROBLEM_CONTENT_TYPE } from "./problem.js";
import { isRateLimited, type RouteDefinition } from "./route-kit.js";

/**
 * Builds the OpenAPI 3.1 document from the route definitions with Zod 4's native
 * `z.toJSONSchema` (request schemas as "input", responses as "output", draft 2020-12). Schemas
 * that carry `.meta({ id })` are hoisted into `components.schemas` and referenced from there.
 */

export type JsonSchema = Record<string, unknown>;

export interface OpenApiInfo {
  title?: string;
  version?: string;
  description?: string;
  /** operations served outside the route kit (the multipart upload), documented by hand */
  extraPaths?: Record<string, Record<string, unknown>>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  jsonSchemaDialect: string;
  info: { title: string; version: string; description?: string };
  servers: { url: string }[];
  /** path ({id} form) → lower-case method → operation object */
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

export const OPENAPI_PATH = "/api/v1/openapi.json";

const PROBLEM_REF = { $ref: "#/components/schemas/Problem" };

const problemSchema: JsonSchema = {
  type: "object",
  description: "RFC 9457 problem details",
  properties: {
    type: { type: "string", format: "uri" },
    title: { type: "string" },
    status: { type: "integer" },
    detail: { type: "string" },
    errors: {
      type: "array",
      items: {
        type: "object",
        properties: {
          path: { type: "string" },
          message: { type: "string" },
          code: { type: "string", enum: ["required"], description: "present when the field was left empty" },
        },
        required: ["path", "message"],
      },
    },
    reason: { type: "string" },
  },
  required: ["type", "title", "status", "detail"],
};

/** `/api/v1/cases/:id/commands/:command` → `/api/v1/cases/{id}/commands/{command}` (regex constraints dropped). */
export const toOpenApiPath = (url: string): string =>
  url.replace(/:([A-Za-z0-9_]+)(\([^)]*\))?/g, (_match, name: string) => `{${name}}`);

const operationIdOf = (route: RouteDefinition): string =>
  route.operationId ??
  [route.method.toLowerCase(), ...route.url.split("/").filter((s) => s && s !== "api" && !/^v\d+$/.test(s))]
    .map((s, i) => {
      const word = s
        .replace(/^:/, "by-")
        .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase());
      return i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join("");

export function buildOpenApiDocument(routes: RouteDefinition[], info: OpenApiInfo = {}): OpenApiDocument {
  const components: Record<string, JsonSchema> = { Problem: problemSchema };

  /** Converts a Zod schema and moves its `$defs` into components, rewriting the refs. */
  const convert = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const json = z.toJSONSchema(schema, {
      target: "draft-2020-12",
      io,
      unrepresentable: "any",
    }) as JsonSchema;
    delete json.$schema;
    const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
    delete json.$defs;
    const renames = new Map(Object.keys(defs).map((name) => [name, name]));
    const rewrite = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (node === null || typeof node !== "object") return node;
      const out: JsonSchema = {};
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")) {
          const name = value.slice("#/$defs/".length);
          out[key] = `#/components/schemas/${renames.get(name) ?? name}`;
        } else {
          out[key] = rewrite(value);
        }
      }
      return out;
    };
    // the same id converted for input and for output may differ (defaults, transforms): keep both
    for (const [name, def] of Object.entries(defs)) {
      const existing = components[name];
      if (existing && !isDeepStrictEqual(existing, rewrite(def))) renames.set(name, `${name}Input`);
    }
    for (const [name, def] of Object.entries(defs))
      components[renames.get(name)!] = rewrite(def) as JsonSchema;
    return rewrite(json) as JsonSchema;
  };

  const parametersOf = (schema: z.ZodType | undefined, where: "path" | "query" | "header"): JsonSchema[] => {
    if (!schema) return [];
    const json = convert(schema, "input");
    const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required ?? []) as string[]);
    return Object.entries(properties).map(([name, property]) => {
      const { description, ...rest } = property;
      return {
        name,
        in: where,
        required: where === "path" || required.has(name),
        ...(typeof description === "string" ? { description } : {}),
        schema: rest,
      };
    });
  };

  const problemResponse = (description: string) => ({
    description,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } },
  });

  // outputs first, so a shared schema's component name is its id and a differing input version is "<id>Input"
  for (const route of routes) for (const schema of Object.values(route.response)) convert(schema, "output");

  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, schema] of Object.entries(route.response)) {
      const json = convert(schema, "output");
      const description = typeof json.description === "string" ? json.description : `${status} response`;
      responses[status] =
        Number(status) === 204
          ? { description }
          : {
              description,
              content: { "application/json": { schema: json } },
            };
    }
    const hasInput = Boolean(route.params || route.querystring || route.body || route.headers);
    if (hasInput) responses["400"] = problemResponse(ERROR_HTTP.invalid_input.title);
    if (route.auth === "staff") {
      responses["401"] = problemResponse(ERROR_HTTP.unauthenticated.title);
      responses["403"] = problemResponse(ERROR_HTTP.forbidden.title);
    }
    if (route.body) {
      responses["413"] = problemResponse(ERROR_HTTP.payload_too_large.title);
      responses["415"] = problemResponse(ERROR_HTTP.unsupported_media_type.title);
    }
    if (isRateLimited(route)) responses["429"] = problemResponse(ERROR_HTTP.rate_limited.title);
    responses["503"] = problemResponse(ERROR_HTTP.unavailable.title);
    responses.default = problemResponse("Error (problem details)");

    const operation: JsonSchema = {
      operationId: operationIdOf(route),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      security: route.auth === "staff" ? [{ bearerAuth: [] }] : [],
      parameters: [
        ...parametersOf(route.params, "path"),
        ...parametersOf(route.querystring, "query"),
        ...parametersOf(route.headers, "header"),
      ],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: convert(route.body, "input") } },
            },
          }
        : {}),
      responses,
    };
    const path = toOpenApiPath(route.url);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation;
  }
  for (const [path, operations] of Object.entries(info.extraPaths ?? {})) {
    paths[path] = { ...paths[path], ...(operations as Record<string, JsonSchema>) };
  }

  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: info.title ?? "Klara API",
      version: info.version ?? "1",
      ...(info.description ? { description: info.description } : {}),
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "Klara API token" },
      },
    },
  };
}
