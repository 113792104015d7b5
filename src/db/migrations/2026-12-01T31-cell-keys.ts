/**
 * Frozen. The statistics' record keys (decision 0026): facts and rollup rows written before them
 * carry none, which would leave those cases' noise fixed by their count alone (and so invertible).
 * Marks the statistics for the rebuild that `migrateToLatest` runs with the live code right after
 * the migrations, as `klara stats rebuild` does. Nothing to undo: the rows stay valid without keys.
 */
import type { Kysely } from "kysely";
import { markStatsStale } from "./2026-12-01T30-stats-stale.js";

export const cellKeys = {
  async up(db: Kysely<unknown>): Promise<void> {
    await markStatsStale(db, "2026-12-01T31-cell-keys");
  },
  async down(): Promise<void> {},
};
