/**
 * Frozen. Each organisation's mail settings, set by its admins (issue 8, API.md "Mail"): the
 * sender its letters go out from (name, address, reply-to) and its complaint mailbox over IMAP
 * (host, port, TLS, user, the password sealed with the installation key, the folder read and the
 * folders processed and quarantined messages go to). The mailbox's last failure is kept so its
 * people are told once when it starts failing, not on every read. Each change is recorded with
 * who made it and the names of the fields it changed.
 */
import type { Kysely } from "kysely";

export const mailSettings = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("mail_settings")
      .addColumn("organisation_id", "text", (c) => c.primaryKey())
      .addColumn("sender_name", "text")
      .addColumn("sender_address", "text")
      .addColumn("reply_to", "text")
      // no host: no mailbox of its own
      .addColumn("imap_host", "text")
      .addColumn("imap_port", "integer")
      .addColumn("imap_tls", "integer")
      .addColumn("imap_user", "text")
      // sealed (klara:v1:…), the organisation id as associated data; never plaintext
      .addColumn("imap_password", "text")
      .addColumn("imap_folder", "text")
      .addColumn("imap_processed_folder", "text")
      .addColumn("imap_quarantine_folder", "text")
      // a short reason code (auth_failed, connect_failed, …) and since when; null: it works
      .addColumn("mailbox_failure", "text")
      .addColumn("mailbox_failing_since", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    // who changed which fields when (names only, never values): the settings' own audit trail
    await db.schema
      .createTable("mail_settings_changes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organisation_id", "text", (c) => c.notNull())
      .addColumn("person_id", "text")
      .addColumn("fields", "text", (c) => c.notNull())
      .addColumn("changed_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("mail_settings_changes_org")
      .on("mail_settings_changes")
      .columns(["organisation_id", "changed_at"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("mail_settings_changes").execute();
    await db.schema.dropTable("mail_settings").execute();
  },
};
