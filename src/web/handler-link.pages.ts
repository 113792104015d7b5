/**
 * The handler without an account's page behind their personal link (SPEC §1, seed 000; decision
 * 0017): no staff session; the form's CSRF protection is the pages' double-submit cookie, which
 * needs none. An expired, replaced or ended link is 410 Gone with a plain page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import type { AppDeps } from "../app/context.js";
import { handlerLinkDocument, openHandlerLink, uploadThroughHandlerLink } from "../app/handler-link.js";
import type { LinkRefusal } from "../app/handler-link-tokens.js";
import type { Locale } from "../domain/organisation.js";
import { byField, type FormError } from "./form-errors.js";
import type { MessageKey } from "./i18n/messages.js";
import { intlLocale, pageContext } from "./page-context.js";
import type { Views } from "./render.js";
import { postTextAndFiles, UPLOAD_ROUTE } from "./upload-form.js";

const FIELDS = ["text", "files"];

/** The plain page of a link that no longer works (shared with the confirmation page). */
export function linkGone(
  views: Views,
  request: FastifyRequest,
  reply: FastifyReply,
  locale: string,
  reason: LinkRefusal | "settled",
) {
  const ctx = pageContext(request, locale as Locale);
  return reply
    .code(410)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(
      views.render("message.njk", {
        ...ctx,
        title: ctx.t("link.gone.title"),
        text: ctx.t(`link.gone.${reason}` as MessageKey),
      }),
    );
}

export function handlerLinkPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    values: Record<string, string>,
    errors: FormError[],
  ) => {
    const result = await openHandlerLink(deps, token);
    if (result.gone) return linkGone(views, request, reply, result.locale, result.reason);
    const view = result.view;
    const ctx = pageContext(request, view.locale as Locale);
    const locale = intlLocale(ctx.lang);
    const day = (d: string) =>
      Temporal.PlainDate.from(d).toLocaleString(locale, { day: "numeric", month: "long", year: "numeric" });
    const moment = (instant: string) =>
      Temporal.Instant.from(instant)
        .toZonedDateTimeISO(view.timeZone)
        .toLocaleString(locale, { dateStyle: "long", timeStyle: "short" });
    const { map, list } = byField(errors, FIELDS);
    const query = request.query as { added?: string };
    return reply
      .code(errors.length ? 400 : 200)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(
        views.render("public/handler-link.njk", {
          ...ctx,
          title: ctx.t("handlerLink.title", { reference: view.reference }),
          view,
          token,
          statusText: ctx.t(`state.${view.status}` as MessageKey),
          received: moment(view.receivedAt),
          expires: moment(view.expiresAt),
          deadlines: view.deadlines.map((d) => ({
            name: ctx.t(`deadline.${d.kind}` as MessageKey),
            due: day(d.dueDate),
            met: d.metAt ? ctx.t("status.met.yes", { date: moment(d.metAt) }) : ctx.t("status.met.no"),
          })),
          documents: view.documents.map((d) => ({
            ...d,
            from: ctx.t(`handlerLink.from.${d.from}` as MessageKey),
            size: `${Math.max(1, Math.round(d.size / 1024))} KB`,
          })),
          added: query.added === "1" && errors.length === 0,
          values,
          errors: map,
          errorList: list,
          csrfToken: reply.generateCsrf(),
        }),
      );
  };

  app.get<{ Params: { token: string } }>("/handler/:token", (request, reply) =>
    show(request, reply, request.params.token, {}, []),
  );

  app.post<{ Params: { token: string } }>("/handler/:token", UPLOAD_ROUTE, (request, reply) => {
    const token = request.params.token;
    return postTextAndFiles(request, reply, {
      filesField: "files",
      submit: async (input, ctx) => {
        const result = await uploadThroughHandlerLink(deps, token, input);
        if (result.gone) {
          const opened = await openHandlerLink(deps, token);
          return linkGone(views, request, reply, opened.gone ? opened.locale : "da", result.reason);
        }
        return reply.redirect(`/handler/${encodeURIComponent(token)}?added=1&lang=${ctx.lang}`, 303);
      },
      show: (values, errors) => show(request, reply, token, values, errors),
    });
  });

  app.get<{ Params: { token: string; documentId: string } }>(
    "/handler/:token/documents/:documentId",
    async (request, reply) => {
      const result = await handlerLinkDocument(deps, request.params.token, request.params.documentId);
      if (result.gone) {
        const opened = await openHandlerLink(deps, request.params.token);
        return linkGone(views, request, reply, opened.gone ? opened.locale : "da", result.reason);
      }
      const doc = result.document;
      return reply
        .header("cache-control", "no-store")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.filename)}`)
        .type(doc.mediaType)
        .send(Buffer.from(doc.content));
    },
  );
}
