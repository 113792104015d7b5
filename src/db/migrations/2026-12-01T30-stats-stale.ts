/**
 * Frozen. Not a migration: the helper two migrations use to mark the statistics rollups stale, so
 * that `migrateToLatest` rebuilds them with the live code once the schema is up to date (a frozen
 * migration cannot call the rebuild of today's code).
 */
import type { Kysely } from "kysely";

export const STATS_STALE_KEY = "stats_rebuild_needed";

/** Marks the statistics for a rebuild, where there is anything to rebuild. */
export async function markStatsStale(db: Kysely<unknown>, by: string): Promise<void> {
  const k = db as Kysely<{
    organisations: { id: string };
    installation: { key: string; value: string };
  }>;
  const any = await k.selectFrom("organisations").select("id").limit(1).executeTakeFirst();
  if (!any) return;
  await k
    .insertInto("installation")
    .values({ key: STATS_STALE_KEY, value: by })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}
