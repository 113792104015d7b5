/**
 * The append-only, tamper-evident journal (SPEC §7): each entry's hash covers a canonical
 * serialisation of the entry and the previous entry's hash, so any edit breaks the chain there.
 */
import { createHash } from "node:crypto";
import type { JournalDraft } from "./case-effects.js";

export interface JournalEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actor: string;
  kind: string;
  title: string;
  body: string;
  hash: string;
  prevHash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** Fixed key order, so the same entry always serialises to the same bytes. */
export function canonicalEntry(caseId: string, e: Omit<JournalEntry, "hash">): string {
  return JSON.stringify([caseId, e.seq, e.at, e.actorId, e.actor, e.kind, e.title, e.body, e.prevHash]);
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
