/**
 * The working-day calendar of an organisation (SPEC §4): Monday–Friday that is neither a public
 * holiday of its country nor one of its own closing days. Pure: dates in, dates out.
 */
import Holidays from "date-holidays";
import { Temporal } from "temporal-polyfill";
import { invalidInput } from "./errors.js";

export type CalendarCountry = "DK" | "NO";

/** The language date-holidays names the holidays in: the country's own. */
const LANGUAGE: Record<CalendarCountry, string> = { DK: "da", NO: "no" };

/** Building a Holidays instance parses the country's rules; do it once per country. */
const sources = new Map<CalendarCountry, Holidays>();
const byYear = new Map<string, ReadonlyMap<string, string>>();

/**
 * The public holidays of a country in a year: `YYYY-MM-DD` → name in the country's language.
 * Only type "public" counts: observances (DK Grundlovsdag, 24 Dec, 1 May) and bank holidays
 * (NO 24 and 31 Dec) are working days unless the organisation makes them closing days.
 */
export function publicHolidays(country: CalendarCountry, year: number): ReadonlyMap<string, string> {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw invalidInput([{ path: "year", message: "must be a year between 1 and 9999" }]);
  }
  const key = `${country}:${year}`;
  const cached = byYear.get(key);
  if (cached) return cached;
  let source = sources.get(country);
  if (!source) {
    source = new Holidays(country);
    sources.set(country, source);
  }
  const holidays = new Map<string, string>();
  for (const h of source.getHolidays(year, LANGUAGE[country])) {
    if (h.type !== "public") continue;
    // `date` is the local "YYYY-MM-DD hh:mm:ss"; `start` is a UTC Date and must not be used.
    const date = h.date.slice(0, 10);
    const earlier = holidays.get(date);
    // Two holidays can share a date (NO 2027: Grunnlovsdagen and Andre pinsedag on 17 May).
    if (earlier === undefined) holidays.set(date, h.name);
    else if (!earlier.split(" / ").includes(h.name)) holidays.set(date, `${earlier} / ${h.name}`);
  }
  byYear.set(key, holidays);
  return holidays;
}

export interface CalendarSettings {
  country: CalendarCountry;
  /** the organisation's own closing days, YYYY-MM-DD */
  closingDays: readonly string[];
}

/** A strict `YYYY-MM-DD` (Temporal alone would also accept date-times and drop the time). */
export function parseIsoDate(value: string, path = "date"): Temporal.PlainDate {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    try {
      return Temporal.PlainDate.from(value);
    } catch {
      // falls through to the error below (e.g. 2026-02-30)
    }
  }
  throw invalidInput([{ path, message: `"${value}" is not a date (YYYY-MM-DD)` }]);
}

/** No search may run for ever if an organisation configures years of closing days. */
const MAX_SEARCH_DAYS = 3660;

export class WorkingDayCalendar {
  readonly country: CalendarCountry;
  private readonly closing: ReadonlySet<string>;

  constructor(settings: CalendarSettings) {
    this.country = settings.country;
    this.closing = new Set(
      settings.closingDays.map((d, i) => parseIsoDate(d, `closingDays.${i}`).toString()),
    );
  }

  /** The public holiday on `d`, or null. */
  holidayName(d: Temporal.PlainDate): string | null {
    return publicHolidays(this.country, d.year).get(d.toString()) ?? null;
  }

  isClosingDay(d: Temporal.PlainDate): boolean {
    return this.closing.has(d.toString());
  }

  /**
   * Why `d` is not a working day, or null when it is. A holiday is named even on a weekend
   * (Påskedag is more telling than "Sunday"); a closing day on a weekend is just the weekend.
   */
  nonWorkingReason(d: Temporal.PlainDate): string | null {
    const holiday = this.holidayName(d);
    if (holiday !== null) return `public holiday ${holiday}`;
    if (d.dayOfWeek === 6) return "Saturday";
    if (d.dayOfWeek === 7) return "Sunday";
    if (this.isClosingDay(d)) return "closing day";
    return null;
  }

  isWorkingDay(d: Temporal.PlainDate): boolean {
    return this.nonWorkingReason(d) === null;
  }

  /** The first working day strictly after `d`. */
  nextWorkingDay(d: Temporal.PlainDate): Temporal.PlainDate {
    let day = d;
    for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
      day = day.add({ days: 1 });
      if (this.isWorkingDay(day)) return day;
    }
    throw invalidInput([{ path: "closingDays", message: `no working day within ${MAX_SEARCH_DAYS} days` }]);
  }

  /** The n-th working day after `d`, not counting `d` itself; `d` when n is 0. */
  addWorkingDays(d: Temporal.PlainDate, n: number): Temporal.PlainDate {
    if (!Number.isInteger(n) || n < 0) {
      throw invalidInput([{ path: "length", message: "must be a whole number of working days, 0 or more" }]);
    }
    let day = d;
    for (let i = 0; i < n; i++) day = this.nextWorkingDay(day);
    return day;
  }

  /** The number of working days after `a` up to and including `b`; 0 when b <= a. */
  workingDaysBetween(a: Temporal.PlainDate, b: Temporal.PlainDate): number {
    let count = 0;
    for (let day = a.add({ days: 1 }); Temporal.PlainDate.compare(day, b) <= 0; day = day.add({ days: 1 })) {
      if (this.isWorkingDay(day)) count++;
    }
    return count;
  }

  /**
   * The weekdays after `a` up to and including `b` that are not working days (holidays and
   * closing days), for explanations; weekends go without saying.
   */
  weekdaysOffBetween(
    a: Temporal.PlainDate,
    b: Temporal.PlainDate,
  ): { date: Temporal.PlainDate; holiday: string | null }[] {
    const off: { date: Temporal.PlainDate; holiday: string | null }[] = [];
    for (let day = a.add({ days: 1 }); Temporal.PlainDate.compare(day, b) <= 0; day = day.add({ days: 1 })) {
      if (day.dayOfWeek >= 6) continue;
      const holiday = this.holidayName(day);
      if (holiday !== null || this.isClosingDay(day)) off.push({ date: day, holiday });
    }
    return off;
  }
}

/**
 * An organisation's closing days after adding and removing some (sorted, each once). Every date is
 * a strict YYYY-MM-DD; a day added must not be before `today` (the organisation's local date), as
 * deadlines already computed would not move. Removing a past or absent day is allowed (tidying up).
 * Each error names the date and where it was given (`add.0`, `remove.1`).
 */
export function changeClosingDays(
  current: readonly string[],
  change: { add?: readonly string[]; remove?: readonly string[] },
  today: Temporal.PlainDate,
): string[] {
  const errors: { path: string; message: string }[] = [];
  const parsed = (list: readonly string[] | undefined, key: "add" | "remove") =>
    (list ?? []).flatMap((value, i) => {
      try {
        return [{ date: parseIsoDate(value.trim(), `${key}.${i}`), path: `${key}.${i}` }];
      } catch {
        errors.push({ path: `${key}.${i}`, message: `"${value}" is not a date (YYYY-MM-DD)` });
        return [];
      }
    });
  const add = parsed(change.add, "add");
  const remove = parsed(change.remove, "remove");
  for (const { date, path } of add) {
    if (Temporal.PlainDate.compare(date, today) < 0) {
      errors.push({
        path,
        message: `${date.toString()} is in the past; only today or later can be a closing day`,
      });
    }
  }
  if (errors.length > 0) {
    throw invalidInput(errors, `Closing days: ${errors.map((e) => e.message).join("; ")}.`);
  }
  const days = new Set(current);
  for (const { date } of add) days.add(date.toString());
  for (const { date } of remove) days.delete(date.toString());
  return [...days].sort();
}
