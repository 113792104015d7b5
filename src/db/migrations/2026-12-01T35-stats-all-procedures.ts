/**
 * Frozen. The statistics rollups keep each monthly row for all procedures together as well
 * (procedure id "*", decision 0024): a figure neither filtered nor grouped by procedure reads one row
 * per cell and month. Filled here in SQL from the procedures' own monthly rows (their tallies summed
 * key by key), so no rebuild is needed; from now on every case write keeps them.
 */
import { type Kysely, sql } from "kysely";

type DialectName = "sqlite" | "postgres";

export const statsAllProcedures = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await (dialect === "postgres"
      ? sql`insert into stats_rollup (organisation_id, dims, month, procedure_id, v1, v2, n, tally)
          select organisation_id, dims, month, '*', v1, v2, coalesce((t ->> 'n')::integer, 0), t from (
            select organisation_id, dims, month, v1, v2, jsonb_object_agg(k, s) as t from (
              select r.organisation_id, r.dims, r.month, r.v1, r.v2, j.key as k, sum(j.value::numeric) as s
              from stats_rollup r, jsonb_each_text(r.tally) j
              where r.dims not like 'day:%' and r.procedure_id <> '*'
              group by 1, 2, 3, 4, 5, 6 having sum(j.value::numeric) <> 0) x
            group by 1, 2, 3, 4, 5) y`
      : sql`insert into stats_rollup (organisation_id, dims, month, procedure_id, v1, v2, n, tally)
          select organisation_id, dims, month, '*', v1, v2, coalesce(json_extract(t, '$.n'), 0), t from (
            select organisation_id, dims, month, v1, v2, json_group_object(k, s) as t from (
              select r.organisation_id, r.dims, r.month, r.v1, r.v2, j.key as k, sum(j.value) as s
              from stats_rollup r, json_each(r.tally) j
              where r.dims not like 'day:%' and r.procedure_id <> '*'
              group by 1, 2, 3, 4, 5, 6 having sum(j.value) <> 0)
            group by 1, 2, 3, 4, 5)`
    ).execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await sql`delete from stats_rollup where procedure_id = '*'`.execute(db);
  },
});
