import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "../../src/domain/calendar.js";
import { computeDueDate, formatDay, formatShortDay } from "../../src/domain/deadline.js";
import type { DeadlineUnit } from "../../src/domain/vocabulary.js";
import { deadlineExplanation } from "../../src/web/deadline-text.js";
import { translator } from "../../src/web/i18n/messages.js";

const en = translator("en");
const da = translator("da");
const nb = translator("nb");
// the domain's own fixed English, so that English reproduces the stored text exactly
const engineDay = (d: Temporal.PlainDate, withYear: boolean) => (withYear ? formatDay(d) : formatShortDay(d));
const isoDay = (d: Temporal.PlainDate, withYear: boolean) =>
  withYear ? d.toString() : d.toString().slice(5);

const calendars = [
  new WorkingDayCalendar({ country: "DK", closingDays: ["2026-06-05", "2026-12-24", "2026-12-31"] }),
  new WorkingDayCalendar({ country: "NO", closingDays: ["2026-12-24", "2026-12-31"] }),
];

/** Every explanation the engine writes for a year of receipts, each unit and rolling rule. */
function explanations(): string[] {
  const out = new Set<string>();
  const units: [DeadlineUnit, number[]][] = [
    ["calendar_days", [1, 3, 30]],
    ["weeks", [1, 4]],
    ["months", [1]],
    ["working_days", [1, 2, 5]],
  ];
  for (const calendar of calendars)
    for (let day = Temporal.PlainDate.from("2026-01-01"); day.year === 2026; day = day.add({ days: 3 }))
      for (const [unit, lengths] of units)
        for (const length of lengths)
          for (const nonWorkingDay of ["next", "keep"] as const)
            for (const from of ["received", "decision"] as const)
              out.add(
                computeDueDate({ start: day.toString(), length, unit, nonWorkingDay, from }, calendar)
                  .explanation,
              );
  return [...out];
}

describe("deadline explanations in the reader's language", () => {
  const all = explanations();

  it("reads back every explanation the engine writes: English says exactly what is stored", () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(all.some((e) => e.includes("public holidays"))).toBe(true);
    expect(all.some((e) => e.includes("closing day"))).toBe(true);
    expect(all.some((e) => e.includes("(last day of the month)"))).toBe(true);
    expect(all.some((e) => e.endsWith(", kept"))).toBe(true);
    const differing = all.filter((e) => deadlineExplanation(e, en, engineDay) !== e);
    expect(differing).toEqual([]);
  });

  it("leaves no English in Danish or Norwegian", () => {
    const english =
      /\b(received|decision of|days?|weeks?|months?|working|skipping|public|closing|kept|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/;
    for (const t of [da, nb]) {
      const left = all.map((e) => deadlineExplanation(e, t, isoDay)).filter((x) => english.test(x));
      expect(left.slice(0, 3)).toEqual([]);
    }
  });

  it("says a rolled deadline in Danish", () => {
    // Saturday 4 April 2026 is in Easter; the next working day is Tuesday 7 April
    const { explanation } = computeDueDate(
      { start: "2026-03-21", length: 2, unit: "weeks", nonWorkingDay: "next" },
      calendars[0] as WorkingDayCalendar,
    );
    expect(deadlineExplanation(explanation, da, isoDay)).toBe(
      "modtaget 2026-03-21; + 2 uger = 2026-04-04; ikke en arbejdsdag (lørdag) → 2026-04-07, springer over helligdagen Anden påskedag 04-06",
    );
  });

  it("shows what it cannot read as stored", () => {
    expect(deadlineExplanation("set by hand", da, isoDay)).toBe("set by hand");
  });
});
