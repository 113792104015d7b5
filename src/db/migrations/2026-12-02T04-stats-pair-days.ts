/**
 * Frozen. Every pair of the statistics rollups is kept per day too, not only the pairs with the
 * unit (decision 0024): a figure by two dimensions over a period with partial months (the
 * dashboard's "last twelve months to today", type × outcome) read the days at its edges from the
 * cases' facts rows, 0.5 s at a million cases. Marks the statistics for the rebuild that
 * `migrateToLatest` runs with the live code right after the migrations. Nothing to undo: older code
 * ignores these tables' rows.
 */
import type { Kysely } from "kysely";
import { markStatsStale } from "./2026-12-01T30-stats-stale.js";

export const statsPairDays = {
  async up(db: Kysely<unknown>): Promise<void> {
    await markStatsStale(db, "2026-12-02T04-stats-pair-days");
  },
  async down(): Promise<void> {},
};
