/**
 * Frozen. Personal, expiring, single-case links (decision 0017): a handler without an account
 * (`handler`) and a complainant asked to confirm a formal complaint (`confirm`). Only the SHA-256 of
 * the token is kept; the row says until when it works, and whether it was revoked or used.
 */
import type { Kysely } from "kysely";

export const personalLinks = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("personal_links")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
      .addColumn("purpose", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("name", "text")
      .addColumn("email", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .addColumn("used_at", "text")
      .execute();
    await db.schema
      .createIndex("personal_links_case")
      .on("personal_links")
      .columns(["case_id", "purpose"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("personal_links").execute();
  },
};
