/**
 * A statistics rebuild as if stopped: the installation keys it keeps (db/stats-rebuild.repository.ts)
 * written as a stopped rebuild leaves them, the statistics rows as they are.
 */

import type { KlaraDb } from "../../src/db/create-db.js";
import { progressKey, STARTED_FOR } from "../../src/db/stats-rebuild.repository.js";

/** Stopped after `month` ("": before the first, "done": finished, in a rebuild of every organisation started for the stale mark `staleMark`). */
export async function markRebuildStopped(
  db: KlaraDb,
  organisationId: string,
  month: string,
  staleMark?: string,
): Promise<void> {
  await db.kysely
    .insertInto("installation")
    .values({ key: progressKey(organisationId), value: month })
    .execute();
  if (staleMark !== undefined) {
    await db.kysely.deleteFrom("installation").where("key", "=", STARTED_FOR).execute();
    await db.kysely.insertInto("installation").values({ key: STARTED_FOR, value: staleMark }).execute();
  }
}
