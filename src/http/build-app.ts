import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyHelmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { Actor } from "../app/actor.js";
import { KlaraError } from "../domain/errors.js";
import { CSRF_COOKIE } from "../web/staff-auth.js";
import { createErrorHandler, RETRY_AFTER_SECONDS, SAFE_METHODS, WriteHealth } from "./error-handler.js";
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
  /**
   * Cookies and CSRF protection for the whole app (the web pages' forms, and the staff API when
   * it is called with the web session cookie instead of a bearer token).
   */
  cookies?: {
    /** signs the CSRF secret cookie */
    secret: string;
    /** Secure cookies (HTTPS only) */
    secure: boolean;
    /** the web session cookie's name and how a session resolves to its person */
    sessionCookie: string;
    authenticateSession: (sessionToken: string) => Promise<Actor | null>;
  };
  /** request timeouts; defaults in {@link DEFAULT_TIMEOUTS} */
  timeouts?: Partial<Timeouts>;
}

export interface Timeouts {
  /** the whole request (headers and body) must have arrived within this */
  requestMs: number;
  /** the request's headers must have arrived within this */
  headersMs: number;
  /** how often the server looks for requests over their time */
  checkIntervalMs: number;
}

/**
 * A slow-drip client is cut off after two minutes (a 60 MB upload then needs 4 Mbit/s); headers
 * take at most 15 seconds.
 */
export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 120_000, headersMs: 15_000, checkIntervalMs: 5_000 };

/** The public pages a citizen reaches without signing in: the complaint form and the tracking page. */
const PUBLIC_PAGE = /^\/(complaints|handler)\//;
/**
 * The citizen's private tracking link and the personal links (decision 0017): their URL is a
 * secret, so it is never sent on as a referrer.
 */
const TRACKING = /^((\/api\/v1)?\/complaints\/status\/|\/complaints\/confirm\/|\/handler\/)/;

/**
 * Security headers on every answer (pages, API, static files, errors, 404): nothing of Klara runs
 * inline or from elsewhere, and no page may be framed.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
};

export const PERMISSIONS_POLICY =
  "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

declare module "fastify" {
  interface FastifyInstance {
    /** every route registered, with its method */
    klaraRoutes: readonly { method: string; url: string }[];
  }
}

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Builds the Fastify app (no listen): error mapping, 404s, /healthz, the OpenAPI document and the
 * API routes in their own scope, which accepts only application/json bodies.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit,
    trustProxy: options.trustProxy ?? false,
    // Fastify's default 0 turns Node's request timeout off: a slow-drip body would hold a socket forever
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.requestMs,
    http: {
      headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs),
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  });

  // every route of every scope, for the attack suite's header checks (and anyone who asks)
  const routeList: { method: string; url: string }[] = [];
  app.decorate("klaraRoutes", routeList);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) routeList.push({ method, url: route.url });
  });

  const writeHealth = new WriteHealth();
  app.decorate("klaraWriteHealth", writeHealth);
  app.addHook("onResponse", async (request, reply) => {
    if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) writeHealth.recovered();
  });
  app.setErrorHandler(createErrorHandler(bodyLimit));

  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    referrerPolicy: { policy: "same-origin" },
    crossOriginEmbedderPolicy: false,
    frameguard: { action: "deny" },
    // HSTS only where the site is served over HTTPS (Secure cookies); never for the local http demo
    hsts: options.cookies?.secure === false ? false : { maxAge: 31_536_000, includeSubDomains: true },
  });
  app.addHook("onRequest", async (request, reply) => {
    reply.header("permissions-policy", PERMISSIONS_POLICY);
    if (TRACKING.test(request.url)) {
      reply.header("referrer-policy", "no-referrer");
      reply.header("x-robots-tag", "noindex, nofollow");
    }
  });

  if (options.cookies) {
    await app.register(fastifyCookie, { secret: options.cookies.secret });
    await app.register(fastifyCsrf, {
      sessionPlugin: "@fastify/cookie",
      cookieKey: CSRF_COOKIE,
      cookieOpts: {
        path: "/",
        sameSite: "strict",
        httpOnly: true,
        signed: true,
        secure: options.cookies.secure,
      },
      // forms post `_csrf`; the staff API called with the session cookie sends `X-CSRF-Token`
      getToken: (request: FastifyRequest) => {
        const field = (request.body as { _csrf?: unknown } | undefined)?._csrf;
        if (typeof field === "string") return field;
        const header = request.headers["x-csrf-token"];
        return typeof header === "string" ? header : undefined;
      },
    });
  }
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

  if (rateLimitOn) {
    // the citizen's pages are limited like the public API, per client address
    const limitPages = app.rateLimit({ max: options.rateLimitPerMinute, timeWindow: 60_000 });
    app.addHook("onRequest", async (request, reply) => {
      if (PUBLIC_PAGE.test(request.url)) await limitPages.call(app, request, reply);
    });
  }

  app.get("/healthz", async (request, reply) => {
    try {
      await options.isReady?.();
      writeHealth.check();
    } catch (err) {
      request.log.error({ err }, "Health check failed; answered 503");
      reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return sendProblem(reply, problem("unavailable", "The service is not ready."));
    }
    return reply.code(200).send({ status: "ok" });
  });

  const actors = new WeakMap<FastifyRequest, Actor>();
  const cookies = options.cookies;
  const requireStaff = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const match = BEARER.exec(request.headers.authorization ?? "");
    const sessionToken = cookies ? request.cookies[cookies.sessionCookie] : undefined;
    if (!match && cookies && sessionToken) {
      // the web session, as API.md allows; a write must also carry the page's CSRF token
      const actor = await cookies.authenticateSession(sessionToken);
      if (!actor) throw new KlaraError("unauthenticated", "The session has ended; sign in again.");
      if (!SAFE_METHODS.has(request.method)) await verifyCsrf(app, request, reply);
      actors.set(request, actor);
      return;
    }
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
          // a route that set its own content type (a CSV, an XLSX) answers a string or bytes as they are
          const raw = typeof outcome.body === "string" || Buffer.isBuffer(outcome.body);
          if (raw && outcome.headers["content-type"]) return reply.send(outcome.body);
          return reply.type("application/json; charset=utf-8").send(JSON.stringify(outcome.body));
        },
      });
    }
  });

  for (const plugin of options.plugins ?? []) await app.register(plugin);

  return app;
}

/** The CSRF check of @fastify/csrf-protection as a promise: it rejects with its 403 error. */
function verifyCsrf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise((resolve, reject) => {
    // the plugin answers a failed check with reply.send(error); here that error rejects instead
    const probe = Object.create(reply, {
      send: {
        value: (error: unknown) => {
          reject(error);
          return probe;
        },
      },
    }) as FastifyReply;
    app.csrfProtection.call(app, request, probe, () => resolve());
  });
}
