import { describe, expect, it } from "vitest";
import { appendEntries, GENESIS_HASH, verifyChain } from "../../src/domain/journal.js";

const actor = { id: "p1", name: "Ane Modtager" };
const drafts = [
  { kind: "document_in", title: "Complaint received", body: "Mobning" },
  { kind: "note", title: "Phone call", body: "Talked to the mother" },
  { kind: "state_change", title: "Status: received → acknowledged", body: "" },
];

describe("journal hash chain", () => {
  it("chains entries from the genesis hash and continues after the last entry", () => {
    const first = appendEntries("c1", null, drafts.slice(0, 2), "2026-03-02T09:00:00.000Z", actor);
    expect(first.map((e) => e.seq)).toEqual([1, 2]);
    expect(first[0]!.prevHash).toBe(GENESIS_HASH);
    expect(first[1]!.prevHash).toBe(first[0]!.hash);
    const more = appendEntries(
      "c1",
      { seq: 2, hash: first[1]!.hash },
      drafts.slice(2),
      "2026-03-02T10:00:00.000Z",
      actor,
    );
    expect(more[0]!.seq).toBe(3);
    expect(verifyChain("c1", [...first, ...more])).toEqual({ ok: true, entries: 3 });
  });

  it("finds the first altered, removed or re-ordered entry", () => {
    const entries = appendEntries("c1", null, drafts, "2026-03-02T09:00:00.000Z", actor);
    const altered = entries.map((e) => ({ ...e }));
    altered[1]!.body = "Talked to the father";
    expect(verifyChain("c1", altered)).toEqual({ ok: false, seq: 2, reason: "entry was altered" });
    expect(verifyChain("c1", [entries[0]!, entries[2]!])).toMatchObject({ ok: false, seq: 3 });
    // The same entries under another case id do not verify: the case id is part of the hash.
    expect(verifyChain("c2", entries)).toMatchObject({ ok: false, seq: 1 });
  });

  it("detects a rewritten entry whose own hash was recomputed, at the next link", () => {
    const entries = appendEntries("c1", null, drafts, "2026-03-02T09:00:00.000Z", actor);
    const forged = appendEntries(
      "c1",
      { seq: 1, hash: entries[0]!.hash },
      [{ ...drafts[1]!, body: "forged" }],
      entries[1]!.at,
      actor,
    );
    expect(verifyChain("c1", [entries[0]!, forged[0]!, entries[2]!])).toEqual({
      ok: false,
      seq: 3,
      reason: "previous hash does not match",
    });
  });
});
