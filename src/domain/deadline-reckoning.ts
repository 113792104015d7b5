/**
 * How a due date was reached, as data (decision 0019): day 0, the count, the days off it skipped
 * and the roll off a non-working day. The fixed English explanation stored beside it is made from
 * this data here, so pages and letters say it in the reader's language without parsing prose.
 */
import { Temporal } from "temporal-polyfill";
import type { WorkingDayCalendar } from "./calendar.js";
import type { DeadlineUnit } from "./vocabulary.js";

/** A weekday off within a count: a public holiday (named) or a closing day (holiday null). */
export interface SkippedDay {
  date: string;
  holiday: string | null;
}

export type NonWorkingReason =
  | { day: "saturday" }
  | { day: "sunday" }
  | { day: "closing_day" }
  | { day: "public_holiday"; name: string };

export interface DeadlineReckoning {
  /** what day 0 is */
  from: "received" | "decision";
  /** day 0, YYYY-MM-DD */
  start: string;
  length: number;
  unit: DeadlineUnit;
  /** working days off passed while counting working days (weekends go without saying) */
  skipped: SkippedDay[];
  /** the day the count reached */
  reached: string;
  /** a month count that ended on a shorter month's last day */
  lastDayOfMonth: boolean;
  /** the day reached is not a working day: kept, or moved to `to` past the days off `skipped` */
  roll:
    | { reason: NonWorkingReason; kept: true }
    | { reason: NonWorkingReason; kept: false; to: string; skipped: SkippedDay[] }
    | null;
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** "Thu 8 Oct" — fixed English, independent of the machine's locale. */
export function formatShortDay(d: Temporal.PlainDate): string {
  return `${WEEKDAYS[d.dayOfWeek - 1]} ${d.day} ${MONTHS[d.month - 1]}`;
}

/** "Thu 8 Oct 2026" — fixed English, independent of the machine's locale. */
export function formatDay(d: Temporal.PlainDate): string {
  return `${formatShortDay(d)} ${d.year}`;
}

/** Why a day is not a working day, in the calendar's order (a holiday is named even on a weekend). */
export function nonWorkingReasonOf(
  calendar: WorkingDayCalendar,
  d: Temporal.PlainDate,
): NonWorkingReason | null {
  const holiday = calendar.holidayName(d);
  if (holiday !== null) return { day: "public_holiday", name: holiday };
  if (d.dayOfWeek === 6) return { day: "saturday" };
  if (d.dayOfWeek === 7) return { day: "sunday" };
  if (calendar.isClosingDay(d)) return { day: "closing_day" };
  return null;
}

export function skippedDays(
  off: readonly { date: Temporal.PlainDate; holiday: string | null }[],
): SkippedDay[] {
  return off.map((o) => ({ date: o.date.toString(), holiday: o.holiday }));
}

// ---- the fixed English text (what the deadlines table and the journal store) ----

const day = (iso: string) => Temporal.PlainDate.from(iso);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "skipping public holidays A Thu 2 Apr, B Fri 3 Apr and closing day Thu 24 Dec", or "". */
function describeSkipped(off: readonly SkippedDay[]): string {
  const holidays = off
    .filter((o) => o.holiday !== null)
    .map((o) => `${o.holiday} ${formatShortDay(day(o.date))}`);
  const closing = off.filter((o) => o.holiday === null).map((o) => formatShortDay(day(o.date)));
  const parts: string[] = [];
  if (holidays.length > 0)
    parts.push(`${holidays.length === 1 ? "public holiday" : "public holidays"} ${holidays.join(", ")}`);
  if (closing.length > 0)
    parts.push(`${closing.length === 1 ? "closing day" : "closing days"} ${closing.join(", ")}`);
  return parts.length === 0 ? "" : `skipping ${parts.join(" and ")}`;
}

const UNIT_WORDS: Record<DeadlineUnit, [string, string]> = {
  calendar_days: ["day", "days"],
  weeks: ["week", "weeks"],
  months: ["month", "months"],
  working_days: ["working day", "working days"],
};

export function reasonText(r: NonWorkingReason): string {
  if (r.day === "public_holiday") return `public holiday ${r.name}`;
  return r.day === "saturday" ? "Saturday" : r.day === "sunday" ? "Sunday" : "closing day";
}

/** The explanation in Klara's fixed English: "received Mon 2 Mar 2026; + 4 weeks = Mon 30 Mar 2026". */
export function explainReckoning(r: DeadlineReckoning): string {
  const head = `${r.from === "decision" ? "decision of" : "received"} ${formatDay(day(r.start))}`;
  const [one, many] = UNIT_WORDS[r.unit];
  const skipped = describeSkipped(r.skipped);
  const step = `+ ${plural(r.length, one, many)}${skipped ? `, ${skipped}` : ""}`;
  let text = `${head}; ${step} = ${formatDay(day(r.reached))}${r.lastDayOfMonth ? " (last day of the month)" : ""}`;
  if (r.roll?.kept) text += `; not a working day (${reasonText(r.roll.reason)}), kept`;
  else if (r.roll) {
    const rolled = describeSkipped(r.roll.skipped);
    text += `; not a working day (${reasonText(r.roll.reason)}) → ${formatDay(day(r.roll.to))}${rolled ? `, ${rolled}` : ""}`;
  }
  return text;
}
