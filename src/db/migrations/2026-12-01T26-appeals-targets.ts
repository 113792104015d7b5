/**
 * Frozen. The target band for the appeals board's upheld rate (issue 9: 80–85 %), set by admins
 * for the organisation (procedure_id '') or one procedure; no row: the default band. Whole percent.
 */
import type { Kysely } from "kysely";

export const appealsTargets = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("appeals_targets")
      .addColumn("organisation_id", "text", (c) =>
        c.notNull().references("organisations.id").onDelete("cascade"),
      )
      // '' for the organisation's own target (a key column cannot be null)
      .addColumn("procedure_id", "text", (c) => c.notNull())
      .addColumn("low_percent", "integer", (c) => c.notNull())
      .addColumn("high_percent", "integer", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("appeals_targets_pk", ["organisation_id", "procedure_id"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable("appeals_targets").execute();
  },
};
