/**
 * Frozen. Each organisation's accessibility statement (tilgængelighedserklæring /
 * tilgjengelighetserklæring), linked from every page's footer: the address of the statement the
 * authority publishes elsewhere (e.g. on was.digst.dk or uustatus.no), or its text; neither set,
 * the pages show a default statement naming the organisation.
 */
import type { Kysely } from "kysely";

export const accessibilityStatement = {
  async up(db: Kysely<unknown>): Promise<void> {
    // one column per statement: SQLite adds one column at a time
    await db.schema.alterTable("organisations").addColumn("accessibility_statement_url", "text").execute();
    await db.schema.alterTable("organisations").addColumn("accessibility_statement", "text").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("organisations").dropColumn("accessibility_statement").execute();
    await db.schema.alterTable("organisations").dropColumn("accessibility_statement_url").execute();
  },
};
