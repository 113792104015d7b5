/**
 * Frozen. The state of a case's legal validation (seed 001-13) as a column — null (never
 * requested), pending, lawful or issues — so the case list filters and counts it (decision 0003).
 * Cases stored before have none requested.
 */
import type { Kysely } from "kysely";

export const legalReview = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("cases").addColumn("legal_review", "text").execute();
    await db.schema
      .createIndex("cases_legal_review")
      .on("cases")
      .columns(["organisation_id", "legal_review"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("cases_legal_review").execute();
    await db.schema.alterTable("cases").dropColumn("legal_review").execute();
  },
};
