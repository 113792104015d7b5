/**
 * A person's notifications (written by outbox.repository's insertNotifications in the change's
 * transaction): their list, unread count, marking one read, and the person's e-mail choice.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface StoredNotification {
  id: string;
  personId: string;
  caseId: string | null;
  kind: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

const toNotification = (r: {
  id: string;
  person_id: string;
  case_id: string | null;
  kind: string;
  message: string;
  created_at: string;
  read_at: string | null;
}): StoredNotification => ({
  id: r.id,
  personId: r.person_id,
  caseId: r.case_id,
  kind: r.kind,
  message: r.message,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** Newest first (ties by id, so the order is stable). */
export async function listNotifications(
  db: Db,
  personId: string,
  limit: number,
): Promise<StoredNotification[]> {
  const rows = await db
    .selectFrom("notifications")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toNotification);
}

export async function countUnread(db: Db, personId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("person_id", "=", personId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function findNotification(db: Db, id: string): Promise<StoredNotification | null> {
  const row = await db.selectFrom("notifications").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toNotification(row) : null;
}

/** Marks it read once (a second opening keeps the first time). */
export async function markNotificationRead(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable("notifications")
    .set({ read_at: at })
    .where("id", "=", id)
    .where("read_at", "is", null)
    .execute();
}

/** Of these people, those who chose not to be told by e-mail (no row: e-mail on). */
export async function emailOptedOut(db: Db, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("notification_settings")
    .select("person_id")
    .where("person_id", "in", [...personIds])
    .where("email", "=", 0)
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

export async function setEmailChoice(db: Db, personId: string, email: boolean, at: string): Promise<void> {
  await db
    .insertInto("notification_settings")
    .values({ person_id: personId, email: email ? 1 : 0, updated_at: at })
    .onConflict((oc) => oc.column("person_id").doUpdateSet({ email: email ? 1 : 0, updated_at: at }))
    .execute();
}
