/**
 * Frozen. Documents (citizens' attachments, powers of attorney) stored in the database, so that a
 * file and its journal entry are written in one transaction or not at all. Migrations run in name
 * order; from here on names are date + "T" + hour, which sorts after the first day's names.
 */
import type { Kysely } from "kysely";
import type { MigrationDialect } from "./2026-11-22-initial.js";

export function documents(dialect: MigrationDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("documents")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("journal_seq", "integer", (c) => c.notNull())
        .addColumn("filename", "text", (c) => c.notNull())
        .addColumn("media_type", "text", (c) => c.notNull())
        .addColumn("size", "integer", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("content", dialect === "postgres" ? "bytea" : "blob", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("documents_case").on("documents").columns(["case_id"]).execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable("documents").execute();
    },
  };
}
