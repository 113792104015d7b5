/**
 * Frozen. A unit can be deactivated (closed, merged away): it takes no new complaints and is not
 * offered in forms, while the cases filed under it keep it.
 */
import type { Kysely } from "kysely";

export const unitActive = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("units")
      .addColumn("active", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("units").dropColumn("active").execute();
  },
};
