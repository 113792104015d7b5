/**
 * The statistics extension on hand-built records with known answers: deadline compliance against
 * the original due date (an open case past its due date is missed), the ABC and appeals measures,
 * the further dimensions, two dimensions at once, the baseline, the CSV, and the small-cell rule
 * with complementary suppression.
 */
import { describe, expect, it } from "vitest";
import {
  ageBand,
  groupStatistics,
  type StatsDeadline,
  type StatsRecord,
  summarise,
} from "../../src/domain/statistics.js";
import { csvField, statisticsCsv } from "../../src/domain/statistics-csv.js";
import { suppressedCells, yearlyCountReadable } from "../../src/domain/statistics-privacy.js";

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
  replyOriginalDueDate: null,
  identifiable: true,
  open: true,
  ...patch,
});

const reply = (patch: Partial<StatsDeadline>): StatsDeadline => ({
  kind: "reply",
  dueDate: "2026-04-01",
  originalDueDate: "2026-04-01",
  metDate: null,
  missed: false,
  ...patch,
});

const TODAY = "2026-04-10";

describe("deadline compliance", () => {
  it("counts met, met after a delay notice and missed, with an open overdue case as missed", () => {
    const records = [
      record({ deadlines: [reply({ metDate: "2026-03-20" })], open: false }), // met
      record({ deadlines: [reply({ metDate: "2026-04-05", dueDate: "2026-04-20" })], open: false }), // after notice
      record({ deadlines: [reply({ metDate: "2026-04-05" })], open: false }), // late
      record({ deadlines: [reply({})] }), // open, past its due date: missed
      record({ deadlines: [reply({ dueDate: "2026-04-20" })] }), // open, delayed, not yet due: not judged
      record({ deadlines: [reply({ dueDate: "2026-05-01", originalDueDate: "2026-05-01" })] }), // not yet due
      record({ deadlines: [reply({})], open: false }), // withdrawn unanswered: not judged
      record({ deadlines: [reply({ missed: true })], open: false }), // marked missed by the sweep
      record({ deadlines: [{ ...reply({ metDate: "2026-03-03" }), kind: "acknowledge" }] }),
      record({ deadlines: [{ ...reply({}), kind: "complaintWindow" }] }),
    ];
    const s = summarise(records, TODAY);
    expect(s.replyCompliance).toEqual({ met: 1, metAfterDelayNotice: 1, missed: 3 });
    expect(s.compliance).toEqual({
      reply: { met: 1, metAfterDelayNotice: 1, missed: 3 },
      acknowledge: { met: 1, metAfterDelayNotice: 0, missed: 0 },
    });
    // the old numbers page said "100 % on time" with overdue cases open: now they show as missed
    const onlyOpen = summarise(
      [record({ deadlines: [reply({})], replyOriginalDueDate: "2026-04-01" })],
      TODAY,
    );
    expect(onlyOpen.replyOnTimeRate).toBeNull();
    expect(onlyOpen.replyCompliance.missed).toBe(1);
  });

  it("measures the reassessment on time against its original due date", () => {
    const reassessment = (metDate: string | null, dueDate = "2026-03-10") => ({
      kind: "reassessment",
      dueDate,
      originalDueDate: "2026-03-10",
      metDate,
      missed: false,
    });
    const s = summarise(
      [
        record({ deadlines: [reassessment("2026-03-09")] }),
        record({ deadlines: [reassessment("2026-03-12", "2026-03-15")] }),
        record({ deadlines: [reassessment("2026-03-10")] }),
        record({ deadlines: [reassessment("2026-03-20")] }),
        record({ deadlines: [reassessment(null)] }),
      ],
      TODAY,
    );
    expect(s.reassessmentOnTimeRate).toBe(0.5);
    expect(s.compliance.reassessment).toEqual({ met: 2, metAfterDelayNotice: 1, missed: 2 });
  });
});

describe("the further measures", () => {
  it("first-contact median hours, informal rate and appeals upheld rate", () => {
    const s = summarise([
      record({ firstContactHours: 2, resolution: "informal", appealsResult: "upheld" }),
      record({ firstContactHours: 30.25, resolution: "formal", appealsResult: "upheld" }),
      record({ firstContactHours: 5.04, resolution: "informal", appealsResult: "changed" }),
      record({ resolution: "informal", appealsResult: "pending" }),
      record({ appealsResult: "upheld" }),
    ]);
    expect(s.firstContactMedianHours).toBe(5);
    expect(s.informalRate).toBe(0.75);
    expect(s.appealsUpheldRate).toBe(0.75);
    const none = summarise([record()]);
    expect(none).toMatchObject({
      firstContactMedianHours: null,
      informalRate: null,
      appealsUpheldRate: null,
      reassessmentOnTimeRate: null,
      replyCompliance: { met: 0, metAfterDelayNotice: 0, missed: 0 },
    });
  });
});

describe("the further dimensions", () => {
  const keys = (records: StatsRecord[], by: Parameters<typeof groupStatistics>[1]) =>
    groupStatistics(records, by, { mergeSmallGroups: false, today: TODAY }).groups.map((g) => [
      g.key,
      g.count,
    ]);

  it("counts a case with several root causes (or deviations) in each", () => {
    const records = [
      record({
        rootCauses: ["communication", "guidance"],
        deviationKinds: ["reply", "reply", "acknowledge"],
      }),
      record({ rootCauses: ["guidance"] }),
      record(),
    ];
    expect(keys(records, "rootCause")).toEqual([
      ["communication", 1],
      ["guidance", 2],
      ["none", 1],
    ]);
    expect(keys(records, "deviation")).toEqual([
      ["acknowledge", 1],
      ["none", 2],
      ["reply", 1],
    ]);
    expect(groupStatistics(records, "rootCause", { mergeSmallGroups: false }).total).toBe(3);
  });

  it("keys the benefit area, the appeals board's result and open cases' age bands", () => {
    const records = [
      record({
        decisionArea: "dagpenge",
        appealsResult: "upheld",
        receivedDate: "2026-04-10",
        open: false,
        repliedDate: "2026-04-10",
      }),
      record({ decisionArea: "dagpenge", appealsResult: "pending", receivedDate: "2026-04-03" }),
      record({ decisionArea: "sygedagpenge", receivedDate: "2026-03-27" }),
      record({ receivedDate: "2026-03-11" }),
      record({ receivedDate: "2026-02-09" }),
      record({ receivedDate: "2026-02-08" }),
    ];
    expect(keys(records, "appealsArea")).toEqual([
      ["dagpenge", 2],
      ["none", 3],
      ["sygedagpenge", 1],
    ]);
    expect(keys(records, "appealsResult")).toEqual([
      ["none", 4],
      ["pending", 1],
      ["upheld", 1],
    ]);
    expect(keys(records, "ageBand")).toEqual([
      ["0-7", 1],
      ["8-14", 1],
      ["15-30", 1],
      ["31-60", 1],
      [">60", 1],
      ["closed", 1],
    ]);
    expect(
      [0, 7, 8, 14, 15, 30, 31, 60, 61].map((d) => ageBand("2026-01-01", addDays("2026-01-01", d))),
    ).toEqual(["0-7", "0-7", "8-14", "8-14", "15-30", "15-30", "31-60", "31-60", ">60"]);
  });

  it("groups by two dimensions with array keys and month keys YYYY-MM", () => {
    const records = [
      record({ type: "process", outcome: "upheld", receivedDate: "2026-01-05" }),
      record({ type: "process", outcome: "upheld", receivedDate: "2026-02-05" }),
      record({ type: "process", outcome: null, receivedDate: "2026-02-06" }),
      record({ type: "decision", outcome: "upheld", receivedDate: "2026-02-07" }),
      record({ type: "process", identifiable: false }),
    ];
    expect(keys(records, ["type", "outcome"])).toEqual([
      [["decision", "upheld"], 1],
      [["process", "open"], 1],
      [["process", "upheld"], 2],
      [["other", "other"], 1],
    ]);
    expect(keys(records.slice(0, 4), ["type", "month"])).toEqual([
      [["decision", "2026-02"], 1],
      [["process", "2026-01"], 1],
      [["process", "2026-02"], 2],
    ]);
  });
});

describe("baseline", () => {
  it("adds the baseline's measures to each group, matched by key", () => {
    const now = [record({ type: "process" }), record({ type: "process" }), record({ type: "decision" })];
    const before = [record({ type: "process", resolution: "informal" }), record({ type: "unclassified" })];
    const { groups } = groupStatistics(now, "type", {
      mergeSmallGroups: false,
      baseline: before,
      today: TODAY,
    });
    expect(groups.map((g) => [g.key, g.count, g.baseline?.count])).toEqual([
      ["decision", 1, 0],
      ["process", 2, 1],
      ["unclassified", 0, 1],
    ]);
    expect(groups[1]?.baseline?.informalRate).toBe(1);
  });
});

describe("the small-cell rule", () => {
  it("suppresses one small cell's neighbour too, so it cannot be recovered from the total", () => {
    const records = [
      ...Array.from({ length: 3 }, () => record({ type: "decision" })),
      ...Array.from({ length: 6 }, () => record({ type: "process" })),
      ...Array.from({ length: 9 }, () => record({ type: "unclassified" })),
    ];
    const { groups, total } = groupStatistics(records, "type", { mergeSmallGroups: true });
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ["unclassified", 9],
      ["other", 9],
    ]);
    expect(total).toBe(18);
  });

  it("holds per row and column under two dimensions", () => {
    // rows a, b; columns x, y, z. (a, x) is small: one more cell of row a and of column x goes too
    const cell = (id: string[], count: number) => ({
      id: JSON.stringify(id),
      values: id,
      count,
      exempt: false,
    });
    const cells = [
      cell(["a", "x"], 2),
      cell(["a", "y"], 6),
      cell(["a", "z"], 8),
      cell(["b", "x"], 7),
      cell(["b", "y"], 9),
      cell(["b", "z"], 10),
    ];
    const hidden = suppressedCells(cells, 2);
    expect([...hidden].map((id) => JSON.parse(id)).sort()).toEqual([
      ["a", "x"],
      ["a", "y"],
      ["b", "x"],
      ["b", "y"],
    ]);
    // every row and column with a hidden cell has at least two hidden, adding up to five or more
    for (const line of [
      ["a", 0],
      ["b", 0],
      ["x", 1],
      ["y", 1],
    ] as const) {
      const inLine = cells.filter((c) => c.values[line[1]] === line[0] && hidden.has(c.id));
      expect(inLine.length).toBeGreaterThanOrEqual(2);
      expect(inLine.reduce((n, c) => n + c.count, 0)).toBeGreaterThanOrEqual(5);
    }
  });

  it("keeps a calendar year's count by type readable where it points to no person", () => {
    expect(yearlyCountReadable(["type"], { from: "2026-01-01", to: "2026-12-31" })).toBe(true);
    expect(yearlyCountReadable(["type"], { from: "2026-04-01", to: "2027-03-31" })).toBe(true);
    expect(yearlyCountReadable(["type"], { from: "2026-01-02", to: "2026-12-31" })).toBe(false);
    expect(yearlyCountReadable(["unit"], { from: "2026-01-01", to: "2026-12-31" })).toBe(false);
    expect(yearlyCountReadable(["type", "outcome"], { from: "2026-01-01", to: "2026-12-31" })).toBe(false);
    const records = [
      ...Array.from({ length: 4 }, () => record({ type: "decision" })),
      ...Array.from({ length: 8 }, () => record({ type: "process" })),
      record({ type: "unclassified", pointsToPerson: true }),
    ];
    const yearly = groupStatistics(records, "type", { mergeSmallGroups: true, yearlyReadable: true });
    // the personnel-like case is still hidden, with its smallest neighbour
    expect(yearly.groups.map((g) => [g.key, g.count])).toEqual([
      ["process", 8],
      ["other", 5],
    ]);
    const plain = records.filter((r) => !r.pointsToPerson);
    expect(
      groupStatistics(plain, "type", { mergeSmallGroups: true, yearlyReadable: true }).groups.map((g) => [
        g.key,
        g.count,
      ]),
    ).toEqual([
      ["decision", 4],
      ["process", 8],
    ]);
  });
});

describe("CSV", () => {
  it("quotes by RFC 4180 and writes key columns then measures", () => {
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField(null)).toBe("");
    expect(csvField(0.5)).toBe("0.5");
    const { groups } = groupStatistics([record({ outcome: "upheld" })], ["type", "outcome"], {
      mergeSmallGroups: false,
    });
    const csv = statisticsCsv(groups, ["type", "outcome"]);
    const [header, row] = csv.split("\r\n");
    expect(header?.split(",").slice(0, 4)).toEqual(["type", "outcome", "count", "replyOnTimeRate"]);
    expect(row?.split(",").slice(0, 3)).toEqual(["process", "upheld", "1"]);
    expect(csv.endsWith("\r\n")).toBe(true);
  });
});

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
