/**
 * Frozen. Restricted cases in the statistics rollups (decision 0024): their facts rows now keep who
 * may see them and the rollups hold them in tables of their own, where they were read case by case;
 * the tables of no or one dimension are kept per day too, and the open tables hold the cases waiting
 * for a reply. Marks the statistics for the rebuild that `migrateToLatest` runs with the live
 * code right after the migrations. Nothing to undo: older code ignores the new rows' tables.
 */
import type { Kysely } from "kysely";
import { markStatsStale } from "./2026-12-01T30-stats-stale.js";

export const statsRestricted = {
  async up(db: Kysely<unknown>): Promise<void> {
    await markStatsStale(db, "2026-12-01T32-stats-restricted");
  },
  async down(): Promise<void> {},
};
