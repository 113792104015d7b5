/**
 * The deadline engine (SPEC §4), after the Danish Ministry of Justice's guidance on time limits:
 * the day of receipt (day 0) is not counted, weeks as weeks, months as months, a limit ending on
 * a non-working day moves to the next working day, and a limit runs to the end of its day.
 * Dates are local calendar dates of the organisation's time zone; never a UTC `Date`.
 */
import { Temporal } from "temporal-polyfill";
import { type CalendarCountry, parseIsoDate, WorkingDayCalendar } from "./calendar.js";
import {
  type DeadlineReckoning,
  explainReckoning,
  nonWorkingReasonOf,
  skippedDays,
} from "./deadline-reckoning.js";
import { invalidInput } from "./errors.js";
import type { DeadlineRule, RuleCondition } from "./procedure.js";
import type { Channel, DeadlineKind, DeadlineUnit, Source } from "./vocabulary.js";

/** The local date of an instant in the organisation's zone: day 0 of a complaint received then. */
export function localDateOf(instant: string | Temporal.Instant, timeZone: string): Temporal.PlainDate {
  // One intake asks for its received instant's date five times over; the polyfill's parse and zone
  // conversion were a tenth of its time (H31). Temporal values are immutable, so sharing is safe.
  const key = typeof instant === "string" ? `${timeZone} ${instant}` : null;
  const seen = key === null ? undefined : recentDates.get(key);
  if (seen) return seen;
  let at: Temporal.Instant;
  try {
    at = typeof instant === "string" ? Temporal.Instant.from(instant) : instant;
  } catch {
    throw invalidInput([{ path: "receivedAt", message: `"${instant}" is not an instant with an offset` }]);
  }
  const date = zoneDate(at, timeZone);
  if (key !== null) {
    if (recentDates.size >= 256) recentDates.clear();
    recentDates.set(key, date);
  }
  return date;
}

const recentDates = new Map<string, Temporal.PlainDate>();

/**
 * Per zone, the instants from one already converted up to the zone's next transition share its
 * UTC offset, so their local date is plain arithmetic on the epoch. Transitions fall on whole
 * seconds, so comparing floored milliseconds is exact.
 */
const offsetSpans = new Map<string, { fromMs: number; untilMs: number; offsetMs: number }>();

function zoneDate(at: Temporal.Instant, timeZone: string): Temporal.PlainDate {
  const ms = at.epochMilliseconds;
  let span = offsetSpans.get(timeZone);
  if (!span || ms < span.fromMs || ms >= span.untilMs) {
    const zoned = at.toZonedDateTimeISO(timeZone);
    const offsetNs = zoned.offsetNanoseconds;
    const next = zoned.getTimeZoneTransition("next");
    // a sub-millisecond offset (historic local mean time) is left to Temporal
    if (offsetNs % 1_000_000 !== 0) return zoned.toPlainDate();
    span = { fromMs: ms, untilMs: next ? next.epochMilliseconds : Infinity, offsetMs: offsetNs / 1_000_000 };
    offsetSpans.set(timeZone, span);
  }
  const local = new Date(ms + span.offsetMs);
  if (Number.isNaN(local.getTime())) return at.toZonedDateTimeISO(timeZone).toPlainDate();
  return new Temporal.PlainDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
}

export { formatDay, formatShortDay } from "./deadline-reckoning.js";

export interface DueDateArgs {
  /** day 0, YYYY-MM-DD */
  start: string;
  length: number;
  unit: DeadlineUnit;
  nonWorkingDay: "next" | "keep";
  /** what day 0 is, for the explanation; "received" unless told */
  from?: "received" | "decision";
}

/** The due date of one deadline, how it was reached (data) and the same in fixed English. */
export function computeDueDate(
  args: DueDateArgs,
  calendar: WorkingDayCalendar,
): { dueDate: string; explanation: string; reckoning: DeadlineReckoning } {
  const start = parseIsoDate(args.start, "start");
  if (!Number.isInteger(args.length) || args.length < 1) {
    throw invalidInput([{ path: "length", message: "must be a whole number, 1 or more" }]);
  }
  const n = args.length;
  const base = {
    from: args.from ?? "received",
    start: start.toString(),
    length: n,
    unit: args.unit,
  } as const;
  const done = (dueDate: Temporal.PlainDate, reckoning: DeadlineReckoning) => ({
    dueDate: dueDate.toString(),
    explanation: explainReckoning(reckoning),
    reckoning,
  });

  if (args.unit === "working_days") {
    // Counting working days lands on a working day, so there is nothing to roll.
    const due = calendar.addWorkingDays(start, n);
    const skipped = skippedDays(calendar.weekdaysOffBetween(start, due));
    return done(due, { ...base, skipped, reached: due.toString(), lastDayOfMonth: false, roll: null });
  }

  let raw: Temporal.PlainDate;
  if (args.unit === "calendar_days") raw = start.add({ days: n });
  else if (args.unit === "weeks") raw = start.add({ weeks: n });
  // 31 Jan + 1 month is the last day of February, not early March.
  else raw = start.add({ months: n }, { overflow: "constrain" });
  const counted = {
    ...base,
    skipped: [],
    reached: raw.toString(),
    lastDayOfMonth: args.unit === "months" && raw.day !== start.day,
  };

  const reason = nonWorkingReasonOf(calendar, raw);
  if (reason === null) return done(raw, { ...counted, roll: null });
  if (args.nonWorkingDay === "keep") return done(raw, { ...counted, roll: { reason, kept: true } });
  const due = calendar.nextWorkingDay(raw);
  const skipped = skippedDays(calendar.weekdaysOffBetween(raw, due));
  return done(due, { ...counted, roll: { reason, kept: false, to: due.toString(), skipped } });
}

/** What rule conditions are matched against. */
export interface DeadlineFacts {
  type: "process" | "decision" | "unclassified";
  source: Source;
  fastTrack: boolean;
  reassessmentChanged: boolean;
  /** the date of the decision complained of, YYYY-MM-DD, or null when unknown */
  decisionDate: string | null;
  /** the channel the complaint came by, for conditions that name one */
  channel?: Channel;
  /** an anonymous complainant cannot be written to or called */
  anonymous?: boolean;
}

/** Deadlines that only someone who can reach the complainant can meet (letter, phone call). */
export const NEEDS_COMPLAINANT: ReadonlySet<DeadlineKind> = new Set(["acknowledge", "firstContact"]);

/** Whether every condition a rule (or task) lists holds for these facts. */
export function conditionHolds(w: RuleCondition, facts: DeadlineFacts): boolean {
  if (w.type !== undefined && !w.type.includes(facts.type)) return false;
  if (w.source !== undefined && !w.source.includes(facts.source)) return false;
  if (w.fastTrack !== undefined && w.fastTrack !== facts.fastTrack) return false;
  if (w.reassessmentChanged !== undefined && w.reassessmentChanged !== facts.reassessmentChanged)
    return false;
  if (w.channel !== undefined && (facts.channel === undefined || !w.channel.includes(facts.channel)))
    return false;
  return true;
}

/**
 * For each kind, the first rule in list order whose condition holds, so a procedure writes its
 * special cases before the general one. A rule counted from the decision needs its date.
 */
export function selectRules(rules: readonly DeadlineRule[], facts: DeadlineFacts): DeadlineRule[] {
  const chosen = new Map<DeadlineKind, DeadlineRule>();
  for (const rule of rules) {
    if (chosen.has(rule.kind)) continue;
    if (rule.from === "decision" && facts.decisionDate === null) continue;
    if (facts.anonymous && NEEDS_COMPLAINANT.has(rule.kind)) continue;
    if (conditionHolds(rule.when, facts)) chosen.set(rule.kind, rule);
  }
  return [...chosen.values()];
}

export interface PlannedDeadline {
  kind: DeadlineKind;
  dueDate: string;
  explanation: string;
  reckoning: DeadlineReckoning;
}

export interface DeadlineOrganisation {
  timeZone: string;
  country: CalendarCountry;
  closingDays: readonly string[];
}

/** The deadlines of a case received at `receivedAt` (an ISO instant with offset). */
export function planDeadlines(
  rules: readonly DeadlineRule[],
  facts: DeadlineFacts,
  receivedAt: string,
  org: DeadlineOrganisation,
): PlannedDeadline[] {
  const calendarKey = `${org.country} ${org.closingDays.join(",")}`;
  let calendar: WorkingDayCalendar | undefined;
  const received = localDateOf(receivedAt, org.timeZone).toString();
  return selectRules(rules, facts).map((rule) => {
    const fromDecision = rule.from === "decision";
    const start = fromDecision ? parseIsoDate(facts.decisionDate ?? "", "decisionDate").toString() : received;
    const args: DueDateArgs = {
      start,
      length: rule.length,
      unit: rule.unit,
      nonWorkingDay: rule.nonWorkingDay,
      from: fromDecision ? "decision" : "received",
    };
    // The same rule from the same day in the same calendar always comes to the same date: every
    // intake of a day reckoned its four deadlines anew, a tenth of its time (H31).
    const key = `${calendarKey}|${start}|${args.length}|${args.unit}|${args.nonWorkingDay}|${args.from}`;
    let due = reckonedDueDates.get(key);
    if (!due) {
      calendar ??= new WorkingDayCalendar({ country: org.country, closingDays: org.closingDays });
      due = computeDueDate(args, calendar);
      if (reckonedDueDates.size >= 1000) reckonedDueDates.clear();
      reckonedDueDates.set(key, due);
    }
    // each case gets its own copy of the reckoning (plain JSON data), never one shared with another
    return {
      kind: rule.kind,
      dueDate: due.dueDate,
      explanation: due.explanation,
      reckoning: JSON.parse(JSON.stringify(due.reckoning)) as DeadlineReckoning,
    };
  });
}

const reckonedDueDates = new Map<string, ReturnType<typeof computeDueDate>>();

/**
 * The instant a due date ends: the start of the next local day. startOfDay, not midnight,
 * because a zone may skip or repeat local times on DST days.
 */
export function endOfDueDate(dueDate: string, timeZone: string): Temporal.Instant {
  const next = parseIsoDate(dueDate, "dueDate").add({ days: 1 });
  return next.toZonedDateTime({ timeZone }).startOfDay().toInstant();
}

/** A case is past due once its due date has ended, local time. */
export function isPastDue(dueDate: string, now: Temporal.Instant, timeZone: string): boolean {
  return Temporal.Instant.compare(now, endOfDueDate(dueDate, timeZone)) >= 0;
}
