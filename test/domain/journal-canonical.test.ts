/**
 * An event's canonical text (what the journal hash covers) after sortedKeys was rewritten as a loop
 * (intake speed, H31): keys sorted at every depth, integer-like keys first as JSON always puts
 * them, and a "__proto__" key kept as an own key, byte for byte as Object.fromEntries made it.
 */
import { describe, expect, it } from "vitest";
import { canonicalEntry } from "../../src/domain/journal.js";
import type { JournalEvent } from "../../src/domain/journal-events.js";

describe("canonicalEntry", () => {
  it("serialises an event's keys sorted, integer-like and __proto__ keys included", () => {
    const event = JSON.parse(
      '{"params":{"b":1,"__proto__":{"y":1,"x":2},"10":2,"2":3,"a":[{"z":1,"y":[{"d":1,"c":2}]}]},"code":"registered"}',
    ) as JournalEvent;
    const entry = {
      seq: 1,
      at: "2026-03-02T09:00:00.000Z",
      actorId: null,
      actor: "API",
      kind: "registered",
      title: "Registered",
      body: "",
      event,
      prevHash: "0".repeat(64),
    };
    expect(canonicalEntry("case-1", entry)).toBe(
      `["case-1",1,"2026-03-02T09:00:00.000Z",null,"API","registered","Registered","","${"0".repeat(64)}",` +
        '{"code":"registered","params":{"2":3,"10":2,"__proto__":{"x":2,"y":1},"a":[{"y":[{"c":2,"d":1}],"z":1}],"b":1}}]',
    );
  });
});
