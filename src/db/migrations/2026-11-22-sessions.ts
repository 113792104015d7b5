/** Frozen. Staff sign-in sessions for the web pages; only a hash of the cookie's secret is stored. */
import type { Kysely } from "kysely";

export const sessions = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("sessions")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("person_id", "text", (c) => c.notNull().references("people.id").onDelete("cascade"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("sessions_person").on("sessions").columns(["person_id"]).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("sessions").execute();
  },
};
