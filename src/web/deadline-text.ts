/**
 * A deadline's explanation in the reader's language. The engine keeps how the date was reached as
 * data beside its fixed English text (decision 0019), and the pages say it from that data.
 * Deadlines planned before the data was kept have only the text, "received Mon 2 Mar 2026; + 4
 * weeks = Mon 30 Mar 2026; not a working day (…) → …": its grammar is Klara's own, so it is read
 * back into the same data. Anything that does not parse (an older wording) is shown as stored.
 */
import { Temporal } from "temporal-polyfill";
import type { DeadlineReckoning, NonWorkingReason, SkippedDay } from "../domain/deadline-reckoning.js";
import type { DeadlineUnit } from "../domain/vocabulary.js";
import type { MessageKey, Translate } from "./i18n/messages.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\\d{1,2}) ([A-Z][a-z]{2})";
const FULL_DAY = new RegExp(`^${DAY} (\\d{4})$`);

type DayText = (d: Temporal.PlainDate, withYear: boolean) => string;

// ---- reading an old explanation back into data ----

function fullDay(text: string): Temporal.PlainDate | null {
  const m = FULL_DAY.exec(text);
  const month = MONTHS.indexOf(m?.[2] ?? "") + 1;
  if (!m || month === 0) return null;
  return Temporal.PlainDate.from({ year: Number(m[3]), month, day: Number(m[1]) });
}

/** "Thu 2 Apr" within the days counted up to `end`: the latest such date not after it. */
function shortDay(day: string, mon: string, end: Temporal.PlainDate): Temporal.PlainDate | null {
  const month = MONTHS.indexOf(mon) + 1;
  if (month === 0) return null;
  const same = Temporal.PlainDate.from({ year: end.year, month, day: Number(day) });
  return Temporal.PlainDate.compare(same, end) <= 0 ? same : same.subtract({ years: 1 });
}

/** "skipping public holidays A Thu 2 Apr, B Fri 3 Apr and closing day Thu 24 Dec" */
function parseSkipped(text: string, end: Temporal.PlainDate): SkippedDay[] | null {
  const m = /^skipping (?:(?:public holidays?) (.+?))?(?:(?: and )?(?:closing days?) (.+))?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const skipped: SkippedDay[] = [];
  const item = new RegExp(`^(.+) ${DAY}$`);
  // holiday names never hold ", " followed by a weekday, so the list splits on that
  for (const part of m[1]?.split(/, (?=[^,]+ (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d)/) ?? []) {
    const h = item.exec(part);
    const date = h ? shortDay(h[2] ?? "", h[3] ?? "", end) : null;
    if (!h || !date) return null;
    skipped.push({ date: date.toString(), holiday: h[1] ?? "" });
  }
  for (const part of m[2]?.split(", ") ?? []) {
    const c = new RegExp(`^${DAY}$`).exec(part);
    const date = c ? shortDay(c[1] ?? "", c[2] ?? "", end) : null;
    if (!date) return null;
    skipped.push({ date: date.toString(), holiday: null });
  }
  return skipped;
}

function parseReason(reason: string): NonWorkingReason | null {
  if (reason === "Saturday") return { day: "saturday" };
  if (reason === "Sunday") return { day: "sunday" };
  if (reason === "closing day") return { day: "closing_day" };
  const h = /^public holiday (.+)$/.exec(reason);
  return h ? { day: "public_holiday", name: h[1] ?? "" } : null;
}

const UNITS: Record<string, DeadlineUnit> = {
  day: "calendar_days",
  week: "weeks",
  month: "months",
  "working day": "working_days",
};

/** An explanation stored as text only (before the data was kept), read back into its data. */
export function parseExplanation(stored: string): DeadlineReckoning | null {
  const [head = "", step = "", roll, ...rest] = stored.split("; ");
  if (rest.length) return null;
  const h = /^(received|decision of) (.+)$/.exec(head);
  const start = h ? fullDay(h[2] ?? "") : null;
  const s =
    /^\+ (\d+) (day|week|month|working day)s?(?:, (skipping .+))? = (.+?)( \(last day of the month\))?$/.exec(
      step,
    );
  const reached = s ? fullDay(s[4] ?? "") : null;
  const unit = UNITS[s?.[2] ?? ""];
  if (!h || !start || !s || !reached || !unit) return null;
  const skipped = s[3] ? parseSkipped(s[3], reached) : [];
  if (!skipped) return null;
  const counted = {
    from: h[1] === "received" ? ("received" as const) : ("decision" as const),
    start: start.toString(),
    length: Number(s[1]),
    unit,
    skipped,
    reached: reached.toString(),
    lastDayOfMonth: Boolean(s[5]),
  };
  if (roll === undefined) return { ...counted, roll: null };
  const r = /^not a working day \((.+?)\)(?:(, kept)|(?: → (.+?)(?:, (skipping .+))?))$/.exec(roll);
  const reason = r ? parseReason(r[1] ?? "") : null;
  if (!r || reason === null) return null;
  if (r[2]) return { ...counted, roll: { reason, kept: true } };
  const to = fullDay(r[3] ?? "");
  const rolled = r[4] && to ? parseSkipped(r[4], to) : [];
  if (!to || !rolled) return null;
  return { ...counted, roll: { reason, kept: false, to: to.toString(), skipped: rolled } };
}

// ---- saying it in the reader's language ----

const plainDate = (iso: string) => Temporal.PlainDate.from(iso);

function sayCount(t: Translate, n: number, unit: DeadlineUnit): string {
  const keys: Record<DeadlineUnit, [MessageKey, MessageKey]> = {
    calendar_days: ["explain.day1", "explain.days"],
    weeks: ["explain.week1", "explain.weeks"],
    months: ["explain.month1", "explain.months"],
    working_days: ["explain.workingDay1", "explain.workingDays"],
  };
  const [one, many] = keys[unit] ?? ["explain.days", "explain.days"];
  return n === 1 ? t(one) : t(many, { n });
}

/** "skipping public holidays A Thu 2 Apr, … and closing day …", or "" when nothing was skipped. */
function saySkipped(t: Translate, skipped: readonly SkippedDay[], day: DayText): string {
  const holidays = skipped.filter((s) => s.holiday !== null);
  const closing = skipped.filter((s) => s.holiday === null);
  const parts: string[] = [];
  if (holidays.length)
    parts.push(
      t(holidays.length === 1 ? "explain.holiday1" : "explain.holidays", {
        list: holidays.map((h) => `${h.holiday} ${day(plainDate(h.date), false)}`).join(", "),
      }),
    );
  if (closing.length)
    parts.push(
      t(closing.length === 1 ? "explain.closing1" : "explain.closings", {
        list: closing.map((d) => day(plainDate(d.date), false)).join(", "),
      }),
    );
  return parts.length ? t("explain.skipping", { list: parts.join(t("explain.and")) }) : "";
}

function sayReason(t: Translate, reason: NonWorkingReason): string {
  if (reason.day === "public_holiday") return t("explain.publicHoliday", { name: reason.name });
  return t(
    reason.day === "saturday"
      ? "explain.saturday"
      : reason.day === "sunday"
        ? "explain.sunday"
        : "explain.closingDay",
  );
}

/** How a due date was reached, from its data, in the reader's language. */
export function sayReckoning(r: DeadlineReckoning, t: Translate, day: DayText): string {
  const skipped = saySkipped(t, r.skipped, day);
  const parts = [
    t(r.from === "received" ? "explain.received" : "explain.decision", {
      date: day(plainDate(r.start), true),
    }),
    `+ ${sayCount(t, r.length, r.unit)}${skipped ? `, ${skipped}` : ""} = ${day(plainDate(r.reached), true)}${r.lastDayOfMonth ? t("explain.lastDay") : ""}`,
  ];
  if (r.roll?.kept) parts.push(t("explain.kept", { reason: sayReason(t, r.roll.reason) }));
  else if (r.roll) {
    const rolled = saySkipped(t, r.roll.skipped, day);
    const moved = t("explain.moved", {
      reason: sayReason(t, r.roll.reason),
      date: day(plainDate(r.roll.to), true),
    });
    parts.push(`${moved}${rolled ? `, ${rolled}` : ""}`);
  }
  return parts.join("; ");
}

/**
 * The explanation in the reader's language: from its data when the deadline has it, else read
 * back from the stored text, else as stored.
 */
export function deadlineExplanation(
  stored: string,
  t: Translate,
  day: DayText,
  reckoning?: DeadlineReckoning | null,
): string {
  const r = reckoning ?? parseExplanation(stored);
  return r ? sayReckoning(r, t, day) : stored;
}
