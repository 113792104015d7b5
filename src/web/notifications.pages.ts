/**
 * The signed-in person's notifications: the list (newest first, unread marked), opening one (a
 * POST with the CSRF token: it marks it read, then leads to its case when the person may still see
 * it), and the choice of e-mail. "My work" shows the unread count and the newest few (notifications-panel.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { AppDeps } from "../app/context.js";
import { listMyNotifications, openNotification } from "../app/notifications-inbox.js";
import { notificationSettings, saveNotificationSettings } from "../app/notifications-settings.js";
import { notificationRows } from "./notifications-panel.js";
import type { Views } from "./render.js";
import { renderPage, staffContext } from "./staff.pages.js";
import { actorOf, requireSignIn } from "./staff-auth.js";

export function notificationPages(app: FastifyInstance, deps: AppDeps, views: Views): void {
  const signedIn = requireSignIn(deps);

  const show = async (request: FastifyRequest, reply: FastifyReply, saved = false) => {
    const actor = actorOf(request);
    const ctx = staffContext(request, reply, "notifications");
    const list = await listMyNotifications(deps, actor);
    const settings = await notificationSettings(deps, actor);
    return renderPage(views, reply, "staff/notifications.njk", {
      ...ctx,
      title: ctx.t("notifications.title"),
      notifications: { unread: list.unread, items: notificationRows(list, ctx) },
      settings,
      saved,
    });
  };

  app.get("/notifications", { preHandler: signedIn }, (request, reply) => show(request, reply));

  app.post<{ Params: { id: string } }>(
    "/notifications/:id/open",
    { preHandler: [app.csrfProtection, signedIn] },
    async (request, reply) => {
      const opened = await openNotification(deps, actorOf(request), request.params.id.slice(0, 64));
      return reply.redirect(opened.caseId ? `/cases/${opened.caseId}` : "/notifications", 303);
    },
  );

  app.post(
    "/notifications/settings",
    { preHandler: [app.csrfProtection, signedIn] },
    async (request, reply) => {
      const body = request.body as Record<string, unknown> | null;
      await saveNotificationSettings(deps, actorOf(request), {
        email: body?.email === "yes",
        digest: body?.digest === "yes",
      });
      return show(request, reply, true);
    },
  );
}
