/**
 * The transactional outbox (each letter rendered, with its delivery state) and in-app notifications.
 */
import type { Kysely, Selectable } from "kysely";
import type { Database, OutboxTable } from "./schema.js";

type Db = Kysely<Database>;

export interface OutboxLetter {
  /** "queued" for e-mail and Digital Post, "for_print" when the recipient has no e-mail address */
  state: "queued" | "for_print";
  channel: "email" | "print" | "digital_post";
  recipientName: string;
  recipientAddress: string | null;
  subject: string;
  body: string;
  language: string;
}

export interface OutboxMessage {
  id: string;
  organisationId: string;
  caseId: string | null;
  kind: string;
  payload: unknown;
  createdAt: string;
  letter?: OutboxLetter;
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
        state: m.letter?.state ?? "unrendered",
        channel: m.letter?.channel ?? null,
        recipient_name: m.letter?.recipientName ?? null,
        recipient_address: m.letter?.recipientAddress ?? null,
        subject: m.letter?.subject ?? null,
        body: m.letter?.body ?? null,
        language: m.letter?.language ?? null,
        next_attempt_at: m.letter?.state === "queued" ? m.createdAt : null,
        claimed_by: null,
        claimed_until: null,
        last_error: null,
      })),
    )
    .execute();
}

const letterOf = (r: Selectable<OutboxTable>) => ({
  id: r.id,
  organisationId: r.organisation_id,
  caseId: r.case_id,
  kind: r.kind,
  payload: JSON.parse(r.payload) as unknown,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  attempts: r.attempts,
  state: r.state ?? "unrendered",
  channel: r.channel,
  recipientName: r.recipient_name,
  recipientAddress: r.recipient_address,
  subject: r.subject,
  body: r.body,
  language: r.language,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
});
export type StoredLetter = ReturnType<typeof letterOf>;

export async function outboxFor(db: Db, caseId: string): Promise<StoredLetter[]> {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(letterOf);
}

/** Ids of e-mail letters due now: queued, the next attempt reached, no live claim. */
export async function dueLetterIds(db: Db, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("outbox")
    .select("id")
    .where("state", "=", "queued")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims one due row for this deliverer until `until`: a conditional update, so of two deliverers
 * (processes, or databases' transactions) exactly one sees a row changed. Returns the row when won.
 */
export async function claimLetter(
  db: Db,
  id: string,
  claimant: string,
  now: string,
  until: string,
): Promise<StoredLetter | null> {
  const result = await db
    .updateTable("outbox")
    .set({ claimed_by: claimant, claimed_until: until })
    .where("id", "=", id)
    .where("state", "=", "queued")
    .where("next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("claimed_until", "is", null), eb("claimed_until", "<", now)]))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  const row = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  return letterOf(row);
}

/** The result of one attempt, written only while the claim is still this deliverer's. */
export async function recordAttempt(
  db: Db,
  id: string,
  claimant: string,
  result: {
    state: "queued" | "sent" | "captured" | "failed";
    attempts: number;
    sentAt: string | null;
    nextAttemptAt: string | null;
    lastError: string | null;
  },
): Promise<boolean> {
  const r = await db
    .updateTable("outbox")
    .set({
      state: result.state,
      attempts: result.attempts,
      sent_at: result.sentAt,
      next_attempt_at: result.nextAttemptAt,
      last_error: result.lastError,
      claimed_by: null,
      claimed_until: null,
    })
    .where("id", "=", id)
    .where("claimed_by", "=", claimant)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Letters the local capture holds (no SMTP configured), newest first, for the admin page. */
export async function capturedLetters(db: Db, organisationId: string, limit = 200): Promise<StoredLetter[]> {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("state", "=", "captured")
    .orderBy("sent_at", "desc")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(letterOf);
}

export async function findLetter(db: Db, id: string): Promise<StoredLetter | null> {
  const row = await db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? letterOf(row) : null;
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
