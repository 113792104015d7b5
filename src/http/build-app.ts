import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Actor } from "../app/actor.js";
import { KlaraError } from "../domain/errors.js";
import { createErrorHandler } from "./error-handler.js";
import { loggerOptions, pathOnly } from "./logging.js";
import { buildOpenApiDocument, OPENAPI_PATH, type OpenApiInfo } from "./openapi.js";
import { problem, sendProblem } from "./problem.js";
import { isRateLimited, type RouteDefinition, runRoute } from "./route-kit.js";

export interface BuildAppOptions {
  routes: RouteDefinition[];
  /** resolves an API token to its person, null when the token is unknown */
  authenticate: (bearerToken: string) => Promise<Actor | null>;
  /** requests per minute per client address on each public route; 0 turns the limit off */
  rateLimitPerMinute: number;
  /** largest accepted request body; default 1 MiB */
  bodyLimitBytes?: number;
  /** false (default), true, or pino options such as `{ level, stream }`; serializers are always the safe ones */
  logger?: boolean | object;
  /** throws when the database is unreachable; GET /healthz answers 503 then */
  isReady?: () => Promise<void>;
  /** Fastify's trustProxy, for the client address behind a reverse proxy; default false */
  trustProxy?: boolean | string | string[];
  openApiInfo?: OpenApiInfo;
  /** more scopes (the web pages), registered after the API */
  plugins?: ((app: FastifyInstance) => Promise<void>)[];
  /** answers a path outside /api that matched no route (the web's HTML page); default problem+json */
  pageNotFound?: (request: FastifyRequest, reply: FastifyReply) => unknown;
}

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Builds the Fastify app (no listen): error mapping, 404s, /healthz, the OpenAPI document and the
 * API routes in their own scope, which accepts only application/json bodies.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
  });

  app.setErrorHandler(createErrorHandler(bodyLimit));
  app.setNotFoundHandler((request, reply) => {
    if (options.pageNotFound && !request.url.startsWith("/api/")) return options.pageNotFound(request, reply);
    return sendProblem(
      reply,
      problem("not_found", `There is no ${request.method} ${pathOnly(request.url)}.`),
    );
  });

  const rateLimitOn = options.rateLimitPerMinute > 0;
  if (rateLimitOn) {
    await app.register(rateLimit, {
      global: false,
      hook: "onRequest",
      errorResponseBuilder: (_request, context) =>
        new KlaraError("rate_limited", `Too many requests; try again in ${context.after}.`),
    });
  }

  app.get("/healthz", async (request, reply) => {
    try {
      await options.isReady?.();
    } catch (err) {
      request.log.error({ err }, "Health check failed; answered 503");
      return sendProblem(reply, problem("unavailable", "The service is not ready."));
    }
    return reply.code(200).send({ status: "ok" });
  });

  const actors = new WeakMap<FastifyRequest, Actor>();
  const requireStaff = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const match = BEARER.exec(request.headers.authorization ?? "");
    if (!match) {
      throw new KlaraError(
        "unauthenticated",
        "This endpoint requires an Authorization: Bearer <api token> header.",
      );
    }
    const actor = await options.authenticate(match[1]!);
    if (!actor) {
      reply.header("www-authenticate", 'Bearer error="invalid_token"');
      throw new KlaraError("unauthenticated", "The API token is not valid.");
    }
    actors.set(request, actor);
  };

  const openApi = buildOpenApiDocument(options.routes, options.openApiInfo);

  await app.register(async (api) => {
    // only application/json bodies (Fastify's default JSON parser); anything else is a 415
    api.removeContentTypeParser("text/plain");
    api.addHook("onRequest", async (_request, reply) => {
      reply.header("cache-control", "no-store");
    });

    api.get(OPENAPI_PATH, async (_request, reply) =>
      reply.type("application/json; charset=utf-8").send(openApi),
    );

    for (const route of options.routes) {
      api.route({
        method: route.method,
        url: route.url,
        config:
          rateLimitOn && isRateLimited(route)
            ? { rateLimit: { max: options.rateLimitPerMinute, timeWindow: 60_000 } }
            : {},
        onRequest: route.auth === "staff" ? [requireStaff] : [],
        handler: async (request, reply) => {
          const outcome = await runRoute(route, {
            params: request.params,
            query: request.query,
            body: request.body,
            headers: request.headers,
            actor: actors.get(request) ?? null,
            ip: request.ip,
          });
          reply.code(outcome.status).headers(outcome.headers);
          if (outcome.status === 204 || outcome.body === undefined) return reply.send();
          return reply.type("application/json; charset=utf-8").send(JSON.stringify(outcome.body));
        },
      });
    }
  });

  for (const plugin of options.plugins ?? []) await app.register(plugin);

  return app;
}
