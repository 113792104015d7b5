import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { publicHolidays, WorkingDayCalendar } from "../../src/domain/calendar.js";
import { KlaraError } from "../../src/domain/errors.js";

const d = (iso: string) => Temporal.PlainDate.from(iso);
const dk = new WorkingDayCalendar({ country: "DK", closingDays: [] });
const no = new WorkingDayCalendar({ country: "NO", closingDays: [] });
const dkClosing = new WorkingDayCalendar({
  country: "DK",
  closingDays: ["2026-06-05", "2026-12-24", "2026-12-31"],
});
const calendars = { dk, no, dkClosing } as const;

describe("publicHolidays", () => {
  it.each([
    // Easter, Ascension, Whitsun, Christmas, New Year
    ["DK", "2026-04-02", "Skærtorsdag"],
    ["DK", "2026-04-03", "Langfredag"],
    ["DK", "2026-04-05", "Påskedag"],
    ["DK", "2026-04-06", "Anden påskedag"],
    ["DK", "2026-05-14", "Kristi Himmelfartsdag"],
    ["DK", "2026-05-25", "Anden Pinsedag"],
    ["DK", "2026-12-25", "Juledag"],
    ["DK", "2026-12-26", "Anden Juledag"],
    ["DK", "2027-01-01", "Nytårsdag"],
    ["DK", "2027-03-25", "Skærtorsdag"],
    ["DK", "2027-03-26", "Langfredag"],
    ["DK", "2027-03-29", "Anden påskedag"],
    ["DK", "2027-05-06", "Kristi Himmelfartsdag"],
    ["DK", "2027-05-17", "Anden Pinsedag"],
    ["DK", "2023-05-05", "Store Bededag"],
    ["NO", "2026-04-02", "Skjærtorsdag"],
    ["NO", "2026-04-03", "Langfredag"],
    ["NO", "2026-04-06", "Andre påskedag"],
    ["NO", "2026-05-01", "Arbeidernes dag"],
    ["NO", "2026-05-14", "Kristi himmelfartsdag"],
    ["NO", "2026-05-17", "Grunnlovsdagen"],
    ["NO", "2026-05-25", "Andre pinsedag"],
    ["NO", "2026-12-25", "Første juledag"],
    ["NO", "2026-12-26", "Andre juledag"],
    ["NO", "2027-03-25", "Skjærtorsdag"],
    ["NO", "2027-03-29", "Andre påskedag"],
    // 17 May 2027 is both Grunnlovsdagen and Whit Monday: one entry with both names
    ["NO", "2027-05-17", "Grunnlovsdagen / Andre pinsedag"],
    ["NO", "2028-05-17", "Grunnlovsdagen"],
  ] as const)("%s %s is %s", (country, date, name) => {
    expect(publicHolidays(country, Number(date.slice(0, 4))).get(date)).toBe(name);
  });

  it.each([
    ["DK", "2026-12-24", "Juleaftensdag is an observance"],
    ["DK", "2026-12-31", "not listed"],
    ["DK", "2026-05-01", "1. maj is an observance"],
    ["DK", "2026-06-05", "Grundlovsdag is an observance"],
    ["DK", "2024-04-26", "no Store Bededag since 2024"],
    ["DK", "2025-05-16", "no Store Bededag since 2024"],
    ["DK", "2026-02-16", "Fastelavn is an observance"],
    ["NO", "2026-12-24", "Julaften is a bank holiday"],
    ["NO", "2026-12-31", "Nyttårsaften is a bank holiday"],
    ["NO", "2026-07-29", "Olsok is optional"],
    ["NO", "2026-05-08", "Frigjøringsdagen is an observance"],
  ] as const)("%s %s is not a public holiday (%s)", (country, date, _why) => {
    expect(publicHolidays(country, Number(date.slice(0, 4))).has(date)).toBe(false);
  });

  it.each([
    ["DK", 2023, 11],
    ["DK", 2024, 10],
    ["DK", 2026, 10],
    ["NO", 2026, 12],
    // 13 entries, 17 May twice
    ["NO", 2027, 11],
  ] as const)("%s %i has %i public holidays", (country, year, count) => {
    expect(publicHolidays(country, year).size).toBe(count);
  });

  it("caches per country and year", () => {
    expect(publicHolidays("DK", 2026)).toBe(publicHolidays("DK", 2026));
    expect(publicHolidays("DK", 2026)).not.toBe(publicHolidays("NO", 2026));
  });

  it("refuses a year that is not a whole number", () => {
    expect(() => publicHolidays("DK", 2026.5)).toThrow(KlaraError);
  });
});

describe("WorkingDayCalendar", () => {
  it.each([
    ["dk", "2026-12-24", true, null],
    ["no", "2026-12-24", true, null],
    ["dk", "2026-12-25", false, "public holiday Juledag"],
    ["no", "2026-12-25", false, "public holiday Første juledag"],
    ["dk", "2026-12-31", true, null],
    ["no", "2026-12-31", true, null],
    ["dk", "2026-05-01", true, null],
    ["no", "2026-05-01", false, "public holiday Arbeidernes dag"],
    ["dk", "2026-06-05", true, null],
    ["dkClosing", "2026-06-05", false, "closing day"],
    ["dkClosing", "2026-12-24", false, "closing day"],
    ["dk", "2023-05-05", false, "public holiday Store Bededag"],
    ["dk", "2024-04-26", true, null],
    ["dk", "2025-05-16", true, null],
    ["dk", "2028-05-17", true, null],
    ["no", "2028-05-17", false, "public holiday Grunnlovsdagen"],
    ["no", "2027-05-17", false, "public holiday Grunnlovsdagen / Andre pinsedag"],
    ["dk", "2026-04-04", false, "Saturday"],
    ["dk", "2026-03-01", false, "Sunday"],
    // a holiday on a Sunday is named by the holiday
    ["dk", "2026-04-05", false, "public holiday Påskedag"],
    ["dk", "2026-04-07", true, null],
  ] as const)("%s %s: working %s, reason %s", (key, date, working, reason) => {
    const calendar = calendars[key];
    expect(calendar.isWorkingDay(d(date))).toBe(working);
    expect(calendar.nonWorkingReason(d(date))).toBe(reason);
  });

  it.each([
    ["dk", "2026-03-02", "2026-03-03"],
    ["dk", "2026-03-06", "2026-03-09"],
    ["dk", "2026-04-01", "2026-04-07"],
    ["no", "2026-04-01", "2026-04-07"],
    ["dk", "2026-12-23", "2026-12-24"],
    ["dkClosing", "2026-12-23", "2026-12-28"],
    ["dkClosing", "2026-12-30", "2027-01-04"],
  ] as const)("%s nextWorkingDay(%s) = %s", (key, date, expected) => {
    const calendar = calendars[key];
    expect(calendar.nextWorkingDay(d(date)).toString()).toBe(expected);
  });

  it.each([
    ["dk", "2026-03-12", 3, "2026-03-17"],
    ["dk", "2026-04-01", 5, "2026-04-13"],
    ["dk", "2026-04-01", 0, "2026-04-01"],
    ["dk", "2026-12-23", 3, "2026-12-29"],
    ["dkClosing", "2026-12-23", 3, "2026-12-30"],
    ["dkClosing", "2026-12-30", 2, "2027-01-05"],
    ["dk", "2026-05-13", 1, "2026-05-15"],
  ] as const)("%s addWorkingDays(%s, %i) = %s", (key, date, n, expected) => {
    const calendar = calendars[key];
    expect(calendar.addWorkingDays(d(date), n).toString()).toBe(expected);
  });

  it("refuses a negative number of working days", () => {
    expect(() => dk.addWorkingDays(d("2026-04-01"), -1)).toThrow(KlaraError);
  });

  it.each([
    ["2026-04-01", "2026-04-13", 5],
    ["2026-03-12", "2026-03-17", 3],
    ["2026-04-01", "2026-04-01", 0],
    ["2026-04-13", "2026-04-01", 0],
    ["2026-04-03", "2026-04-06", 0],
  ] as const)("workingDaysBetween(%s, %s) = %i", (a, b, expected) => {
    expect(dk.workingDaysBetween(d(a), d(b))).toBe(expected);
  });

  it("refuses a closing day that is not a date", () => {
    expect(() => new WorkingDayCalendar({ country: "DK", closingDays: ["2026-02-30"] })).toThrow(KlaraError);
    expect(() => new WorkingDayCalendar({ country: "DK", closingDays: ["24-12-2026"] })).toThrow(KlaraError);
  });
});
