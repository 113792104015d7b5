/**
 * The admin page of the local mail capture (/admin/mail): with no SMTP server configured (the
 * demo) every letter Klara delivered is kept here with its recipient, subject and exact text, so a
 * newcomer sees what the demo sends. Admins only: the letters hold personal data.
 */
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../app/context.js";
import { listCapturedLetters } from "../app/letter-capture.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden } from "../domain/errors.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

export function adminMailPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  app.get(
    "/admin/mail",
    {
      preHandler: [
        signedIn,
        async (request) => {
          if (!isAdmin(actorOf(request))) throw forbidden();
        },
      ],
    },
    async (request, reply) => {
      const ctx = staffContext(request, reply, "admin");
      const { timeZone, letters } = await listCapturedLetters(deps, actorOf(request));
      const format = new Intl.DateTimeFormat(intlLocale(ctx.lang), {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone,
      });
      return renderPage(views, reply, "admin/mail.njk", {
        ...ctx,
        title: ctx.t("mail.capture.title"),
        letters: letters.map((l) => ({
          ...l,
          at: l.capturedAt ? format.format(new Date(l.capturedAt)) : "",
        })),
      });
    },
  );
}
