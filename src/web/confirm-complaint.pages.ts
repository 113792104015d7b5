/**
 * The complainant's confirmation of a formal complaint behind the link in the letter that asked
 * (seed 001; decision 0017): a question and one button (a POST with the pages' double-submit CSRF
 * token, no session). A used, expired or settled link is 410 Gone with a plain page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ConfirmLinkState, confirmThroughLink, openConfirmLink } from "../app/confirm-complaint-link.js";
import type { AppDeps } from "../app/context.js";
import type { Locale } from "../domain/organisation.js";
import { verifyCsrf } from "./form-reader.js";
import { linkGone } from "./handler-link.pages.js";
import { pageContext } from "./page-context.js";
import type { Views } from "./render.js";

export function confirmComplaintPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const show = (request: FastifyRequest, reply: FastifyReply, token: string, state: ConfirmLinkState) => {
    if (state.state === "gone") return linkGone(views, request, reply, state.locale, state.reason);
    const ctx = pageContext(request, state.locale as Locale);
    return reply
      .code(200)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(
        views.render("public/confirm-complaint.njk", {
          ...ctx,
          title: ctx.t(state.state === "confirmed" ? "confirm.done.title" : "confirm.title"),
          confirmed: state.state === "confirmed",
          reference: state.reference,
          organisationName: state.state === "open" ? state.organisationName : "",
          token,
          csrfToken: reply.generateCsrf(),
        }),
      );
  };

  app.get<{ Params: { token: string } }>("/complaints/confirm/:token", async (request, reply) =>
    show(request, reply, request.params.token, await openConfirmLink(deps, request.params.token)),
  );

  app.post<{ Params: { token: string } }>("/complaints/confirm/:token", async (request, reply) => {
    await verifyCsrf(app, request, reply, (request.body ?? {}) as Record<string, string>);
    return show(request, reply, request.params.token, await confirmThroughLink(deps, request.params.token));
  });
}
