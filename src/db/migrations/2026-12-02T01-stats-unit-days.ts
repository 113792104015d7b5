/**
 * Frozen. The statistics rollups' pairs with the unit are kept per day too (decision 0024): a figure
 * filtered by unit over a period with partial months (the dashboard's "last twelve months to today"
 * for one unit) reads the days at its edges from them, not the cases' facts rows. Marks the
 * statistics for the rebuild that `migrateToLatest` runs with the live code right after the
 * migrations. Nothing to undo: older code ignores these tables' rows.
 */
import type { Kysely } from "kysely";
import { markStatsStale } from "./2026-12-01T30-stats-stale.js";

export const statsUnitDays = {
  async up(db: Kysely<unknown>): Promise<void> {
    await markStatsStale(db, "2026-12-02T01-stats-unit-days");
  },
  async down(): Promise<void> {},
};
