/**
 * nowIso formats through Date (intake speed, H31): the same text as Temporal's own toString to the
 * millisecond, for any instant Temporal can hold (before 1970, sub-millisecond, six-digit years).
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { type AppDeps, nowIso } from "../../src/app/context.js";

const at = (instant: Temporal.Instant) => ({ clock: { now: () => instant } }) as unknown as AppDeps;
const LIMIT = 8_640_000_000_000_000_000_000n; // Temporal's range, in nanoseconds either side of 1970

describe("nowIso", () => {
  it("is Temporal's text to the millisecond", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -LIMIT, max: LIMIT }), (ns) => {
        const instant = Temporal.Instant.fromEpochNanoseconds(ns);
        expect(nowIso(at(instant))).toBe(instant.toString({ smallestUnit: "millisecond" }));
      }),
      { numRuns: 2000 },
    );
    for (const iso of [
      "2026-03-02T09:00:00Z",
      "1969-12-31T23:59:59.999999999Z",
      "0000-01-01T00:00:00.0005Z",
    ]) {
      const instant = Temporal.Instant.from(iso);
      expect(nowIso(at(instant))).toBe(instant.toString({ smallestUnit: "millisecond" }));
    }
  });
});
