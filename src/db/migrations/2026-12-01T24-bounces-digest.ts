/**
 * Frozen. Each person's choice of the daily digest (column `digest` beside `email`: 1, the default,
 * or 0), the digest's run per person and local date (its primary key is the idempotency key, so
 * two processes never send one day's digest twice), and what the Digital Post mock was given.
 */
import type { Kysely } from "kysely";
import type { MigrationDialect } from "./2026-11-22-initial.js";

export function bouncesDigest(dialect: MigrationDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("notification_settings")
        .addColumn("digest", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .createTable("digest_runs")
        .addColumn("person_id", "text", (c) => c.notNull().references("people.id").onDelete("cascade"))
        // the person's organisation's local date (YYYY-MM-DD)
        .addColumn("day", "text", (c) => c.notNull())
        // sent | empty
        .addColumn("outcome", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("digest_runs_pk", ["person_id", "day"])
        .execute();
      await db.schema
        .createTable("digital_post_mock")
        .addColumn("outbox_id", "text", (c) => c.primaryKey())
        .addColumn("organisation_id", "text", (c) => c.notNull())
        .addColumn("case_id", "text", (c) => c.notNull())
        // masked as the pages show it: the mock keeps no national id in full
        .addColumn("recipient", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("filename", "text", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("content", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
        .addColumn("sent_at", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("digital_post_mock").execute();
      await db.schema.dropTable("digest_runs").execute();
      await db.schema.alterTable("notification_settings").dropColumn("digest").execute();
    },
  };
}
