/**
 * A deadline's explanation is stored as the engine wrote it, in fixed English (decision 0001):
 * "received Mon 2 Mar 2026; + 4 weeks = Mon 30 Mar 2026; not a working day (…) → …". Its grammar
 * is Klara's own, so the pages read it back into parts and say it in the reader's language.
 * Anything that does not parse (an older wording) is shown as stored.
 */
import { Temporal } from "temporal-polyfill";
import type { MessageKey, Translate } from "./i18n/messages.js";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\\d{1,2}) ([A-Z][a-z]{2})";
const FULL_DAY = new RegExp(`^${DAY} (\\d{4})$`);

type DayText = (d: Temporal.PlainDate, withYear: boolean) => string;

interface Skipped {
  holidays: { name: string; date: Temporal.PlainDate }[];
  closing: Temporal.PlainDate[];
}

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
function parseSkipped(text: string, end: Temporal.PlainDate): Skipped | null {
  const m = /^skipping (?:(?:public holidays?) (.+?))?(?:(?: and )?(?:closing days?) (.+))?$/.exec(text);
  if (!m || (!m[1] && !m[2])) return null;
  const holidays: Skipped["holidays"] = [];
  const closing: Temporal.PlainDate[] = [];
  const item = new RegExp(`^(.+) ${DAY}$`);
  // holiday names never hold ", " followed by a weekday, so the list splits on that
  for (const part of m[1]?.split(/, (?=[^,]+ (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d)/) ?? []) {
    const h = item.exec(part);
    const date = h ? shortDay(h[2] ?? "", h[3] ?? "", end) : null;
    if (!h || !date) return null;
    holidays.push({ name: h[1] ?? "", date });
  }
  for (const part of m[2]?.split(", ") ?? []) {
    const c = new RegExp(`^${DAY}$`).exec(part);
    const date = c ? shortDay(c[1] ?? "", c[2] ?? "", end) : null;
    if (!date) return null;
    closing.push(date);
  }
  return { holidays, closing };
}

function sayCount(t: Translate, n: number, unit: string): string {
  const keys: Record<string, [MessageKey, MessageKey]> = {
    day: ["explain.day1", "explain.days"],
    week: ["explain.week1", "explain.weeks"],
    month: ["explain.month1", "explain.months"],
    "working day": ["explain.workingDay1", "explain.workingDays"],
  };
  const [one, many] = keys[unit] ?? ["explain.days", "explain.days"];
  return n === 1 ? t(one) : t(many, { n });
}

function saySkipped(t: Translate, s: Skipped, day: DayText): string {
  const parts: string[] = [];
  if (s.holidays.length)
    parts.push(
      t(s.holidays.length === 1 ? "explain.holiday1" : "explain.holidays", {
        list: s.holidays.map((h) => `${h.name} ${day(h.date, false)}`).join(", "),
      }),
    );
  if (s.closing.length)
    parts.push(
      t(s.closing.length === 1 ? "explain.closing1" : "explain.closings", {
        list: s.closing.map((d) => day(d, false)).join(", "),
      }),
    );
  return t("explain.skipping", { list: parts.join(t("explain.and")) });
}

function sayReason(t: Translate, reason: string): string | null {
  if (reason === "Saturday") return t("explain.saturday");
  if (reason === "Sunday") return t("explain.sunday");
  if (reason === "closing day") return t("explain.closingDay");
  const h = /^public holiday (.+)$/.exec(reason);
  return h ? t("explain.publicHoliday", { name: h[1] ?? "" }) : null;
}

/** The explanation in the reader's language, or as stored when it does not parse. */
export function deadlineExplanation(stored: string, t: Translate, day: DayText): string {
  const [head = "", step = "", roll, ...rest] = stored.split("; ");
  if (rest.length) return stored;
  const h = /^(received|decision of) (.+)$/.exec(head);
  const start = h ? fullDay(h[2] ?? "") : null;
  const s =
    /^\+ (\d+) (day|week|month|working day)s?(?:, (skipping .+))? = (.+?)( \(last day of the month\))?$/.exec(
      step,
    );
  const raw = s ? fullDay(s[4] ?? "") : null;
  if (!h || !start || !s || !raw) return stored;
  const skippedInStep = s[3] ? parseSkipped(s[3], raw) : null;
  if (s[3] && !skippedInStep) return stored;

  const parts = [
    t(h[1] === "received" ? "explain.received" : "explain.decision", { date: day(start, true) }),
    `+ ${sayCount(t, Number(s[1]), s[2] ?? "")}${skippedInStep ? `, ${saySkipped(t, skippedInStep, day)}` : ""} = ${day(raw, true)}${s[5] ? t("explain.lastDay") : ""}`,
  ];
  if (roll !== undefined) {
    const r = /^not a working day \((.+?)\)(?:(, kept)|(?: → (.+?)(?:, (skipping .+))?))$/.exec(roll);
    const reason = r ? sayReason(t, r[1] ?? "") : null;
    if (!r || reason === null) return stored;
    if (r[2]) parts.push(t("explain.kept", { reason }));
    else {
      const due = fullDay(r[3] ?? "");
      const skipped = r[4] && due ? parseSkipped(r[4], due) : null;
      if (!due || (r[4] && !skipped)) return stored;
      parts.push(
        `${t("explain.moved", { reason, date: day(due, true) })}${skipped ? `, ${saySkipped(t, skipped, day)}` : ""}`,
      );
    }
  }
  return parts.join("; ");
}
