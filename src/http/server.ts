/** The Klara HTTP app with all API routes, and starting it on a port. */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { authenticateToken } from "../app/authenticate.js";
import type { AppDeps } from "../app/context.js";
import { sessionActor } from "../app/staff-session.js";
import { SESSION_COOKIE } from "../web/staff-auth.js";
import { htmlNotFound, webPlugin } from "../web/web-plugin.js";
import { CASE_DOCUMENTS_OPENAPI, caseDocumentsApi } from "./api/case-documents.route.js";
import { caseRoutes } from "./api/cases.routes.js";
import { directoryRoutes } from "./api/directory.routes.js";
import { mailSettingsRoutes } from "./api/mail-settings.routes.js";
import { notificationRoutes } from "./api/notifications.routes.js";
import { organisationRoutes } from "./api/organisation.routes.js";
import { printLetterRoutes } from "./api/print-letters.routes.js";
import { publicRoutes } from "./api/public.routes.js";
import { buildApp } from "./build-app.js";

export interface HttpOptions {
  deps: AppDeps;
  /** serve the web pages too (default true) */
  web?: boolean;
  /** signs the web's cookies; random per process when not given */
  cookieSecret?: string;
  /** cookies only over HTTPS (default true) */
  secureCookies?: boolean;
  rateLimitPerMinute: number;
  logger?: boolean | object;
}

export function createHttpApp(options: HttpOptions): Promise<FastifyInstance> {
  const { deps } = options;
  return buildApp({
    routes: [
      ...publicRoutes(deps),
      ...caseRoutes(deps),
      ...directoryRoutes(deps),
      ...organisationRoutes(deps),
      ...mailSettingsRoutes(deps),
      ...notificationRoutes(deps),
      ...printLetterRoutes(deps),
    ],
    authenticate: (token) => authenticateToken(deps, token),
    rateLimitPerMinute: options.rateLimitPerMinute,
    logger: options.logger ?? false,
    // the multipart upload of staff documents (not a route-kit route: those read JSON only)
    plugins: [(app) => caseDocumentsApi(app, deps)],
    ...(options.web === false
      ? {}
      : {
          plugins: [
            (app) => caseDocumentsApi(app, deps),
            (app) =>
              webPlugin(app, {
                deps,
                secureCookies: options.secureCookies ?? true,
              }),
          ],
          pageNotFound: htmlNotFound,
          cookies: {
            secret: options.cookieSecret ?? randomBytes(32).toString("hex"),
            secure: options.secureCookies ?? true,
            sessionCookie: SESSION_COOKIE,
            authenticateSession: (token) => sessionActor(deps, token),
          },
        }),
    isReady: async () => {
      deps.db.checkStorage();
      await sql`select 1`.execute(deps.db.kysely);
    },
    openApiInfo: {
      title: "Klara API",
      version: "1",
      description: "Complaint case management for public authorities in Denmark and Norway.",
      extraPaths: CASE_DOCUMENTS_OPENAPI,
    },
  });
}

export async function startServer(
  options: HttpOptions & { host: string; port: number },
): Promise<{ url: string; app: FastifyInstance; close(): Promise<void> }> {
  const app = await createHttpApp(options);
  const address = await app.listen({ host: options.host, port: options.port });
  return { url: address, app, close: () => app.close() };
}
