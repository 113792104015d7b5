/**
 * Frozen. Each person's choice of being told by e-mail too (absent row: yes, the default), and an
 * index for a person's unread notifications (the header's count).
 */
import type { Kysely } from "kysely";

export const notificationSettings = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("notification_settings")
      .addColumn("person_id", "text", (c) => c.primaryKey().references("people.id").onDelete("cascade"))
      .addColumn("email", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("notifications_person_unread")
      .on("notifications")
      .columns(["person_id", "read_at"])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex("notifications_person_unread").execute();
    await db.schema.dropTable("notification_settings").execute();
  },
};
