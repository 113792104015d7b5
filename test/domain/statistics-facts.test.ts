/**
 * The rollup arithmetic (decision 0024): tallies summed over bags of cases give exactly what the
 * raw computation gives over the cases — every measure, the small-cell rule, the baseline, two
 * dimensions, multi-valued dimensions merged into "other" once — and working days by the running
 * count equal the calendar's.
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "../../src/domain/calendar.js";
import {
  groupStatistics,
  STATS_DIMENSIONS,
  type StatsDimension,
  type StatsRecord,
  summarise,
} from "../../src/domain/statistics.js";
import { WorkingDayCounter } from "../../src/domain/statistics-case-facts.js";
import {
  addInto,
  groupRows,
  measuresOf,
  rowOfRecord,
  type StatsRow,
  tallyOf,
} from "../../src/domain/statistics-facts.js";
import {
  resolvePending,
  rolledTally,
  rollupContribution,
  rollupKeyId,
} from "../../src/domain/statistics-rollup.js";
import { RollupBuilder } from "../../src/domain/statistics-rollup-builder.js";

const date = fc
  .integer({ min: 0, max: 120 })
  .map((d) => Temporal.PlainDate.from("2026-01-01").add({ days: d }).toString());
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const deadline = fc.record({
  kind: fc.constantFrom("acknowledge", "route", "firstContact", "reply", "reassessment", "complaintWindow"),
  dueDate: date,
  originalDueDate: date,
  metDate: maybe(date),
  missed: fc.boolean(),
});
const record: fc.Arbitrary<StatsRecord> = fc.record({
  type: fc.constantFrom("process", "decision", "other"),
  category: maybe(fc.constantFrom("a", "b")),
  unitCode: maybe(fc.constantFrom("U1", "U2", "U3")),
  outcome: maybe(fc.constantFrom("upheld", "not_upheld")),
  channel: fc.constantFrom("web", "email"),
  source: fc.constantFrom("citizen", "other"),
  procedureId: fc.constantFrom("p1", "p2"),
  receivedDate: date,
  repliedDate: maybe(date),
  replyOriginalDueDate: maybe(date),
  identifiable: fc.boolean().map((b) => b || Math.random() < 0.8),
  open: fc.boolean(),
  firstContactHours: maybe(fc.double({ min: 0, max: 100, noNaN: true })),
  rootCauses: fc.subarray(["x", "y", "z"]),
  decisionArea: maybe(fc.constantFrom("dagpenge", "kontanthjælp")),
  appealsResult: maybe(fc.constantFrom("upheld", "changed", "pending")),
  deviationKinds: fc.subarray(["reply", "acknowledge"]),
  resolution: maybe(fc.constantFrom("formal" as const, "informal" as const)),
  deadlines: fc.array(deadline, { maxLength: 4 }),
  pointsToPerson: fc.boolean(),
  workingDays: maybe(fc.integer({ min: 0, max: 40 })),
});
const by = fc.oneof(
  fc.constantFrom(...STATS_DIMENSIONS).map((d) => [d]),
  fc.uniqueArray(fc.constantFrom(...STATS_DIMENSIONS), { minLength: 2, maxLength: 2 }),
) as fc.Arbitrary<StatsDimension[]>;

/** Cases with the same values in the grouped dimensions summed into one bag, as a rollup row is. */
function bagged(rows: readonly StatsRow[]): StatsRow[] {
  const bags = new Map<string, StatsRow>();
  for (const row of rows) {
    const id = JSON.stringify([row.values, row.identifiable]);
    const bag = bags.get(id);
    if (bag) addInto(bag.tally as Record<string, number>, row.tally);
    else bags.set(id, { ...row, tally: { ...row.tally } });
  }
  return [...bags.values()];
}

/** A closed case's facts, replied within its due date (builder tests vary its fields). */
const CLOSED_CASE = {
  type: "process",
  category: null,
  unitId: "u1",
  outcome: "upheld",
  channel: "web",
  source: "citizen",
  procedureId: "p1",
  receivedDate: "2026-03-02",
  repliedDate: "2026-03-20",
  replyOriginalDueDate: "2026-04-01",
  open: false,
  rootCauses: ["x"],
};

/** The rule for one case (`rollupContribution`) added into the expected rows, or taken away. */
function addContribution(
  expected: Map<string, Record<string, number>>,
  f: Parameters<typeof rollupContribution>[0],
  sign: 1 | -1,
): void {
  const { keys, tally } = rollupContribution(f);
  for (const key of keys) {
    const sum = expected.get(rollupKeyId(key)) ?? {};
    addInto(sum, tally, sign);
    expected.set(rollupKeyId(key), sum);
  }
}

describe("statistics from tallies", () => {
  it("sum of tallies gives summarise's measures", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), maybe(date), (records, today) => {
        const total = {};
        for (const r of records) addInto(total, tallyOf({ ...r, unitId: null }, today));
        expect(measuresOf(total)).toEqual(summarise(records, today));
      }),
      { numRuns: 150 },
    );
  });

  it("grouping bags of cases gives groupStatistics' groups, small cells and baseline included", () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 40 }),
        fc.option(fc.array(record, { maxLength: 20 }), { nil: undefined }),
        by,
        fc.boolean(),
        fc.boolean(),
        date,
        (records, baseline, dims, merge, yearly, today) => {
          const options = { mergeSmallGroups: merge, today, yearlyReadable: yearly };
          const expected = groupStatistics(records, dims, { ...options, ...(baseline ? { baseline } : {}) });
          const rows = (rs: readonly StatsRecord[]) => bagged(rs.map((r) => rowOfRecord(r, dims, today)));
          const actual = groupRows(rows(records), dims, {
            ...options,
            ...(baseline ? { baseline: rows(baseline) } : {}),
          });
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("grouping rolled tallies judges their pending deadlines at today, perturbed counts included", () => {
    const keyed = fc
      .tuple(record, fc.integer({ min: 0, max: 255 }))
      .map(([r, recordKey]) => ({ ...r, recordKey }));
    fc.assert(
      fc.property(
        fc.array(keyed, { maxLength: 40 }),
        by,
        fc.boolean(),
        fc.boolean(),
        date,
        (records, dims, merge, perturb, today) => {
          const options = { mergeSmallGroups: merge, today, perturb };
          const expected = groupStatistics(records, dims, options);
          // as a rollup row holds them: "p:kind:due" where the judged tally has "c:kind:missed"
          const rolled = records.map((r) => ({
            ...rowOfRecord(r, dims, today),
            tally: rolledTally({ ...r, unitId: null }),
          }));
          expect(groupRows(bagged(rolled), dims, options)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("an open case's rolled tally, judged today, is its tally today", () => {
    fc.assert(
      fc.property(record, maybe(date), fc.boolean(), (r, someDay, onADueDate) => {
        const f = { ...r, unitId: null };
        // a due date itself is the edge: not yet missed that day
        const today = onADueDate ? (r.deadlines?.[0]?.dueDate ?? someDay) : someDay;
        expect(resolvePending(rolledTally(f), today)).toEqual(tallyOf(f, today));
      }),
      { numRuns: 300 },
    );
  });

  it("the rebuild's builder gives each row the sum of its cases' contributions", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), (records) => {
        const builder = new RollupBuilder();
        const expected = new Map<string, Record<string, number>>();
        for (const r of records) {
          const f = { ...r, unitId: r.unitCode };
          builder.add(f);
          addContribution(expected, f, 1);
        }
        const built = new Map(builder.take().map((row) => [rollupKeyId(row.key), row.tally]));
        expect(built).toEqual(expected);
      }),
      { numRuns: 100 },
    );
  });

  it("the builder sums rows of many distinct parts (indexed), also with cases taken away", () => {
    const builder = new RollupBuilder();
    const expected = new Map<string, Record<string, number>>();
    const add = (f: Parameters<RollupBuilder["add"]>[0], sign: 1 | -1) => {
      builder.add(f, sign);
      addContribution(expected, f, sign);
    };
    // 120 cases of one day and the same values, each replied after a different number of days
    for (let i = 0; i < 120; i++) {
      const replied = new Date(Date.UTC(2026, 2, 3 + i)).toISOString().slice(0, 10);
      const f = { ...CLOSED_CASE, repliedDate: replied, workingDays: i, rootCauses: [], recordKey: i + 1 };
      add(f, 1);
      if (i % 7 === 0) add(f, -1);
    }
    const built = new Map(builder.take().map((row) => [rollupKeyId(row.key), row.tally]));
    for (const [id, sum] of expected) if (Object.values(sum).every((n) => n === 0)) expected.delete(id);
    expect(built).toEqual(expected);
    // the day's row of all cases holds every case left: 120 less the 18 taken away
    expect(
      built.get(rollupKeyId({ procedureId: "p1", month: "2026-03-02", dims: "day:", v1: "", v2: "" }))?.n,
    ).toBe(102);
  });

  it("a fold's builder takes a case's old contribution away and adds its new one", () => {
    const f = CLOSED_CASE;
    // as a fold does: what the rollups hold for the case taken away, its facts added
    const change = (before: typeof f, after: typeof f) => {
      const builder = new RollupBuilder();
      builder.add(before, -1);
      builder.add(after);
      return builder.take();
    };
    expect(change(f, f)).toEqual([]);
    const moved = change(f, { ...f, outcome: "not_upheld" });
    // the rows keyed by outcome change: minus the old value, plus the new; the rest cancel out
    expect(moved.every((d) => d.key.dims.replace(/^day:/, "").split(",").includes("outcome"))).toBe(true);
    // the table of outcome alone is kept per day as well, the day in the month column
    expect(moved.filter((d) => d.key.dims === "day:outcome").map((d) => [d.key.month, d.tally.n])).toEqual([
      ["2026-03-02", -1],
      ["2026-03-02", 1],
    ]);
    expect(moved.filter((d) => d.tally.n === -1)).toHaveLength(moved.length / 2);
    expect(new Set(moved.map((d) => rollupKeyId(d.key))).size).toBe(moved.length);
  });
});

describe("working days", () => {
  it("the running count equals the calendar's count, closing days included", () => {
    const calendar = new WorkingDayCalendar({ country: "DK", closingDays: ["2026-12-28", "2025-06-06"] });
    const counter = new WorkingDayCounter(calendar);
    fc.assert(
      fc.property(
        fc.integer({ min: -800, max: 800 }),
        fc.integer({ min: -10, max: 120 }),
        (start, length) => {
          const a = Temporal.PlainDate.from("2026-06-01").add({ days: start });
          const b = a.add({ days: length });
          expect(counter.between(a.toString(), b.toString())).toBe(calendar.workingDaysBetween(a, b));
        },
      ),
      { numRuns: 150 },
    );
    // Easter 2026: Maundy Thursday 2 April to Easter Monday 6 April are holidays in Denmark
    expect(counter.between("2026-03-31", "2026-04-08")).toBe(3);
  });
});
