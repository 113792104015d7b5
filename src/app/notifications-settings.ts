/** A person's choice of being told by e-mail too, and of the daily digest (default: yes to both). */
import { digestChosen, setDigestChoice } from "../db/digest.repository.js";
import { emailOptedOut, setEmailChoice } from "../db/notification.repository.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";

export interface NotificationSettings {
  email: boolean;
  /** the daily digest of my due cases (decision 0021); omitted when saving: unchanged */
  digest?: boolean;
}

export async function notificationSettings(
  deps: AppDeps,
  actor: Actor,
): Promise<Required<NotificationSettings>> {
  const out = await emailOptedOut(deps.db.kysely, [actor.personId]);
  return { email: !out.has(actor.personId), digest: await digestChosen(deps.db.kysely, actor.personId) };
}

export function saveNotificationSettings(
  deps: AppDeps,
  actor: Actor,
  settings: NotificationSettings,
): Promise<Required<NotificationSettings>> {
  return inTransaction(deps, async (tx) => {
    const at = nowIso(deps);
    await setEmailChoice(tx, actor.personId, settings.email, at);
    if (settings.digest !== undefined) await setDigestChoice(tx, actor.personId, settings.digest, at);
    return { email: settings.email, digest: await digestChosen(tx, actor.personId) };
  });
}
