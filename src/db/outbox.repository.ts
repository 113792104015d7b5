/** The transactional outbox (letters for the mail issue) and in-app notifications. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface OutboxMessage {
  id: string;
  organisationId: string;
  caseId: string | null;
  kind: string;
  payload: unknown;
  createdAt: string;
}

export async function enqueue(db: Db, messages: readonly OutboxMessage[]): Promise<void> {
  if (messages.length === 0) return;
  await db
    .insertInto("outbox")
    .values(
      messages.map((m) => ({
        id: m.id,
        organisation_id: m.organisationId,
        case_id: m.caseId,
        kind: m.kind,
        payload: JSON.stringify(m.payload),
        created_at: m.createdAt,
        sent_at: null,
        attempts: 0,
      })),
    )
    .execute();
}

export async function outboxFor(db: Db, caseId: string) {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload) as unknown,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  }));
}

export interface NotificationRecord {
  id: string;
  organisationId: string;
  personId: string;
  caseId: string | null;
  kind: string;
  message: string;
  createdAt: string;
}

export async function insertNotifications(db: Db, items: readonly NotificationRecord[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto("notifications")
    .values(
      items.map((n) => ({
        id: n.id,
        organisation_id: n.organisationId,
        person_id: n.personId,
        case_id: n.caseId,
        kind: n.kind,
        message: n.message,
        created_at: n.createdAt,
        read_at: null,
      })),
    )
    .execute();
}

export async function notificationsFor(db: Db, personId: string, limit = 50) {
  const rows = await db
    .selectFrom("notifications")
    .selectAll()
    .where("person_id", "=", personId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    message: r.message,
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

export async function findIdempotent(db: Db, key: string) {
  const r = await db.selectFrom("idempotency_keys").selectAll().where("key", "=", key).executeTakeFirst();
  return r
    ? {
        requestHash: r.request_hash,
        statusCode: r.status_code,
        response: JSON.parse(r.response) as unknown,
        createdAt: r.created_at,
      }
    : null;
}

export async function saveIdempotent(
  db: Db,
  key: string,
  requestHash: string,
  statusCode: number,
  response: unknown,
  at: string,
) {
  await db
    .insertInto("idempotency_keys")
    .values({
      key,
      request_hash: requestHash,
      status_code: statusCode,
      response: JSON.stringify(response),
      created_at: at,
    })
    .execute();
}

export async function deleteIdempotentBefore(db: Db, before: string) {
  await db.deleteFrom("idempotency_keys").where("created_at", "<", before).execute();
}
