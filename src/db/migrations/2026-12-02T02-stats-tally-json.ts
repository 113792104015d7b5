/**
 * Frozen. PostgreSQL keeps the rollups' tallies as `json` (their text) instead of `jsonb` (decision
 * 0024): a figure reads thousands of tallies, and writing jsonb back out as text took most of the
 * server's time for a query (24 of 30 ms for a year of root cause × type at 1M cases). The merge on
 * write parses them either way. SQLite keeps text. Rewrites the table once.
 */
import { type Kysely, sql } from "kysely";

type DialectName = "sqlite" | "postgres";

export const statsTallyJson = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    if (dialect !== "postgres") return;
    await sql`alter table stats_rollup alter column tally type json using tally::json`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    if (dialect !== "postgres") return;
    await sql`alter table stats_rollup alter column tally type jsonb using tally::jsonb`.execute(db);
  },
});
