/**
 * Frozen. The statistics rollups count hours to first contact in whole hours, not tenths (decision
 * 0024: half of a tally's keys were that histogram). Rewrites each stored tally's "h:tenths" keys as
 * "h:hours" (rounded half up, as the live code rounds the tenths), summing keys that meet, in SQL.
 */
import { type Kysely, sql } from "kysely";

type DialectName = "sqlite" | "postgres";

export const statsWholeHours = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await (dialect === "postgres"
      ? sql`update stats_rollup set tally = (
          select coalesce(jsonb_object_agg(k, s), '{}'::jsonb) from (
            select case when key like 'h:%' then 'h:' || round(substr(key, 3)::numeric / 10)::integer
              else key end as k, sum(value::numeric) as s
            from jsonb_each_text(stats_rollup.tally) group by 1 having sum(value::numeric) <> 0) x)
          where tally::text like '%"h:%'`
      : sql`update stats_rollup set tally = (
          select coalesce(json_group_object(k, s), '{}') from (
            select case when key like 'h:%' then 'h:' || cast(round(cast(substr(key, 3) as real) / 10) as integer)
              else key end as k, sum(value) as s
            from json_each(stats_rollup.tally) group by 1 having sum(value) <> 0))
          where tally like '%"h:%'`
    ).execute(db);
  },
  async down(): Promise<void> {
    // tenths cannot be recovered from whole hours: a `klara stats rebuild` with older code restores them
  },
});
