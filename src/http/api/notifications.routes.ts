/** The signed-in person's own notifications and their e-mail choice (issue 8 point 5; an extension of API.md). */
import { z } from "zod";
import type { AppDeps } from "../../app/context.js";
import { listMyNotifications, openNotification } from "../../app/notifications-inbox.js";
import { notificationSettings, saveNotificationSettings } from "../../app/notifications-settings.js";
import { defineRoute, type RouteDefinition } from "../route-kit.js";

const NotificationView = z
  .object({
    id: z.string(),
    kind: z.string(),
    message: z
      .string()
      .nullable()
      .describe("null: about a case the person may not see (nothing of it is shown)"),
    caseId: z.string().nullable(),
    reference: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: "Notification" });

const NotificationList = z
  .object({ unread: z.number().int(), items: z.array(NotificationView) })
  .meta({ id: "NotificationList" });

const NotificationSettings = z
  .object({
    email: z.boolean().describe("told by e-mail too (default true)"),
    digest: z
      .boolean()
      .optional()
      .describe("the daily e-mail of my due cases (default true); omitted in a PUT: unchanged"),
  })
  .strict()
  .meta({ id: "NotificationSettings" });

export function notificationRoutes(deps: AppDeps): RouteDefinition[] {
  return [
    defineRoute({
      method: "GET",
      url: "/api/v1/notifications",
      summary: "My notifications, newest first, with the unread count",
      tags: ["notifications"],
      auth: "staff",
      response: { 200: NotificationList },
      handler: async ({ actor }) => ({ body: await listMyNotifications(deps, actor) }),
    }),
    defineRoute({
      method: "POST",
      url: "/api/v1/notifications/:id/read",
      summary: "Mark one of my notifications read",
      description: "Someone else's notification: 403; an unknown one: 404.",
      tags: ["notifications"],
      auth: "staff",
      params: z.object({ id: z.string().min(1).max(64) }),
      response: { 200: NotificationView },
      handler: async ({ actor, params }) => ({ body: await openNotification(deps, actor, params.id) }),
    }),
    defineRoute({
      method: "GET",
      url: "/api/v1/notification-settings",
      summary: "Whether I am told by e-mail too",
      tags: ["notifications"],
      auth: "staff",
      response: { 200: NotificationSettings },
      handler: async ({ actor }) => ({ body: await notificationSettings(deps, actor) }),
    }),
    defineRoute({
      method: "PUT",
      url: "/api/v1/notification-settings",
      summary: "Choose whether I am told by e-mail too",
      tags: ["notifications"],
      auth: "staff",
      body: NotificationSettings,
      response: { 200: NotificationSettings },
      handler: async ({ actor, body }) => ({ body: await saveNotificationSettings(deps, actor, body) }),
    }),
  ];
}
