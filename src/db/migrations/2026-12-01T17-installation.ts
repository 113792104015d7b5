/**
 * Frozen. Facts about the database itself, one row per key: today only `demo`, written when the
 * demo is loaded into an empty database, so that `klara serve --demo` can tell a demo database
 * from a real one and never puts the demo (with its published passwords) beside real data.
 */
import type { Kysely } from "kysely";

export const installation = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("installation")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("installation").execute();
  },
};
