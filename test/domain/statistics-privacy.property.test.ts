/**
 * The small-cell rule against subtraction (docs/statistics-privacy.md), over random data sets with
 * personnel cases: for an analyst, no count of 1–4 can be learnt by subtracting one answer from
 * another of the same period — the table's total from a one-dimensional table, a row's or
 * column's total (the one-dimensional query) from the shown cells of the two-dimensional one —
 * nor from a period and its baseline. (Differencing two different periods or filters is the open
 * limit the document names.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupStatistics, type StatsGroup, type StatsRecord } from "../../src/domain/statistics.js";

const TYPES = ["a", "b", "c", "d"];
const CATEGORIES = ["x", "y", "z"];

const records: fc.Arbitrary<StatsRecord[]> = fc
  .array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      category: fc.constantFrom(...CATEGORIES),
      // a personnel case the analyst may not see: counted, only ever under "other"
      seen: fc.oneof(
        { weight: 9, arbitrary: fc.constant(true) },
        { weight: 1, arbitrary: fc.constant(false) },
      ),
    }),
    { maxLength: 40 },
  )
  .map((rs) =>
    rs.map(
      (r): StatsRecord => ({
        type: r.type,
        category: r.category,
        unitCode: null,
        outcome: null,
        channel: "web",
        source: "citizen",
        procedureId: "p",
        receivedDate: "2026-03-02",
        repliedDate: null,
        replyOriginalDueDate: null,
        identifiable: r.seen,
        pointsToPerson: !r.seen,
      }),
    ),
  );

const analyst = { mergeSmallGroups: true, today: "2026-03-31" };
const SMALL = (n: number) => n >= 1 && n <= 4;

/** The shown count of each key ("other" apart). */
const shown = (groups: readonly StatsGroup[]) =>
  new Map(
    groups
      .filter((g) => JSON.stringify(g.key) !== JSON.stringify(otherOf(g.key)))
      .map((g) => [JSON.stringify(g.key), g.count]),
  );
const otherOf = (key: StatsGroup["key"]) => (typeof key === "string" ? "other" : key.map(() => "other"));

describe("the small-cell rule against subtraction", () => {
  it("never lets the total minus the shown cells be 1–4 (the total itself is told)", () => {
    fc.assert(
      fc.property(records, (rs) => {
        for (const by of ["type", "category"] as const) {
          const { groups, total } = groupStatistics(rs, by, analyst);
          const sum = [...shown(groups).values()].reduce((s, n) => s + n, 0);
          // the total itself is told (the organisation's count); what is learnt is total − shown
          expect(sum > 0 && SMALL(total - sum), `${by}: ${total} - ${sum}`).toBe(false);
          for (const g of groups) if (g.key !== "other") expect(g.count).toBeGreaterThanOrEqual(5);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never lets a row or column total of the one-dimensional query recover 1–4 from the two-dimensional one", () => {
    fc.assert(
      fc.property(records, (rs) => {
        const both = shown(groupStatistics(rs, ["type", "category"], analyst).groups);
        const lines: [0 | 1, "type" | "category"][] = [
          [0, "type"],
          [1, "category"],
        ];
        for (const [i, by] of lines) {
          for (const [key, lineTotal] of shown(groupStatistics(rs, by, analyst).groups)) {
            const value = JSON.parse(key) as string;
            let inLine = 0;
            for (const [cell, n] of both) if ((JSON.parse(cell) as string[])[i] === value) inLine += n;
            expect(SMALL(lineTotal - inLine), `${by}=${value}: ${lineTotal} - ${inLine}`).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("suppresses a key in the period and its baseline together, so neither shows a recoverable 1–4", () => {
    fc.assert(
      fc.property(records, records, (now, before) => {
        const { groups } = groupStatistics(now, "type", { ...analyst, baseline: before });
        for (const g of groups) {
          if (g.key === "other") continue;
          expect(g.count === 0 || g.count >= 5).toBe(true);
          expect(g.baseline?.count === 0 || (g.baseline?.count ?? 0) >= 5).toBe(true);
        }
        // an "other" of 1–4 is learnt only where it is not the whole period's total
        const other = groups.find((g) => g.key === "other");
        expect(SMALL(other?.count ?? 0) && other?.count !== now.length).toBe(false);
        expect(SMALL(other?.baseline?.count ?? 0) && other?.baseline?.count !== before.length).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
