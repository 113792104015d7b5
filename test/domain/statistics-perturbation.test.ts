/**
 * The cell key method (decision 0026): the noise is a function of the set of cases (through their
 * record keys), bounded, mean zero, never negative, and 0 stays 0.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupStatistics, type StatsRecord } from "../../src/domain/statistics.js";
import { addInto, type StatsFacts, tallyOf } from "../../src/domain/statistics-facts.js";
import {
  cellKeyOf,
  KEY_RANGE,
  noiseOf,
  perturbedCount,
  perturbedMeasures,
  recordKeyOf,
} from "../../src/domain/statistics-perturbation.js";
import { resolvePending, rollupContribution, rollupKeyId } from "../../src/domain/statistics-rollup.js";
import { RollupBuilder } from "../../src/domain/statistics-rollup-builder.js";

describe("the cell key method", () => {
  it("record keys are a keyed hash of the id: in range, fixed per secret, different under another secret", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `case-${i}`);
    const a = ids.map((id) => recordKeyOf("secret-a", id));
    expect(a.every((k) => Number.isInteger(k) && k >= 0 && k < KEY_RANGE)).toBe(true);
    expect(ids.map((id) => recordKeyOf("secret-a", id))).toEqual(a);
    const b = ids.map((id) => recordKeyOf("secret-b", id));
    expect(b.filter((k, i) => k === a[i]).length).toBeLessThan(20);
    // spread over the range, not a few values
    expect(new Set(a).size).toBeGreaterThan(100);
  });

  it("cell keys wrap sums (also negative ones from deltas) into the range", () => {
    expect(cellKeyOf(0)).toBe(0);
    expect(cellKeyOf(KEY_RANGE + 3)).toBe(3);
    expect(cellKeyOf(-1)).toBe(KEY_RANGE - 1);
  });

  it("noise is deterministic, within −2..+2, never makes a count negative or five and more small, 0 stays 0", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        (n, sum) => {
          const shown = perturbedCount(n, sum);
          expect(perturbedCount(n, sum)).toBe(shown);
          expect(shown).toBeGreaterThanOrEqual(0);
          expect(Math.abs(shown - n)).toBeLessThanOrEqual(2);
          if (n === 0) expect(shown).toBe(0);
          if (n >= 5) expect(shown).toBeGreaterThanOrEqual(5);
        },
      ),
    );
  });

  it("every count's noise has mean zero over the cell keys, and is not always zero", () => {
    for (const n of [1, 2, 3, 4, 5, 17, 1000]) {
      const noises = Array.from({ length: KEY_RANGE }, (_, k) => noiseOf(n, k));
      expect(noises.reduce((s, x) => s + x, 0)).toBe(0);
      expect(noises.filter((x) => x !== 0).length).toBeGreaterThan(KEY_RANGE / 3);
      expect(noises.every((x) => n + x >= 0)).toBe(true);
    }
  });

  it("compliance counts get the noise of their own cases' keys", () => {
    const m = {
      count: 20,
      replyCompliance: { met: 12, metAfterDelayNotice: 3, missed: 5 },
      compliance: {
        reply: { met: 12, metAfterDelayNotice: 3, missed: 5 },
        draft: { met: 0, metAfterDelayNotice: 0, missed: 9 },
      },
      replyOnTimeRate: 0.6,
      medianDays: 10,
      p90Days: 20,
      medianWorkingDays: 8,
      p90WorkingDays: 15,
      firstContactMedianHours: null,
      informalRate: null,
      reassessmentOnTimeRate: null,
      appealsUpheldRate: null,
    };
    const sums: Record<string, number> = {
      "c:reply:met": 11,
      "c:reply:after": 300,
      "c:reply:missed": 77,
      "c:draft:missed": 5,
    };
    const p = perturbedMeasures(m, 1234, (c) => sums[c] ?? 0);
    expect(p.compliance).toEqual({
      reply: {
        met: perturbedCount(12, 11),
        metAfterDelayNotice: perturbedCount(3, 300),
        missed: perturbedCount(5, 77),
      },
      draft: { met: 0, metAfterDelayNotice: 0, missed: perturbedCount(9, 5) },
    });
    expect(p.replyCompliance).toEqual(p.compliance.reply);
    expect(p.count).toBe(perturbedCount(20, 1234));
    expect(p.replyOnTimeRate).toBe(0.6);
  });

  it("the same set of cases gets the same count in any order; rates only for cells of at least five", () => {
    const record = (i: number): StatsRecord => ({
      type: "process",
      category: i % 3 ? "a" : "b",
      unitCode: null,
      outcome: null,
      channel: "web",
      source: "citizen",
      procedureId: "p",
      receivedDate: "2026-03-02",
      repliedDate: "2026-03-12",
      replyOriginalDueDate: "2026-04-01",
      identifiable: true,
      recordKey: recordKeyOf("s", `c${i}`),
    });
    const records = Array.from({ length: 40 }, (_, i) => record(i));
    const options = { mergeSmallGroups: true, perturb: true, today: "2026-05-01" };
    const forward = groupStatistics(records, "category", options);
    expect(groupStatistics([...records].reverse(), "category", options)).toEqual(forward);
    const exact = groupStatistics(records, "category", { ...options, perturb: false });
    const keySum = (cat: string) =>
      records.filter((r) => r.category === cat).reduce((s, r) => s + (r.recordKey ?? 0), 0);
    expect(forward.groups.map((g) => g.count)).toEqual(
      exact.groups.map((g) => perturbedCount(g.count, keySum(String(g.key)))),
    );
    expect(forward.total).toBe(perturbedCount(40, keySum("a") + keySum("b")));

    // every reply was on time: the "met" counter holds the cell's cases, so it gets the cell's noise
    for (const g of forward.groups) expect(g.replyCompliance.met).toBe(g.count);

    const none = () => 0;
    const small = perturbedMeasures({ ...exact.groups[0], count: 3 } as never, 7, none) as {
      medianDays: unknown;
    };
    expect(small.medianDays).toBeNull();
    const big = perturbedMeasures({ ...exact.groups[0], count: 14 } as never, 7, none) as {
      medianDays: unknown;
    };
    expect(big.medianDays).toBe(10);
  });

  it("the rollups carry the record keys' sums: the rebuild's builder equals the cases' contributions, pending deadlines judged like the cases", () => {
    const deadline = fc.record({
      kind: fc.constantFrom("reply", "draft", "acknowledge"),
      dueDate: fc.constantFrom("2026-03-10", "2026-04-01"),
      originalDueDate: fc.constant("2026-03-10"),
      metDate: fc.constantFrom(null, "2026-03-05", "2026-03-20"),
      missed: fc.boolean(),
    });
    const facts: fc.Arbitrary<StatsFacts> = fc.record({
      type: fc.constantFrom("process", "decision"),
      category: fc.constantFrom(null, "a"),
      unitId: fc.constantFrom(null, "u1"),
      outcome: fc.constantFrom(null, "upheld"),
      channel: fc.constant("web"),
      source: fc.constant("citizen"),
      procedureId: fc.constant("p"),
      receivedDate: fc.constantFrom("2026-03-01", "2026-04-02"),
      repliedDate: fc.constantFrom(null, "2026-03-20"),
      replyOriginalDueDate: fc.constant("2026-03-10"),
      open: fc.boolean(),
      deadlines: fc.array(deadline, { maxLength: 3 }),
      recordKey: fc.integer({ min: 0, max: KEY_RANGE - 1 }),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 25 }), (cases) => {
        const builder = new RollupBuilder();
        const expected = new Map<string, Record<string, number>>();
        for (const f of cases) {
          builder.add(f);
          const { keys, tally } = rollupContribution(f);
          for (const key of keys) {
            const sum = expected.get(rollupKeyId(key)) ?? {};
            addInto(sum, tally);
            expected.set(rollupKeyId(key), sum);
          }
          // a case's rolled tally, judged today, is its tally judged today (record keys included)
          expect(resolvePending(rollupContribution(f).tally, "2026-03-15")).toEqual(tallyOf(f, "2026-03-15"));
        }
        const built = new Map(builder.take().map((row) => [rollupKeyId(row.key), row.tally]));
        expect(built).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });
});
