/**
 * Statistics rollups (decision 0024): a facts row per case and monthly rollup rows of tallies,
 * kept by every case write. A database with cases is marked for a rebuild of them, which
 * `migrateToLatest` runs with the live code right after the migrations (this file stays frozen).
 */
import type { Kysely } from "kysely";
import { markStatsStale } from "./2026-12-01T30-stats-stale.js";

type DialectName = "sqlite" | "postgres";

export const statsRollups = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("stats_facts")
      .addColumn("case_id", "text", (c) => c.primaryKey())
      .addColumn("organisation_id", "text", (c) => c.notNull())
      .addColumn("procedure_id", "text", (c) => c.notNull())
      .addColumn("received_date", "text", (c) => c.notNull())
      .addColumn("open", "integer", (c) => c.notNull())
      .addColumn("normal", "integer", (c) => c.notNull())
      .addColumn("person_complained_about_id", "text")
      .addColumn("facts", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("stats_facts_period")
      .on("stats_facts")
      .columns(["organisation_id", "normal", "open", "received_date"])
      .execute();
    await db.schema
      .createIndex("stats_facts_person")
      .on("stats_facts")
      .columns(["organisation_id", "person_complained_about_id", "received_date"])
      .execute();
    await db.schema
      .createTable("stats_rollup")
      .addColumn("organisation_id", "text", (c) => c.notNull())
      .addColumn("dims", "text", (c) => c.notNull())
      .addColumn("month", "text", (c) => c.notNull())
      .addColumn("procedure_id", "text", (c) => c.notNull())
      .addColumn("v1", "text", (c) => c.notNull())
      .addColumn("v2", "text", (c) => c.notNull())
      .addColumn("n", "integer", (c) => c.notNull())
      .addColumn("tally", dialect === "postgres" ? "jsonb" : "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("stats_rollup_pk", [
        "organisation_id",
        "dims",
        "month",
        "procedure_id",
        "v1",
        "v2",
      ])
      .execute();
    // personnel cases are read as cases: few, found by this index
    await db.schema
      .createIndex("cases_confidentiality")
      .on("cases")
      .columns(["organisation_id", "confidentiality", "received_date"])
      .execute();
    // the rollups of existing cases are computed by live code right after migrating (create-db.ts)
    await markStatsStale(db, "2026-12-01T30-stats-rollups");
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("cases_confidentiality").execute();
    await db.schema.dropTable("stats_rollup").execute();
    await db.schema.dropTable("stats_facts").execute();
  },
});
