/**
 * Frozen. The statistics' record keys (decision 0026): facts and rollup rows written before them
 * carry none, which would leave those cases' noise fixed by their count alone (and so invertible).
 * Recomputes them as `klara stats rebuild` does, for every organisation, in the migration's
 * transaction. Nothing to undo: the rows stay valid without the keys.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import { analyzeStats, rebuildOrganisationStats } from "../stats-rollup.repository.js";

export const cellKeys = {
  async up(db: Kysely<unknown>): Promise<void> {
    const k = db as Kysely<Database>;
    const orgs = await k
      .selectFrom("organisations")
      .select(["id", "time_zone", "country", "closing_days"])
      .execute();
    for (const o of orgs) {
      await rebuildOrganisationStats(k, {
        id: o.id,
        timeZone: o.time_zone,
        country: o.country as "DK" | "NO",
        closingDays: JSON.parse(o.closing_days) as string[],
      });
    }
    if (orgs.length) await analyzeStats(k);
  },
  async down(): Promise<void> {},
};
