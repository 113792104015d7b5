import { describe, expect, it } from "vitest";
import {
  daysBetween,
  groupStatistics,
  percentile,
  type StatsRecord,
  summarise,
} from "../../src/domain/statistics.js";

const record = (patch: Partial<StatsRecord> = {}): StatsRecord => ({
  type: "process",
  category: "school_conduct",
  unitCode: "SKOLE-A",
  outcome: null,
  channel: "web",
  source: "citizen",
  procedureId: "dk-school",
  receivedDate: "2026-03-02",
  repliedDate: null,
  replyOriginalDueDate: "2026-04-01",
  identifiable: true,
  ...patch,
});

describe("statistics arithmetic", () => {
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 90, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90, 10],
    [[10, 35, 39], 50, 35],
    [[10, 35, 39], 90, 39],
  ])("nearest-rank percentile of %j at %i is %s", (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it("counts calendar days across month ends and summer time", () => {
    expect(daysBetween("2026-03-02", "2026-04-01")).toBe(30);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
  });

  it("judges on time against the original due date, not one a delay notice moved", () => {
    const s = summarise([
      record({ repliedDate: "2026-03-12" }),
      record({ repliedDate: "2026-04-01" }),
      record({ repliedDate: "2026-04-02" }),
      record(),
    ]);
    expect(s).toMatchObject({ count: 4, replyOnTimeRate: 0.6667, medianDays: 30, p90Days: 31 });
    expect(summarise([record()])).toMatchObject({
      count: 1,
      replyOnTimeRate: null,
      medianDays: null,
      p90Days: null,
    });
  });

  it("groups by key, puts cases the viewer may not see under other, and merges small groups for analysts", () => {
    const records = [
      ...Array.from({ length: 5 }, () => record({ unitCode: "SKOLE-A" })),
      ...Array.from({ length: 2 }, () => record({ unitCode: "SKOLE-B" })),
      record({ unitCode: "SKOLE-A", identifiable: false }),
      record({ unitCode: null }),
    ];
    const plain = groupStatistics(records, "unit", { mergeSmallGroups: false });
    expect(plain.groups.map((g) => [g.key, g.count])).toEqual([
      ["SKOLE-A", 5],
      ["SKOLE-B", 2],
      ["none", 1],
      ["other", 1],
    ]);
    expect(plain.total).toBe(9);
    // SKOLE-B and none are under five; with the case under "other" they add up to four, which is
    // still a small number, so SKOLE-A goes too (complementary suppression)
    const merged = groupStatistics(records, "unit", { mergeSmallGroups: true });
    expect(merged.groups.map((g) => [g.key, g.count])).toEqual([["other", 9]]);
    expect(merged.total).toBe(9);
    const more = [...records, ...Array.from({ length: 5 }, () => record({ unitCode: "SKOLE-C" }))];
    const mergedMore = groupStatistics(more, "unit", { mergeSmallGroups: true });
    // the next smallest cell joins them (ties in key order)
    expect(mergedMore.groups.map((g) => [g.key, g.count])).toEqual([
      ["SKOLE-C", 5],
      ["other", 9],
    ]);
  });

  it("keys months chronologically and open cases as open", () => {
    const records = [
      record({ receivedDate: "2026-11-30" }),
      record({ receivedDate: "2026-02-01", outcome: "upheld" }),
    ];
    expect(groupStatistics(records, "month", { mergeSmallGroups: false }).groups.map((g) => g.key)).toEqual([
      "2026-02",
      "2026-11",
    ]);
    expect(groupStatistics(records, "outcome", { mergeSmallGroups: false }).groups.map((g) => g.key)).toEqual(
      ["open", "upheld"],
    );
  });
});
