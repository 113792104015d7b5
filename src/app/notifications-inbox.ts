/**
 * A person's own notifications: the list (newest first) with the unread count, and opening one,
 * which marks it read and leads to its case. What a notification says about its case is shown only
 * while the person may see that case (the case policy, as the case page asks it): one about a case
 * they may no longer see (a personnel case, a case moved to another unit) says only its kind.
 */
import { findCase } from "../db/case.repository.js";
import {
  countUnread,
  findNotification,
  listNotifications,
  markNotificationRead,
  type StoredNotification,
} from "../db/notification.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { type CaseScope, factsOf, mayBeToldOf, seesCase } from "../domain/case-policy.js";
import { forbidden, notFound } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { caseScopeFor } from "./case-access.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";

export interface NotificationView {
  id: string;
  kind: string;
  /** null: about a case the person may not see */
  message: string | null;
  caseId: string | null;
  reference: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationList {
  unread: number;
  items: NotificationView[];
}

const LIMIT = 100;

async function scopeFor(deps: AppDeps, tx: Tx, actor: Actor): Promise<CaseScope | null> {
  const directory = await loadDirectory(tx, actor.organisationId);
  return directory ? caseScopeFor(tx, actor, directory, deps.db.procedureCache) : null;
}

async function present(tx: Tx, scope: CaseScope | null, n: StoredNotification): Promise<NotificationView> {
  const base = { id: n.id, kind: n.kind, createdAt: n.createdAt, readAt: n.readAt };
  if (!n.caseId) return { ...base, message: n.message, caseId: null, reference: null };
  const c = await findCase(tx, n.caseId);
  const facts = c ? factsOf(c) : null;
  if (!c || !facts || !scope || !seesCase(scope, facts) || !mayBeToldOf(scope.personId, facts)) {
    return { ...base, message: null, caseId: null, reference: null };
  }
  return { ...base, message: n.message, caseId: c.id, reference: c.reference };
}

export function listMyNotifications(deps: AppDeps, actor: Actor): Promise<NotificationList> {
  return inTransaction(deps, async (tx) => {
    const scope = await scopeFor(deps, tx, actor);
    const rows = await listNotifications(tx, actor.personId, LIMIT);
    const items: NotificationView[] = [];
    for (const n of rows) items.push(await present(tx, scope, n));
    return { unread: await countUnread(tx, actor.personId), items };
  });
}

export function unreadNotifications(deps: AppDeps, actor: Actor): Promise<number> {
  return countUnread(deps.db.kysely, actor.personId);
}

/** Marks one of the person's own notifications read; someone else's is refused. */
export function openNotification(deps: AppDeps, actor: Actor, id: string): Promise<NotificationView> {
  return inTransaction(deps, async (tx) => {
    const n = await findNotification(tx, id);
    if (!n) throw notFound("The notification");
    if (n.personId !== actor.personId) throw forbidden("This notification is someone else's.");
    const at = nowIso(deps);
    await markNotificationRead(tx, id, at);
    const scope = await scopeFor(deps, tx, actor);
    return present(tx, scope, { ...n, readAt: n.readAt ?? at });
  });
}
