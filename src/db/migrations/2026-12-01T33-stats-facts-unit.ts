/**
 * Frozen. A statistics facts row keeps its case's unit in a column of its own (it is in the facts'
 * JSON too), indexed with the date of receipt: a figure filtered by unit reads only that unit's
 * cases at its period's edges (decision 0024). Filled from the JSON in SQL, so no rebuild is needed.
 */
import { type Kysely, sql } from "kysely";

type DialectName = "sqlite" | "postgres";

export const statsFactsUnit = (dialect: DialectName) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("stats_facts").addColumn("unit_id", "text").execute();
    await (dialect === "postgres"
      ? sql`update stats_facts set unit_id = facts::jsonb ->> 'unitId'`
      : sql`update stats_facts set unit_id = json_extract(facts, '$.unitId')`
    ).execute(db);
    await db.schema
      .createIndex("stats_facts_unit")
      .on("stats_facts")
      .columns(["organisation_id", "unit_id", "received_date"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("stats_facts_unit").execute();
    await db.schema.alterTable("stats_facts").dropColumn("unit_id").execute();
  },
});
