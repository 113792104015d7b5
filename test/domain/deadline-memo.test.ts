/**
 * planDeadlines remembers due dates it reckoned (intake speed, H31): the answer is the same as
 * reckoning anew, closing days and country tell calendars apart, and each case gets its own
 * reckoning data.
 */
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "../../src/domain/calendar.js";
import { computeDueDate, type DeadlineFacts, planDeadlines } from "../../src/domain/deadline.js";
import { DeadlineRule } from "../../src/domain/procedure.js";

const rules = [
  DeadlineRule.parse({ kind: "acknowledge", length: 3, unit: "calendar_days" }),
  DeadlineRule.parse({ kind: "reply", length: 10, unit: "working_days" }),
];
const facts: DeadlineFacts = {
  type: "unclassified",
  source: "citizen",
  fastTrack: false,
  reassessmentChanged: false,
  decisionDate: null,
};
// Tuesday 22 December 2026, Copenhagen: three days on is Christmas Day
const RECEIVED = "2026-12-22T09:00:00.000Z";

const anew = (country: "DK" | "NO", closingDays: string[]) => {
  const calendar = new WorkingDayCalendar({ country, closingDays });
  return rules.map((r) =>
    computeDueDate(
      {
        start: "2026-12-22",
        length: r.length,
        unit: r.unit,
        nonWorkingDay: r.nonWorkingDay,
        from: "received",
      },
      calendar,
    ),
  );
};

describe("planDeadlines, asked again", () => {
  it("answers what reckoning anew answers, told apart by closing days and country", () => {
    for (const [country, closingDays] of [
      ["DK", []],
      ["DK", ["2026-12-28", "2026-12-29"]],
      ["NO", []],
      ["DK", []],
      ["NO", ["2026-12-28"]],
    ] as const) {
      for (let i = 0; i < 2; i++) {
        const org = { timeZone: "Europe/Copenhagen", country, closingDays: [...closingDays] };
        const planned = planDeadlines(rules, facts, RECEIVED, org);
        const expected = anew(country, [...closingDays]);
        expect(
          planned.map((p) => p.dueDate),
          `${country} ${closingDays}`,
        ).toEqual(expected.map((e) => e.dueDate));
        expect(planned.map((p) => p.explanation)).toEqual(expected.map((e) => e.explanation));
        expect(planned.map((p) => p.reckoning)).toEqual(expected.map((e) => e.reckoning));
      }
    }
  });

  it("gives each case its own reckoning", () => {
    const org = { timeZone: "Europe/Copenhagen", country: "DK" as const, closingDays: [] };
    const first = planDeadlines(rules, facts, RECEIVED, org);
    first[1]!.reckoning.skipped.push({ date: "2099-01-01", holiday: null });
    const second = planDeadlines(rules, facts, RECEIVED, org);
    expect(second[1]!.reckoning.skipped).not.toContainEqual({ date: "2099-01-01", holiday: null });
  });
});
