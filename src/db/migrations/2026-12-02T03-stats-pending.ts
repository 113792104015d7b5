/**
 * Frozen. A case write no longer changes the statistics rollup rows itself (decision 0024, item 8):
 * it writes its facts row and marks it pending, keeping in `rolled` the facts the rollups still
 * hold for it (null: none). A job folds pending rows into the rollups; a figure reads the rollups
 * plus the pending rows' difference. Existing rows are already in the rollups: not pending.
 */
import type { Kysely } from "kysely";
import { sql } from "kysely";

export const statsPending = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("stats_facts")
      .addColumn("pending", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("stats_facts").addColumn("rolled", "text").execute();
    // few rows at any time: a partial index finds them without touching the others
    await db.schema
      .createIndex("stats_facts_pending")
      .on("stats_facts")
      .columns(["organisation_id", "case_id"])
      .where(sql<boolean>`pending = 1`)
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("stats_facts_pending").execute();
    await db.schema.alterTable("stats_facts").dropColumn("rolled").execute();
    await db.schema.alterTable("stats_facts").dropColumn("pending").execute();
  },
};
