/**
 * Frozen. Journal entries keep their event (code and parameters, JSON) beside the English title,
 * and deadlines how their date was computed (JSON) beside the English explanation (decision 0019).
 * Rows written before have neither: null, and are read as before.
 */
import type { Kysely } from "kysely";

export const journalEvents = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("journal_entries").addColumn("event", "text").execute();
    await db.schema.alterTable("deadlines").addColumn("reckoning", "text").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("deadlines").dropColumn("reckoning").execute();
    await db.schema.alterTable("journal_entries").dropColumn("event").execute();
  },
};
