/**
 * Facts about the database itself (the `installation` table): whether the demo made it, and the
 * secret of the statistics' record keys (decision 0026).
 */
import { randomBytes } from "node:crypto";
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

const CELL_KEY_SECRET = "statistics_cell_key_secret";

/**
 * The installation's secret for the statistics' record keys, made once on first use (a random
 * value that never leaves the database and the process; a second writer's insert does nothing).
 */
export async function cellKeySecret(db: Db): Promise<string> {
  const read = () =>
    db.selectFrom("installation").select("value").where("key", "=", CELL_KEY_SECRET).executeTakeFirst();
  const found = await read();
  if (found) return found.value;
  await db
    .insertInto("installation")
    .values({ key: CELL_KEY_SECRET, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const made = await read();
  if (!made) throw new Error("The statistics secret could not be stored.");
  return made.value;
}
