/**
 * The web pages as one Fastify plugin: form bodies, cookies, CSRF protection on every form
 * (double-submit: a signed secret cookie and a token in the form), the design system's assets
 * served from the dkfds package, and HTML error pages instead of problem+json.
 */
import { join } from "node:path";
import fastifyCompress from "@fastify/compress";
import fastifyFormbody from "@fastify/formbody";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from "../domain/documents.js";
import { KlaraError } from "../domain/errors.js";
import {
  clientHungUp,
  databaseUnavailableCode,
  logUnavailable,
  RETRY_AFTER_SECONDS,
} from "../http/error-handler.js";
import { pathOnly } from "../http/logging.js";
import { accessibilityPages } from "./accessibility.pages.js";
import { adminPages } from "./admin.pages.js";
import { adminMailPages } from "./admin-mail.pages.js";
import { adminProcedurePages } from "./admin-procedures.pages.js";
import { adminUnitPages } from "./admin-units.pages.js";
import { DKFDS_BASE, loadAssets } from "./asset-bundle.js";
import { casePages } from "./case.pages.js";
import { confirmComplaintPages } from "./confirm-complaint.pages.js";
import { dashboardPages } from "./dashboard.pages.js";
import { documentPages } from "./document.pages.js";
import { exportPages } from "./export.pages.js";
import { releaseUploads } from "./form-reader.js";
import { handlerLinkPages } from "./handler-link.pages.js";
import { letterPdfPages } from "./letter-pdf.pages.js";
import { notificationPages } from "./notifications.pages.js";
import { pageContext, rememberLanguage } from "./page-context.js";
import { printLetterPages } from "./print-letters.pages.js";
import { publicPages } from "./public.pages.js";
import { registerPages } from "./register.pages.js";
import { createViews, DKFDS_DIR } from "./render.js";
import { staffPages } from "./staff.pages.js";
import { staffDocumentPages } from "./staff-documents.pages.js";
import { statisticsPages } from "./statistics.pages.js";
import { yearlyReportPages } from "./yearly-report.pages.js";

export type { Views } from "./render.js";

export interface WebOptions {
  deps: AppDeps;
  /** marks cookies Secure (default; false only for local http) */
  secureCookies?: boolean;
}

const CSRF_ERRORS = new Set(["FST_CSRF_INVALID_TOKEN", "FST_CSRF_MISSING_SECRET"]);
/** busboy's words for a multipart body it cannot read (they come without a status) */
const MALFORMED_MULTIPART = /^(Multipart: |Unexpected end of form|Malformed part header|Boundary not found)/;

export async function webPlugin(app: FastifyInstance, options: WebOptions): Promise<void> {
  const assets = await loadAssets();
  const views = createViews({ assets });
  notFoundViews = views;
  // before the routes: it compresses what they send (HTML, the package's files) by Accept-Encoding
  await app.register(fastifyCompress, { encodings: ["br", "gzip"], threshold: 1024 });
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_DOCUMENT_BYTES,
      files: MAX_DOCUMENTS,
      fields: 60,
      fieldSize: 64 * 1024,
      parts: 70,
    },
  });
  // the memory a form's uploads held is given back once it is answered (or the client left)
  app.addHook("onResponse", async (request) => releaseUploads(request));
  app.addHook("onRequestAbort", async (request) => releaseUploads(request));
  // cookies and CSRF protection are the whole app's (build-app): the staff API takes the session too
  app.addHook("onRequest", rememberLanguage(options.secureCookies ?? true));
  // the package's fonts and icons under its version: a new version is a new URL
  await app.register(fastifyStatic, {
    root: join(DKFDS_DIR, "dist"),
    prefix: `${DKFDS_BASE}/`,
    maxAge: "365d",
    immutable: true,
  });
  await app.register(fastifyStatic, {
    root: join(DKFDS_DIR, "dist"),
    prefix: "/assets/dkfds/",
    decorateReply: false,
    maxAge: "1d",
  });
  // Klara's own files, built at start: a fingerprinted name is kept a year, the plain name an hour
  app.get<{ Params: { file: string } }>("/assets/:file", { compress: false }, (request, reply) => {
    const found = assets.find(request.params.file);
    if (!found) return htmlNotFound(request, reply);
    const { file, immutable } = found;
    reply
      .header("cache-control", immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600")
      .header("etag", file.etag)
      .header("vary", "accept-encoding")
      .type(file.type);
    if (request.headers["if-none-match"] === file.etag) return reply.code(304).send();
    const accepts = String(request.headers["accept-encoding"] ?? "");
    if (/\bbr\b/.test(accepts)) return reply.header("content-encoding", "br").send(file.br);
    if (/\bgzip\b/.test(accepts)) return reply.header("content-encoding", "gzip").send(file.gzip);
    return reply.send(file.body);
  });
  // browsers that ask for /favicon.ico before reading the page's icon link
  app.get("/favicon.ico", (_request, reply) =>
    reply.header("cache-control", "public, max-age=86400").redirect(assets.url("favicon.svg"), 301),
  );

  const message = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    kind: "notfound" | "error" | "csrf" | "staff.forbidden" | "unavailable" | "badrequest" | "ratelimited",
  ) => {
    const ctx = pageContext(request);
    const title = ctx.t(`${kind}.title`);
    return reply
      .code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(views.render("message.njk", { ...ctx, title, text: ctx.t(`${kind}.text`) }));
  };

  app.setErrorHandler((error: FastifyError, request, reply) => {
    // a refused upload is not read to its end: the connection closes after the answer
    if (request.isMultipart()) reply.header("connection", "close");
    if (CSRF_ERRORS.has(error.code)) return message(request, reply, 403, "csrf");
    if (error instanceof KlaraError && error.code === "not_found")
      return message(request, reply, 404, "notfound");
    if (error instanceof KlaraError && error.code === "forbidden")
      return message(request, reply, 403, "staff.forbidden");
    if (clientHungUp(request)) {
      request.log.info(`The client closed the connection during ${request.method} ${pathOnly(request.url)}`);
      return reply;
    }
    const outage = databaseUnavailableCode(error);
    if (outage) {
      logUnavailable(error, outage, request);
      reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return message(request, reply, 503, "unavailable");
    }
    if (error.statusCode === 413) return message(request, reply, 413, "error");
    if (error.statusCode === 503) {
      reply.header("retry-after", String(RETRY_AFTER_SECONDS));
      return message(request, reply, 503, "unavailable");
    }
    if (error instanceof KlaraError && error.code === "rate_limited")
      return message(request, reply, 429, "ratelimited");
    // malformed client input (no multipart boundary, an unexpected content type …) is the client's
    const status = error.statusCode ?? (MALFORMED_MULTIPART.test(error.message) ? 400 : 500);
    if (status >= 400 && status < 500)
      return message(request, reply, status, status === 404 ? "notfound" : "badrequest");
    request.log.error({ err: error }, "Unhandled error on a page; answered 500");
    return message(request, reply, 500, "error");
  });

  publicPages(app, options.deps, views);
  staffPages(app, { deps: options.deps, views, secureCookies: options.secureCookies ?? true });
  registerPages(app, options.deps, views);
  documentPages(app, options.deps);
  notificationPages(app, options.deps, views);
  staffDocumentPages(app, options.deps, views);
  letterPdfPages(app, options.deps);
  printLetterPages(app, options.deps, views);
  adminPages(app, options.deps, views);
  adminUnitPages(app, options.deps, views);
  adminProcedurePages(app, options.deps, views);
  adminMailPages(app, options.deps, views);
  casePages(app, options.deps, views);
  statisticsPages(app, options.deps, views);
  dashboardPages(app, options.deps, views);
  exportPages(app, options.deps);
  yearlyReportPages(app, options.deps, views);
  accessibilityPages(app, options.deps, views);
  // personal links: the handler without an account, the complainant's confirmation (decision 0017)
  handlerLinkPages(app, options.deps, views);
  confirmComplaintPages(app, options.deps, views);
}

/** The HTML 404 for paths outside the API. */
export function htmlNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const views = notFoundViews ?? createViews();
  notFoundViews = views;
  const ctx = pageContext(request);
  return reply
    .code(404)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(
      views.render("message.njk", { ...ctx, title: ctx.t("notfound.title"), text: ctx.t("notfound.text") }),
    );
}
let notFoundViews: ReturnType<typeof createViews> | null = null;
