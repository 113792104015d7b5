/** Facts about the database itself (the `installation` table): whether the demo made it. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

const DEMO = "demo";

/** Marks the database as the demo's: written in the transaction that loads the demo. */
export async function markDemoDatabase(db: Db, at: string): Promise<void> {
  await db.insertInto("installation").values({ key: DEMO, value: at }).execute();
}

/** True when the demo was loaded into this database while it was empty. */
export async function isDemoDatabase(db: Db): Promise<boolean> {
  const r = await db.selectFrom("installation").select("value").where("key", "=", DEMO).executeTakeFirst();
  return r !== undefined;
}
