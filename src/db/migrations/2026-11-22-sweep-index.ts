/**
 * Frozen. The sweep looks only for deadlines that are neither met nor already marked missed; an
 * index over unmet deadlines alone would keep every missed one of an open case in the sweep's
 * range, read again every minute.
 */
import { type Kysely, sql } from "kysely";

export const sweepIndex = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("deadlines_open_due").execute();
    await db.schema
      .createIndex("deadlines_sweep")
      .on("deadlines")
      .columns(["due_date", "case_id", "kind"])
      .where(sql.ref("met_at"), "is", null)
      .where(sql.ref("missed_at"), "is", null)
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("deadlines_sweep").execute();
    await db.schema
      .createIndex("deadlines_open_due")
      .on("deadlines")
      .columns(["due_date"])
      .where(sql.ref("met_at"), "is", null)
      .execute();
  },
};
