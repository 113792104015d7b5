import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";
import type { Actor } from "../app/actor.js";
import { type FieldError, invalidInput } from "../domain/errors.js";

/**
 * Routes are data: method, URL, documentation, auth mode, Zod schemas for every input and for
 * every response status, and a thin handler. build-app.ts turns them into Fastify routes and
 * openapi.ts into the OpenAPI document. Zod is the only validator; Fastify's JSON-schema
 * validation is not used for these routes.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
/** "public": no authentication, rate-limited per client address; "staff": `Authorization: Bearer` required. */
export type AuthMode = "public" | "staff";
/** One Zod schema per HTTP status the handler may answer with; the body is `parse`d through it. */
export type ResponseSchemas = { [status: number]: z.ZodType };

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: parsed inputs (Zod output types), the actor and the client address. */
export interface RouteRequest<
  A extends AuthMode = AuthMode,
  P = unknown,
  Q = unknown,
  B = unknown,
  H = unknown,
> {
  params: Out<P>;
  query: Out<Q>;
  body: Out<B>;
  /** the parsed `headers` schema (declare header names in lower case), or the raw headers when none is declared */
  headers: H extends z.ZodType ? z.output<H> : IncomingHttpHeaders;
  /** the authenticated person; always present on staff routes, null on public ones */
  actor: A extends "staff" ? Actor : Actor | null;
  /** client address (honours `trustProxy` when build-app is told to) */
  ip: string;
}

/** What a handler returns. `status` defaults to 200 when declared, else the lowest declared status. */
export interface RouteResult<R extends ResponseSchemas = ResponseSchemas> {
  status?: keyof R & number;
  body: { [K in keyof R]: z.input<R[K]> }[keyof R];
  headers?: Record<string, string>;
}

export interface RouteSpec<A extends AuthMode, P, Q, B, H, R extends ResponseSchemas> {
  method: HttpMethod;
  /** Fastify style, e.g. `/api/v1/cases/:id` */
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: A;
  /** defaults to one derived from method and URL */
  operationId?: string;
  /** rate-limit this route per client address; defaults to true for public routes, false for staff */
  rateLimit?: boolean;
  params?: P;
  querystring?: Q;
  body?: B;
  headers?: H;
  response: R;
  handler: (req: RouteRequest<A, P, Q, B, H>) => Promise<RouteResult<NoInfer<R>>>;
}

/** A route with its types erased, as build-app and openapi consume it. */
export interface RouteDefinition {
  method: HttpMethod;
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: AuthMode;
  operationId?: string;
  rateLimit?: boolean;
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
  response: ResponseSchemas;
  handler: (req: RouteRequest) => Promise<RouteResult>;
}

/** Declares a route; the handler's request and result are typed from the schemas. */
export function defineRoute<
  A extends AuthMode,
  R extends ResponseSchemas,
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  H extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<A, P, Q, B, H, R>): RouteDefinition {
  if (Object.keys(spec.response).length === 0) {
    throw new Error(`Route ${spec.method} ${spec.url} declares no response schema.`);
  }
  return spec as unknown as RouteDefinition;
}

/** Whether a route is rate-limited (public routes are unless they opt out). */
export const isRateLimited = (route: RouteDefinition): boolean => route.rateLimit ?? route.auth === "public";

/**
 * One FieldError per Zod issue, the path joined with dots ("complainant.email", "items.0.name").
 * Never a submitted value: Zod's messages name types and allowed values only, except for unknown
 * keys, whose names (anything a client typed) are counted, not repeated.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((segment) => String(segment)).join("."),
    message:
      issue.code === "unrecognized_keys"
        ? `${issue.keys.length === 1 ? "A field" : `${issue.keys.length} fields`} this request does not take.`
        : issue.message,
  }));
}

/** The raw inputs build-app hands to {@link runRoute}. */
export interface RawInputs {
  params: unknown;
  query: unknown;
  body: unknown;
  headers: IncomingHttpHeaders;
  actor: Actor | null;
  ip: string;
}

/** What build-app sends: the status, the parsed (stripped) body, extra headers. */
export interface RouteOutcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Parses every declared input (collecting the issues of all of them into one invalid_input
 * error), calls the handler, and parses its body through the response schema of the status, so
 * fields the schema does not declare are stripped.
 */
export async function runRoute(route: RouteDefinition, raw: RawInputs): Promise<RouteOutcome> {
  const errors: FieldError[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown): unknown => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    errors.push(...fieldErrorsOf(result.error));
    return undefined;
  };
  const params = parse(route.params, raw.params);
  const query = parse(route.querystring, raw.query);
  const headers = route.headers ? parse(route.headers, raw.headers) : raw.headers;
  const body = parse(route.body, raw.body);
  if (errors.length > 0) throw invalidInput(errors);

  const request = { params, query, body, headers, actor: raw.actor, ip: raw.ip } as RouteRequest;
  const result = await route.handler(request);

  const status = result.status ?? defaultStatus(route);
  const schema = route.response[status];
  if (!schema) {
    throw new Error(
      `Route ${route.method} ${route.url} answered ${status}, which declares no response schema.`,
    );
  }
  const parsed = schema.safeParse(result.body);
  if (!parsed.success) {
    const issues = fieldErrorsOf(parsed.error)
      .map((e) => `${e.path || "(root)"}: ${e.message}`)
      .join("; ");
    throw new Error(
      `Route ${route.method} ${route.url} answered ${status} with a body its schema refuses: ${issues}`,
    );
  }
  return { status, body: parsed.data, headers: result.headers ?? {} };
}

/** 200 when declared, otherwise the lowest declared status. */
export function defaultStatus(route: RouteDefinition): number {
  const statuses = Object.keys(route.response).map(Number);
  return statuses.includes(200) ? 200 : Math.min(...statuses);
}
