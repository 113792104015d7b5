/** Bounced letters: finding the outbox row a bounce names, and marking it bounced with the reason. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/**
 * The e-mail row a bounce names by X-Klara-Reference and recipient: the case's newest e-mail to that
 * address (sent, or still being retried). Null when the reference or the address matches none.
 */
export async function emailRowByReference(
  db: Db,
  organisationId: string,
  reference: string,
  recipient: string,
): Promise<string | null> {
  const r = await db
    .selectFrom("outbox")
    .innerJoin("cases", "cases.id", "outbox.case_id")
    .select("outbox.id")
    .where("cases.organisation_id", "=", organisationId)
    .where("cases.reference", "=", reference.toUpperCase())
    .where("outbox.channel", "=", "email")
    .where((eb) => eb.fn("lower", ["outbox.recipient_address"]), "=", recipient.toLowerCase())
    .where("outbox.state", "in", ["sent", "queued", "failed", "bounced"])
    .orderBy("outbox.created_at", "desc")
    .orderBy("outbox.id", "desc")
    .executeTakeFirst();
  return r?.id ?? null;
}

/**
 * Marks an e-mail row bounced, once: false when it was already bounced (a second report of the same
 * failure) or is no e-mail. With a claimant (delivery's own refusal), only while the claim is its.
 */
export async function markBounced(
  db: Db,
  id: string,
  reason: string,
  attempts: number | null,
  claimant: string | null,
): Promise<boolean> {
  let q = db
    .updateTable("outbox")
    .set({
      state: "bounced",
      last_error: reason,
      next_attempt_at: null,
      claimed_by: null,
      claimed_until: null,
      ...(attempts === null ? {} : { attempts }),
    })
    .where("id", "=", id)
    .where("channel", "=", "email")
    .where("state", "!=", "bounced");
  if (claimant) q = q.where("claimed_by", "=", claimant);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
