/**
 * Frozen: never edit a migration that has shipped; add a new one. It imports nothing of Klara's own
 * code, so a later change there can never change what this migration did: the full-text index is a
 * frozen copy of what src/db/dialect.ts created on 2026-11-22.
 */
import { type Kysely, sql } from "kysely";

export type MigrationDialect = "sqlite" | "postgres";

async function createSearchIndex(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  if (dialect === "sqlite") {
    await sql`create virtual table search_documents using fts5(case_id unindexed, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
      db,
    );
    return;
  }
  await sql`create table search_documents (id bigserial primary key, case_id text not null references cases(id) on delete cascade, body text not null, tsv tsvector not null)`.execute(
    db,
  );
  await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
  await sql`create index search_documents_case on search_documents (case_id)`.execute(db);
}

export function initial(dialect: MigrationDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("organisations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("country", "text", (c) => c.notNull())
        .addColumn("time_zone", "text", (c) => c.notNull())
        .addColumn("closing_days", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("locale", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("units")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("code", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("parent_id", "text", (c) => c.references("units.id"))
        // no foreign key: people reference units, units reference their manager
        .addColumn("manager_id", "text")
        .addColumn("routing", "text", (c) => c.notNull().defaultTo("{}"))
        .addUniqueConstraint("units_org_code", ["organisation_id", "code"])
        .execute();

      await db.schema
        .createTable("people")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
        .addColumn("email", "text", (c) => c.notNull().unique())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("roles", "text", (c) => c.notNull())
        .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("password_hash", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("last_used_at", "text")
        .execute();

      await db.schema
        .createTable("procedures")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("current_version", "integer", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("procedure_versions")
        .addColumn("procedure_id", "text", (c) => c.notNull().references("procedures.id"))
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("definition", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("procedure_versions_pk", ["procedure_id", "version"])
        .execute();

      await db.schema
        .createTable("reference_counters")
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("year", "integer", (c) => c.notNull())
        .addColumn("last_number", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("reference_counters_pk", ["organisation_id", "year"])
        .execute();

      await db.schema
        .createTable("cases")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("reference", "text", (c) => c.notNull())
        .addColumn("procedure_id", "text", (c) => c.notNull().references("procedures.id"))
        .addColumn("procedure_version", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("category", "text")
        .addColumn("channel", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("confidentiality", "text", (c) => c.notNull())
        .addColumn("unit_id", "text", (c) => c.references("units.id"))
        .addColumn("person_complained_about_id", "text", (c) => c.references("people.id"))
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("description", "text", (c) => c.notNull())
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("received_date", "text", (c) => c.notNull())
        .addColumn("outcome", "text")
        .addColumn("next_due_date", "text")
        .addColumn("next_due_kind", "text")
        .addColumn("data", "text", (c) => c.notNull())
        .addColumn("tracking_token_hash", "text", (c) => c.notNull().unique())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addColumn("closed_at", "text")
        .addUniqueConstraint("cases_org_reference", ["organisation_id", "reference"])
        .execute();
      // The list's sort orders and filters, each backed by an index that ends in id for keyset paging.
      await db.schema
        .createIndex("cases_due")
        .on("cases")
        .columns(["organisation_id", "next_due_date", "id"])
        .where(sql.ref("next_due_date"), "is not", null)
        .execute();
      await db.schema
        .createIndex("cases_received")
        .on("cases")
        .columns(["organisation_id", "received_at", "id"])
        .execute();
      await db.schema
        .createIndex("cases_status")
        .on("cases")
        .columns(["organisation_id", "status", "received_at"])
        .execute();

      await db.schema
        .createTable("case_handlers")
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
        .addColumn("part", "text", (c) => c.notNull())
        .addColumn("position", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("case_handlers_pk", ["case_id", "person_id"])
        .execute();
      await db.schema
        .createIndex("case_handlers_person")
        .on("case_handlers")
        .columns(["person_id"])
        .execute();

      await db.schema
        .createTable("deadlines")
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("due_date", "text", (c) => c.notNull())
        .addColumn("original_due_date", "text", (c) => c.notNull())
        .addColumn("explanation", "text", (c) => c.notNull())
        .addColumn("met_at", "text")
        .addColumn("missed_at", "text")
        .addColumn("reminded_at", "text")
        .addColumn("extensions", "text", (c) => c.notNull().defaultTo("[]"))
        .addPrimaryKeyConstraint("deadlines_pk", ["case_id", "kind"])
        .execute();
      // The sweep reads only open deadlines: a partial index, so closed cases are never scanned.
      await db.schema
        .createIndex("deadlines_open_due")
        .on("deadlines")
        .columns(["due_date"])
        .where(sql.ref("met_at"), "is", null)
        .execute();

      await db.schema
        .createTable("journal_entries")
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("at", "text", (c) => c.notNull())
        .addColumn("actor_id", "text")
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("journal_entries_pk", ["case_id", "seq"])
        .execute();

      await db.schema
        .createTable("case_links")
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("linked_case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("lead_case_id", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("case_links_pk", ["case_id", "linked_case_id"])
        .execute();

      await db.schema
        .createTable("deviations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("case_id", "text", (c) => c.notNull().references("cases.id").onDelete("cascade"))
        .addColumn("deadline_kind", "text", (c) => c.notNull())
        .addColumn("due_date", "text", (c) => c.notNull())
        .addColumn("recorded_at", "text", (c) => c.notNull())
        .addUniqueConstraint("deviations_once", ["case_id", "deadline_kind", "due_date"])
        .execute();

      await db.schema
        .createTable("notifications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("person_id", "text", (c) => c.notNull().references("people.id"))
        .addColumn("case_id", "text", (c) => c.references("cases.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("read_at", "text")
        .execute();
      await db.schema
        .createIndex("notifications_person")
        .on("notifications")
        .columns(["person_id", "created_at"])
        .execute();

      await db.schema
        .createTable("outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
        .addColumn("case_id", "text", (c) => c.references("cases.id").onDelete("cascade"))
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex("outbox_unsent")
        .on("outbox")
        .columns(["created_at"])
        .where(sql.ref("sent_at"), "is", null)
        .execute();

      await db.schema
        .createTable("idempotency_keys")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("request_hash", "text", (c) => c.notNull())
        .addColumn("status_code", "integer", (c) => c.notNull())
        .addColumn("response", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();

      await createSearchIndex(db, dialect);
    },

    async down(db: Kysely<unknown>): Promise<void> {
      await sql`drop table if exists search_documents`.execute(db);
      for (const table of [
        "idempotency_keys",
        "outbox",
        "notifications",
        "deviations",
        "case_links",
        "journal_entries",
        "deadlines",
        "case_handlers",
        "cases",
        "reference_counters",
        "procedure_versions",
        "procedures",
        "api_tokens",
        "people",
        "units",
        "organisations",
      ]) {
        await db.schema.dropTable(table).execute();
      }
    },
  };
}
