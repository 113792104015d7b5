/**
 * `klara keys rotate`: everything sealed with an older key (or stored before encryption existed)
 * sealed again with the current one, so the old key can then be dropped.
 */
import type { Kysely } from "kysely";
import { rotateMailboxPasswords } from "./mail-settings.repository.js";
import { keyringOf, openValue, sealedKeyId, sealValue } from "./national-id-cipher.js";
import type { Database } from "./schema.js";
import { rotateTrackingTokens } from "./tracking-token.repository.js";

type Db = Kysely<Database>;
const PAGE = 500;

export interface RotationResult {
  cases: number;
  nationalIds: number;
  receipts: number;
  /** cases' tracking tokens kept for the link in letters (decision 0025) */
  trackingTokens: number;
  /** organisations' complaint mailbox passwords (admin pages) */
  mailboxPasswords: number;
}

/**
 * National ids in cases.data. Each changed case gets a new version, so a command that read it
 * before cannot write the old ciphertext back (it gets a conflict and reloads).
 */
async function rotateNationalIds(db: Db): Promise<{ cases: number; changed: number }> {
  const keyring = keyringOf(db);
  let after = "";
  let cases = 0;
  let changed = 0;
  for (;;) {
    const rows = await db
      .selectFrom("cases")
      .select(["id", "data", "version"])
      .where("id", ">", after)
      .orderBy("id")
      .limit(PAGE)
      .execute();
    for (const r of rows) {
      cases++;
      const data = JSON.parse(r.data) as { complainant?: { nationalId?: string | null } };
      const stored = data.complainant?.nationalId;
      if (!stored || sealedKeyId(stored) === keyring.currentId) continue;
      data.complainant!.nationalId = sealValue(openValue(stored, r.id, keyring), r.id, keyring);
      await db
        .updateTable("cases")
        .set({ data: JSON.stringify(data), version: r.version + 1 })
        .where("id", "=", r.id)
        .where("version", "=", r.version)
        .execute();
      changed++;
    }
    if (rows.length < PAGE) return { cases, changed };
    after = rows.at(-1)!.id;
  }
}

/** Tracking tokens kept for idempotent replays (24 hours at most). */
async function rotateReceipts(db: Db): Promise<number> {
  const keyring = keyringOf(db);
  let changed = 0;
  const rows = await db.selectFrom("idempotency_keys").select(["key", "response"]).execute();
  for (const r of rows) {
    const response = JSON.parse(r.response) as { trackingToken?: string };
    const stored = response.trackingToken;
    if (!stored || sealedKeyId(stored) === keyring.currentId) continue;
    // a plaintext token (kept before encryption) is dropped rather than sealed: it was never meant to be kept
    if (sealedKeyId(stored) === null) {
      await db.deleteFrom("idempotency_keys").where("key", "=", r.key).execute();
    } else {
      response.trackingToken = sealValue(openValue(stored, r.key, keyring), r.key, keyring);
      await db
        .updateTable("idempotency_keys")
        .set({ response: JSON.stringify(response) })
        .where("key", "=", r.key)
        .execute();
    }
    changed++;
  }
  return changed;
}

export async function rotateSealedValues(db: Db): Promise<RotationResult> {
  const ids = await rotateNationalIds(db);
  return {
    cases: ids.cases,
    nationalIds: ids.changed,
    receipts: await rotateReceipts(db),
    trackingTokens: await rotateTrackingTokens(db),
    mailboxPasswords: await rotateMailboxPasswords(db),
  };
}
