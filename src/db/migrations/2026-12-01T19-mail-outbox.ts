/**
 * Frozen. The outbox holds the letter itself (rendered when the case changed: recipient, subject,
 * body, language) and its delivery: state (queued, for_print, sending, sent, captured, failed),
 * the next attempt, a claim that keeps two deliverers off one row, and the last error. Rows queued
 * before hold only a template key: they are marked unrendered and never sent.
 */
import { type Kysely, sql } from "kysely";

const COLUMNS = [
  "state",
  "channel",
  "recipient_name",
  "recipient_address",
  "subject",
  "body",
  "language",
  "next_attempt_at",
  "claimed_by",
  "claimed_until",
  "last_error",
] as const;

export const mailOutbox = {
  async up(db: Kysely<unknown>): Promise<void> {
    for (const column of COLUMNS) {
      await db.schema.alterTable("outbox").addColumn(column, "text").execute();
    }
    await sql`update outbox set state = 'unrendered' where state is null`.execute(db);
    await db.schema.createIndex("outbox_due").on("outbox").columns(["state", "next_attempt_at"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("outbox_due").execute();
    for (const column of [...COLUMNS].reverse()) {
      await db.schema.alterTable("outbox").dropColumn(column).execute();
    }
  },
};
