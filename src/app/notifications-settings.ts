/** A person's choice of being told by e-mail too (default: yes). */
import { emailOptedOut, setEmailChoice } from "../db/notification.repository.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";

export interface NotificationSettings {
  email: boolean;
}

export async function notificationSettings(deps: AppDeps, actor: Actor): Promise<NotificationSettings> {
  const out = await emailOptedOut(deps.db.kysely, [actor.personId]);
  return { email: !out.has(actor.personId) };
}

export function saveNotificationSettings(
  deps: AppDeps,
  actor: Actor,
  settings: NotificationSettings,
): Promise<NotificationSettings> {
  return inTransaction(deps, async (tx) => {
    await setEmailChoice(tx, actor.personId, settings.email, nowIso(deps));
    return settings;
  });
}
