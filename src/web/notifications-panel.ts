/** Notifications as the pages show them: what happened in the reader's language, read or not. */
import { Temporal } from "temporal-polyfill";
import type { Actor } from "../app/actor.js";
import type { AppDeps } from "../app/context.js";
import { listMyNotifications, type NotificationList } from "../app/notifications-inbox.js";
import type { MessageKey } from "./i18n/messages.js";
import { intlLocale, type PageContext } from "./page-context.js";

const KINDS = new Set([
  "assigned",
  "returned",
  "approval_requested",
  "deadline_reminder",
  "deadline_missed",
  "new_complaint",
  "part_ready",
  "citizen_information",
  "handler_link_reply",
  "complaint_confirmed",
  "mail_received",
  "mail_quarantined",
  "letter_failed",
  "mailbox_failed",
]);

export function notificationRows(list: NotificationList, ctx: PageContext) {
  const locale = intlLocale(ctx.lang);
  return list.items.map((n) => ({
    id: n.id,
    what: ctx.t(`notifications.kind.${KINDS.has(n.kind) ? n.kind : "other"}` as MessageKey),
    reference: n.reference,
    message: n.message,
    hidden: n.message === null,
    unread: n.readAt === null,
    iso: n.createdAt,
    when: Temporal.Instant.from(n.createdAt).toLocaleString(locale, {
      dateStyle: "medium",
      timeStyle: "short",
    }),
  }));
}

/** For "My work": the unread count and the newest few. */
export async function workPanel(deps: AppDeps, actor: Actor, ctx: PageContext) {
  const list = await listMyNotifications(deps, actor);
  return { unread: list.unread, items: notificationRows(list, ctx).slice(0, 5) };
}
