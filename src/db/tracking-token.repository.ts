/**
 * A case's tracking token kept reversibly (decision 0025): sealed like the national id, with
 * `tracking:<case id>` as associated data, so neither a national id's ciphertext nor another case's
 * token opens in its place. Read only to put the citizen's link in a letter to them.
 */
import type { Kysely } from "kysely";
import { type Keyring, keyringOf, openValue, sealedKeyId, sealValue } from "./national-id-cipher.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;
const PAGE = 500;

const contextOf = (caseId: string) => `tracking:${caseId}`;

export function sealTrackingToken(token: string, caseId: string, keyring: Keyring): string {
  return sealValue(token, contextOf(caseId), keyring);
}

/** The case's tracking token, or null for a case stored before it was kept (only its hash). */
export async function trackingTokenOf(db: Db, caseId: string): Promise<string | null> {
  const row = await db
    .selectFrom("cases")
    .select("tracking_token_sealed")
    .where("id", "=", caseId)
    .executeTakeFirst();
  const sealed = row?.tracking_token_sealed;
  return sealed ? openValue(sealed, contextOf(caseId), keyringOf(db)) : null;
}

/** `klara keys rotate`: every sealed tracking token sealed again with the current key. */
export async function rotateTrackingTokens(db: Db): Promise<number> {
  const keyring = keyringOf(db);
  let after = "";
  let changed = 0;
  for (;;) {
    const rows = await db
      .selectFrom("cases")
      .select(["id", "tracking_token_sealed"])
      .where("id", ">", after)
      .where("tracking_token_sealed", "is not", null)
      .orderBy("id")
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      const stored = r.tracking_token_sealed;
      if (!stored || sealedKeyId(stored) === keyring.currentId) continue;
      const token = openValue(stored, contextOf(r.id), keyring);
      // the column only: the case's version stays, no command writes it after the case is created
      await db
        .updateTable("cases")
        .set({ tracking_token_sealed: sealTrackingToken(token, r.id, keyring) })
        .where("id", "=", r.id)
        .execute();
      changed++;
    }
    if (rows.length < PAGE) return changed;
    after = rows.at(-1)!.id;
  }
}
