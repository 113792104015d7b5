/**
 * localDateOf keeps each zone's current UTC offset until the zone's next transition and remembers
 * recent answers (intake speed, H31): over random instants in any order, in zones with daylight
 * saving, half-hour shifts and none, it answers exactly what Temporal's own conversion answers.
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { localDateOf } from "../../src/domain/deadline.js";
import { KlaraError } from "../../src/domain/errors.js";

const ZONES = [
  "Europe/Copenhagen",
  "Europe/Oslo",
  "UTC",
  "America/St_Johns",
  "Australia/Lord_Howe",
  "Asia/Kathmandu",
  "Pacific/Apia",
  "Africa/Monrovia",
] as const;

const reference = (iso: string, zone: string) =>
  Temporal.Instant.from(iso).toZonedDateTimeISO(zone).toPlainDate().toString();

describe("localDateOf", () => {
  it("answers Temporal's local date for random instants in random order", () => {
    const epochMs = fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(fc.array(fc.tuple(epochMs, fc.constantFrom(...ZONES)), { minLength: 1 }), (pairs) => {
        for (const [ms, zone] of pairs) {
          const iso = new Date(ms).toISOString();
          expect(localDateOf(iso, zone).toString()).toBe(reference(iso, zone));
          expect(localDateOf(Temporal.Instant.fromEpochMilliseconds(ms), zone).toString()).toBe(
            reference(iso, zone),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is exact on either side of a transition, nanoseconds included", () => {
    // Copenhagen: summer time from 01:00 UTC on 29 March 2026; Lord Howe: +10:30 from 15:00 UTC on 4 April
    for (const [zone, at] of [
      ["Europe/Copenhagen", "2026-10-24T22:00:00Z"],
      ["Europe/Copenhagen", "2026-10-24T21:59:59.999999999Z"],
      ["Australia/Lord_Howe", "2026-04-04T13:29:59.999Z"],
      ["Australia/Lord_Howe", "2026-04-04T13:30:00Z"],
      ["Australia/Lord_Howe", "2026-04-04T13:00:00Z"],
      ["America/St_Johns", "2026-11-01T02:29:59.999Z"],
      ["America/St_Johns", "2026-11-01T02:30:00Z"],
    ] as const) {
      expect(localDateOf(at, zone).toString(), `${zone} ${at}`).toBe(reference(at, zone));
    }
  });

  it("still refuses what is not an instant with an offset, each time it is asked", () => {
    for (let i = 0; i < 2; i++) {
      expect(() => localDateOf("2026-03-02T10:00:00", "Europe/Copenhagen")).toThrow(KlaraError);
    }
  });
});
