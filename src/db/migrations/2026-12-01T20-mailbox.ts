/**
 * Frozen. The complaint mailbox: every message read from it is recorded by its key (the
 * Message-ID, else a hash of the message) with what became of it, in the same transaction as the
 * case or document it made, so a message read twice (a connection dropped before it was moved)
 * is recognised and never makes a second case. Per organisation, which procedure takes the
 * mailbox's new complaints (none recorded: the organisation's first procedure).
 */
import type { Kysely } from "kysely";

export const mailbox = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("inbound_messages")
      .addColumn("organisation_id", "text", (c) => c.notNull())
      .addColumn("message_key", "text", (c) => c.notNull())
      // new_case | reply | quarantined | duplicate
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("case_id", "text")
      .addColumn("reason", "text")
      .addColumn("received_at", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("inbound_messages_pk", ["organisation_id", "message_key"])
      .execute();
    await db.schema
      .createTable("mailbox_settings")
      .addColumn("organisation_id", "text", (c) => c.primaryKey())
      .addColumn("procedure_id", "text")
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("mailbox_settings").execute();
    await db.schema.dropTable("inbound_messages").execute();
  },
};
