/**
 * The append-only, tamper-evident journal (SPEC §7): each entry's hash covers a canonical
 * serialisation of the entry and the previous entry's hash, so any edit breaks the chain there.
 * An entry's event (its code and parameters, decision 0019) is covered too; entries written before
 * events were kept have none and hash exactly as they always did, so old chains still verify.
 */
import { createHash } from "node:crypto";
import type { JournalDraft } from "./case-effects.js";
import type { JournalEvent } from "./journal-events.js";

export interface JournalEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actor: string;
  kind: string;
  title: string;
  body: string;
  /** the title's code and parameters; null on entries written before they were kept */
  event: JournalEvent | null;
  hash: string;
  prevHash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** JSON with every object's keys sorted: the same event hashes the same however it was stored. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  // null prototype: a key "__proto__" stays an own key, as with Object.fromEntries (same bytes, less garbage)
  const sorted: Record<string, unknown> = Object.create(null);
  for (const k of Object.keys(record).sort()) sorted[k] = sortedKeys(record[k]);
  return sorted;
}

/** Fixed key order, so the same entry always serialises to the same bytes. */
export function canonicalEntry(caseId: string, e: Omit<JournalEntry, "hash">): string {
  const fields: unknown[] = [caseId, e.seq, e.at, e.actorId, e.actor, e.kind, e.title, e.body, e.prevHash];
  // without an event the serialisation is the one every entry had before events were kept
  if (e.event) fields.push(sortedKeys(e.event));
  return JSON.stringify(fields);
}

export function entryHash(caseId: string, e: Omit<JournalEntry, "hash">): string {
  return createHash("sha256").update(canonicalEntry(caseId, e)).digest("hex");
}

/** Appends drafts after the last entry (or the genesis), stamping seq, time, actor and hashes. */
export function appendEntries(
  caseId: string,
  last: { seq: number; hash: string } | null,
  drafts: readonly JournalDraft[],
  at: string,
  actor: { id: string | null; name: string },
): JournalEntry[] {
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  return drafts.map((d) => {
    seq += 1;
    const unsigned = {
      seq,
      at,
      actorId: actor.id,
      actor: actor.name,
      kind: d.kind,
      title: d.title,
      body: d.body,
      event: d.event ?? null,
      prevHash,
    };
    const hash = entryHash(caseId, unsigned);
    prevHash = hash;
    return { ...unsigned, hash };
  });
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; seq: number; reason: string };

/** Walks a case's entries in order and reports the first broken link. */
export function verifyChain(caseId: string, entries: readonly JournalEntry[]): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { ok: false, seq: e.seq, reason: `expected entry ${expectedSeq}` };
    if (e.prevHash !== prev) return { ok: false, seq: e.seq, reason: "previous hash does not match" };
    if (entryHash(caseId, e) !== e.hash) return { ok: false, seq: e.seq, reason: "entry was altered" };
    prev = e.hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: entries.length };
}
