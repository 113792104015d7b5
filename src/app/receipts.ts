/** What a citizen is told: never anything personal, never another case's data. */
import { createHash } from "node:crypto";
import { type Keyring, openValue, sealValue } from "../db/national-id-cipher.js";
import type { ComplaintCase } from "../domain/case.js";

export interface SubmissionReceipt {
  id: string;
  reference: string;
  status: string;
  receivedAt: string;
  deadlines: { kind: string; dueDate: string; metAt: string | null }[];
  trackingToken: string;
}

export function presentSubmission(c: ComplaintCase, trackingToken: string): SubmissionReceipt {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    receivedAt: c.receivedAt,
    deadlines: publicDeadlines(c),
    trackingToken,
  };
}

export function publicDeadlines(c: ComplaintCase) {
  return c.deadlines.map((d) => ({ kind: d.kind, dueDate: d.dueDate, metAt: d.metAt }));
}

/**
 * An Idempotency-Key as stored: scoped to the client that sent it (a hash of its address and the
 * key), so another client sending the same key gets its own submission, never someone's receipt;
 * and the key itself is not kept.
 */
export function scopedIdempotencyKey(key: string, client: string): string {
  return createHash("sha256").update(`klara idempotency\n${client}\n${key}`).digest("hex");
}

/** The receipt as kept for a replay (24 hours): the tracking token encrypted, never in plaintext. */
export function storableReceipt(
  receipt: SubmissionReceipt,
  scopedKey: string,
  keyring: Keyring,
): SubmissionReceipt {
  return { ...receipt, trackingToken: sealValue(receipt.trackingToken, scopedKey, keyring) };
}

/** A kept receipt, for the client that sent the same key and body again. */
export function replayedReceipt(
  stored: SubmissionReceipt,
  scopedKey: string,
  keyring: Keyring,
): SubmissionReceipt {
  return { ...stored, trackingToken: openValue(stored.trackingToken, scopedKey, keyring) };
}
