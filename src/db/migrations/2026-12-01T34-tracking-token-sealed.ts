/**
 * Frozen. A case keeps its tracking token encrypted (AES-256-GCM with the installation's key, like
 * the national id), so a letter can carry the citizen's tracking link (decision 0025). Nullable:
 * only its hash was kept before, so cases stored earlier have none and their letters carry no link.
 */
import type { Kysely } from "kysely";

export const trackingTokenSealed = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("cases").addColumn("tracking_token_sealed", "text").execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("cases").dropColumn("tracking_token_sealed").execute();
  },
};
