/**
 * Letters for print: the list of letters waiting to be printed and posted (on the cases the person
 * may see), each with its PDF, and a form (CSRF) that marks one printed and posted, journalised.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import type { AppDeps } from "../app/context.js";
import { listLettersForPrint, markLetterPrinted } from "../app/print-letters.js";
import { KlaraError } from "../domain/errors.js";
import { translateOr } from "./i18n/messages.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

export function printLetterPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    posted: string | null,
    already = false,
  ) => {
    const ctx = staffContext(request, reply, "print");
    const { timeZone, letters } = await listLettersForPrint(deps, actorOf(request));
    const locale = intlLocale(ctx.lang);
    return renderPage(
      views,
      reply,
      "staff/print-letters.njk",
      {
        ...ctx,
        title: ctx.t("print.title"),
        posted,
        already,
        letters: letters.map((l) => ({
          id: l.id,
          caseId: l.caseId,
          reference: l.reference,
          at: Temporal.Instant.from(l.createdAt)
            .toZonedDateTimeISO(timeZone)
            .toLocaleString(locale, { dateStyle: "medium" }),
          name: upperFirst(translateOr(ctx.t, `letter.${l.template}`, l.subject)),
          subject: l.subject,
          to: [l.recipientName, l.recipientAddress].filter(Boolean).join(", "),
        })),
      },
      already ? 409 : 200,
    );
  };

  app.get("/letters/print", { preHandler: signedIn }, (request, reply) => {
    const posted = (request.query as { posted?: unknown }).posted;
    return show(request, reply, typeof posted === "string" ? posted.slice(0, 40) : null);
  });

  app.post<{ Params: { id: string } }>(
    "/letters/:id/posted",
    { preHandler: [app.csrfProtection, signedIn] },
    async (request, reply) => {
      try {
        const done = await markLetterPrinted(deps, actorOf(request), request.params.id.slice(0, 64));
        return reply.redirect(`/letters/print?posted=${encodeURIComponent(done.reference)}`, 303);
      } catch (error) {
        // marked by someone else meanwhile (or a second click): say so over the list as it is now
        if (error instanceof KlaraError && error.code === "conflict") return show(request, reply, null, true);
        throw error;
      }
    },
  );
}
