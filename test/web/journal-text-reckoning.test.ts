/**
 * A deadline's explanation from its data (decision 0019): for a year of receipts, every unit and
 * rolling rule, the data the engine keeps says in English exactly the text it stores, an old text
 * reads back into the same data, and da/nb/en say the same from the data as from the old text.
 */
import { isDeepStrictEqual } from "node:util";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { WorkingDayCalendar } from "../../src/domain/calendar.js";
import { computeDueDate, formatDay, formatShortDay } from "../../src/domain/deadline.js";
import { type DeadlineReckoning, explainReckoning } from "../../src/domain/deadline-reckoning.js";
import { titled } from "../../src/domain/journal-events.js";
import type { DeadlineUnit } from "../../src/domain/vocabulary.js";
import { deadlineExplanation, parseExplanation, sayReckoning } from "../../src/web/deadline-text.js";
import { translator } from "../../src/web/i18n/messages.js";
import { journalBody } from "../../src/web/journal-text.js";

const engineDay = (d: Temporal.PlainDate, withYear: boolean) => (withYear ? formatDay(d) : formatShortDay(d));
const isoDay = (d: Temporal.PlainDate, withYear: boolean) =>
  withYear ? d.toString() : d.toString().slice(5);
const languages = { da: translator("da"), nb: translator("nb"), en: translator("en") };

const calendars = [
  new WorkingDayCalendar({ country: "DK", closingDays: ["2026-06-05", "2026-12-24", "2026-12-31"] }),
  new WorkingDayCalendar({ country: "NO", closingDays: ["2026-12-24", "2026-12-31"] }),
];

const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
function inOrder(r: DeadlineReckoning | null): DeadlineReckoning | null {
  if (!r) return r;
  const roll = r.roll && !r.roll.kept ? { ...r.roll, skipped: [...r.roll.skipped].sort(byDate) } : r.roll;
  return { ...r, skipped: [...r.skipped].sort(byDate), roll };
}

function computed(): { explanation: string; reckoning: DeadlineReckoning }[] {
  const out = new Map<string, { explanation: string; reckoning: DeadlineReckoning }>();
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
            for (const from of ["received", "decision"] as const) {
              const r = computeDueDate(
                { start: day.toString(), length, unit, nonWorkingDay, from },
                calendar,
              );
              out.set(r.explanation, r);
            }
  return [...out.values()];
}

describe("deadline explanations from their data", () => {
  const all = computed();

  it("covers holidays, closing days, short months, kept and moved days", () => {
    expect(all.length).toBeGreaterThan(1000);
    expect(all.some((r) => r.reckoning.skipped.some((s) => s.holiday === null))).toBe(true);
    expect(
      all.some((r) => r.reckoning.roll && !r.reckoning.roll.kept && r.reckoning.roll.skipped.length),
    ).toBe(true);
    expect(all.some((r) => r.reckoning.lastDayOfMonth)).toBe(true);
    expect(all.some((r) => r.reckoning.roll?.kept)).toBe(true);
    expect(all.some((r) => r.reckoning.roll?.reason.day === "public_holiday")).toBe(true);
  });

  it("the data says in fixed English exactly the stored text, and the text reads back into the data", () => {
    expect(all.filter((r) => explainReckoning(r.reckoning) !== r.explanation)).toEqual([]);
    // the text lists holidays before closing days; the data keeps the days in date order
    expect(
      all.filter((r) => !isDeepStrictEqual(inOrder(parseExplanation(r.explanation)), r.reckoning)),
    ).toEqual([]);
    // the data survives JSON, as stored
    expect(
      all.filter((r) => explainReckoning(JSON.parse(JSON.stringify(r.reckoning))) !== r.explanation),
    ).toEqual([]);
  });

  it("says the same in every language from the data as from an old text", () => {
    for (const t of Object.values(languages)) {
      const differing = all.filter(
        (r) => sayReckoning(r.reckoning, t, isoDay) !== deadlineExplanation(r.explanation, t, isoDay),
      );
      expect(differing).toEqual([]);
    }
    expect(all.filter((r) => sayReckoning(r.reckoning, languages.en, engineDay) !== r.explanation)).toEqual(
      [],
    );
  });

  it("uses the data when there is some, whatever the stored text says", () => {
    const { reckoning } = computeDueDate(
      { start: "2026-04-01", length: 5, unit: "working_days", nonWorkingDay: "next" },
      calendars[0]!,
    );
    const said = deadlineExplanation("an older wording", languages.da, isoDay, reckoning);
    expect(said).toBe(
      "modtaget 2026-04-01; + 5 arbejdsdage, springer over helligdagene Skærtorsdag 04-02, Langfredag 04-03, " +
        "Anden påskedag 04-06 = 2026-04-13",
    );
    expect(deadlineExplanation("an older wording", languages.da, isoDay)).toBe("an older wording");
  });

  it("a journal entry's body: said from its event, read back from an old entry, others as written", () => {
    const r = computeDueDate(
      { start: "2026-03-02", length: 4, unit: "weeks", nonWorkingDay: "next" },
      calendars[0]!,
    );
    const set = {
      kind: "deadline",
      ...titled("deadline_set", { kind: "reply", dueDate: "2026-03-30", reckoning: r.reckoning }),
    };
    const da = languages.da;
    expect(journalBody({ ...set, body: "stored text is not read" }, da, isoDay)).toBe(
      sayReckoning(r.reckoning, da, isoDay),
    );
    expect(journalBody({ kind: "deadline", body: r.explanation, event: null }, da, isoDay)).toBe(
      sayReckoning(r.reckoning, da, isoDay),
    );
    const delay = {
      kind: "deadline",
      ...titled("delay", { kind: "reply", from: "2026-03-30", to: "2026-04-13" }),
    };
    expect(
      journalBody({ ...delay, body: "received Mon 2 Mar 2026; + 1 day = Tue 3 Mar 2026" }, da, isoDay),
    ).toBe("received Mon 2 Mar 2026; + 1 day = Tue 3 Mar 2026");
    expect(journalBody({ kind: "note", body: "Ringede", event: null }, da, isoDay)).toBe("Ringede");

    // a missed deadline's body and a met one's, said from their events; an older entry as written
    const missed = {
      kind: "deviation",
      ...titled("deadline_missed", { kind: "reply", dueDate: "2026-03-30", reckoning: r.reckoning }),
      body: `Recorded as a deviation. ${r.explanation}`,
    };
    expect(journalBody(missed, da, isoDay)).toBe(
      `Registreret som en afvigelse. ${sayReckoning(r.reckoning, da, isoDay)}`,
    );
    expect(journalBody(missed, languages.en, engineDay)).toBe(missed.body);
    expect(journalBody({ ...missed, event: null }, da, isoDay)).toBe(missed.body);
    const met = {
      kind: "deadline",
      ...titled("deadline_met", {
        kind: "reply",
        dueDate: "2026-03-30",
        metAt: "2026-03-31T08:00:00.000Z",
        late: true,
      }),
      body: "Due 2026-03-30; met 2026-03-31T08:00:00.000Z (late).",
    };
    const cx = { day: (d: string) => `[${d}]`, moment: (i: string) => `<${i.slice(0, 10)}>` };
    expect(journalBody(met, languages.nb, isoDay, cx)).toBe(
      "Frist [2026-03-30]; overholdt <2026-03-31> (for sent).",
    );
    expect(journalBody(met, languages.en, isoDay)).toBe(met.body);
    // a met deadline's first events had no date: the body as written
    expect(journalBody({ ...met, ...titled("deadline_met", { kind: "reply" }) }, da, isoDay)).toBe(met.body);
  });
});
