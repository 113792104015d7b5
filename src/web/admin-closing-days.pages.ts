/**
 * The admin page for the organisation's closing days (issue 7 point 8): the list with a button to
 * remove each, and a field to add one. A past or malformed date is a 400 naming the date.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Temporal } from "temporal-polyfill";
import { getClosingDays, setClosingDays } from "../app/closing-days.js";
import type { AppDeps } from "../app/context.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import type { FormError } from "./form-errors.js";
import { intlLocale } from "./page-context.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

const text = (body: unknown, key: string): string => {
  const v = (body as Record<string, unknown> | null)?.[key];
  return typeof v === "string" ? v.trim().slice(0, 40) : "";
};

export function closingDaysPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);
  const adminOnly = async (request: FastifyRequest) => {
    if (!isAdmin(actorOf(request))) throw forbidden();
  };

  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: { add?: string },
    errors: FormError[],
    done?: string,
  ) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "admin");
    const locale = intlLocale(ctx.lang);
    const days = await getClosingDays(deps, actor.organisationId, actor);
    return renderPage(
      views,
      reply,
      "admin/closing-days.njk",
      {
        ...ctx,
        title: ctx.t("closing.title"),
        days: days.map((iso) => ({
          iso,
          text: Temporal.PlainDate.from(iso).toLocaleString(locale, {
            weekday: "short",
            day: "numeric",
            month: "long",
            year: "numeric",
          }),
        })),
        values,
        errors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
        errorList: errors,
        done,
      },
      errors.length ? 400 : 200,
    );
  };

  app.get("/admin/closing-days", { preHandler: [signedIn, adminOnly] }, (request, reply) =>
    show(request, reply, {}, []),
  );

  app.post(
    "/admin/closing-days",
    { preHandler: [app.csrfProtection, signedIn, adminOnly] },
    async (request, reply) => {
      const t = staffContext(request, reply, "admin").t;
      const add = text(request.body, "add");
      const remove = text(request.body, "remove");
      if (!add && !remove) {
        return show(request, reply, {}, [{ field: "add", message: t("closing.error.required") }]);
      }
      const actor = actorOf(request);
      try {
        await setClosingDays(
          deps,
          actor.organisationId,
          { add: add ? [add] : [], remove: remove ? [remove] : [] },
          actor,
        );
      } catch (error) {
        if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
        // one field on the page: every error names the date that was given
        const errors = (error.details.fieldErrors ?? []).map((e) => ({
          field: "add",
          message: t(e.message.includes("in the past") ? "closing.error.past" : "closing.error.format", {
            value: e.path.startsWith("remove") ? remove : add,
          }),
        }));
        return show(request, reply, { add }, errors);
      }
      return show(
        request,
        reply,
        {},
        [],
        t(add ? "closing.added" : "closing.removed", { date: add || remove }),
      );
    },
  );
}
