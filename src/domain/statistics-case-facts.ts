/**
 * A case's facts for statistics (decision 0024): what is read of a case, turned into the plain
 * record the rollups and the raw path both group, by the organisation's clock and calendar, with
 * the processing time in working days counted once when the reply goes out. Pure.
 */
import { Temporal } from "temporal-polyfill";
import { WorkingDayCalendar } from "./calendar.js";
import { localDateOf } from "./deadline.js";
import type { Organisation } from "./organisation.js";
import { daysBetween, judgedDeadlines, type StatsRecord, type StoredDeadline } from "./statistics.js";
import type { StatsFacts } from "./statistics-facts.js";
import { END_STATUSES } from "./vocabulary.js";

// ---------------------------------------------------------------- working days

/**
 * Working days from one local date to another, by a running count per day: the calendar's
 * `workingDaysBetween`, without walking every day of every case (rebuilding millions of cases).
 */
export class WorkingDayCounter {
  private readonly cumulative = new Map<number, Int32Array>();

  constructor(private readonly calendar: Pick<WorkingDayCalendar, "isWorkingDay">) {}

  /** The number of working days after `from` up to and including `to`; 0 when to <= from. */
  between(from: string, to: string): number {
    if (to <= from) return 0;
    const [fy, ty] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    const upTo = (date: string, year: number) => this.year(year)[daysBetween(`${year}-01-01`, date)] ?? 0;
    if (fy === ty) return upTo(to, ty) - upTo(from, fy);
    // the rest of the first year, the years between, the start of the last
    let count = this.total(fy) - upTo(from, fy);
    for (let y = fy + 1; y < ty; y++) count += this.total(y);
    return count + upTo(to, ty);
  }

  private total(year: number): number {
    const table = this.year(year);
    return table[table.length - 1] ?? 0;
  }

  private year(year: number): Int32Array {
    const cached = this.cumulative.get(year);
    if (cached) return cached;
    const days = daysBetween(`${year}-01-01`, `${year + 1}-01-01`);
    const table = new Int32Array(days);
    let count = 0;
    let d = Temporal.PlainDate.from({ year, month: 1, day: 1 });
    for (let i = 0; i < days; i++, d = d.add({ days: 1 })) {
      if (this.calendar.isWorkingDay(d)) count++;
      table[i] = count;
    }
    this.cumulative.set(year, table);
    return table;
  }
}

// ---------------------------------------------------------------- a case's facts

/** What is read of a case for statistics (cases row, deadlines, deviations, a few data fields). */
export interface StatsSource {
  type: string;
  category: string | null;
  unitId: string | null;
  outcome: string | null;
  channel: string;
  source: string;
  procedureId: string;
  receivedDate: string;
  receivedAt: string;
  confidentiality: string;
  personComplainedAboutId: string | null;
  status: string;
  rootCauses: readonly string[];
  decisionArea: string | null;
  resolution: "formal" | "informal" | null;
  appealsResult: string | null;
  deadlines: readonly StoredDeadline[];
  deviationKinds: readonly string[];
  /** a restricted case's handlers and approver: who may see it depends on them */
  handlerIds?: readonly string[];
  approverId?: string | null;
  /** restricted only because its procedure keeps every complaint confidential (case-policy.ts) */
  restrictedOnlyByDefault?: boolean;
}

/**
 * A case's facts: local dates, the reply, the deadlines as statistics judge them, working days to
 * the reply. `localDate` turns an instant into the organisation's local date.
 */
export function statsFactsOf(
  s: StatsSource,
  localDate: (instant: string) => string,
  workingDays: (from: string, to: string) => number,
): StatsFacts {
  const local = (at: string | null) => (at ? localDate(at) : null);
  const reply = s.deadlines.find((d) => d.kind === "reply");
  const repliedDate = local(reply?.metAt ?? null);
  const firstContact = s.deadlines.find((d) => d.kind === "firstContact" && d.metAt);
  const restricted = s.confidentiality !== "normal";
  const byDefault = restricted && s.restrictedOnlyByDefault === true;
  return {
    type: s.type,
    category: s.category,
    unitId: s.unitId,
    outcome: s.outcome,
    channel: s.channel,
    source: s.source,
    procedureId: s.procedureId,
    receivedDate: s.receivedDate,
    repliedDate,
    replyOriginalDueDate: reply?.originalDueDate ?? null,
    open: !(END_STATUSES as readonly string[]).includes(s.status),
    firstContactHours: firstContact?.metAt
      ? Math.max(0, (Date.parse(firstContact.metAt) - Date.parse(s.receivedAt)) / 3_600_000)
      : null,
    rootCauses: [...s.rootCauses],
    decisionArea: s.decisionArea,
    appealsResult: s.appealsResult,
    deviationKinds: [...s.deviationKinds],
    resolution: s.resolution,
    deadlines: judgedDeadlines(s.deadlines, repliedDate, local),
    pointsToPerson: (restricted && !byDefault) || s.personComplainedAboutId !== null,
    workingDays: repliedDate === null ? null : workingDays(s.receivedDate, repliedDate),
    // what decides who sees a restricted case broken out, kept only for those (decision 0024)
    ...(restricted
      ? {
          restricted: byDefault ? ("byDefault" as const) : ("personnel" as const),
          handlerIds: [...(s.handlerIds ?? [])].sort(),
          approverId: s.approverId ?? null,
        }
      : {}),
  };
}

/** The record a viewer groups: the unit by its code, and whether the viewer may see it broken out. */
export function recordOfFacts(f: StatsFacts, unitCode: string | null, identifiable: boolean): StatsRecord {
  const { unitId: _, ...rest } = f;
  return { ...rest, unitCode, identifiable };
}

// ---------------------------------------------------------------- the organisation's clock and calendar

export type StatsCalendar = Pick<Organisation, "timeZone" | "country" | "closingDays">;

const counters = new Map<string, WorkingDayCounter>();
const localDates = new Map<string, Map<string, string>>();

/**
 * Instant → local date, remembered per quarter hour of UTC (every time zone's offsets and their
 * changes fall on quarter hours), so a rebuild of millions of deadlines does not convert each.
 */
export function localDater(timeZone: string): (instant: string) => string {
  let cache = localDates.get(timeZone);
  if (!cache) {
    cache = new Map();
    localDates.set(timeZone, cache);
  }
  const memo = cache;
  return (instant) => {
    const utc = /^\d{4}-\d{2}-\d{2}T\d{2}:(\d{2})[:.\dZ]*Z$/.exec(instant);
    if (!utc) return localDateOf(instant, timeZone).toString();
    const key = `${instant.slice(0, 14)}${Math.floor(Number(utc[1]) / 15)}`;
    let date = memo.get(key);
    if (date === undefined) {
      date = localDateOf(instant, timeZone).toString();
      if (memo.size > 500_000) memo.clear();
      memo.set(key, date);
    }
    return date;
  };
}

export function workingDaysOf(org: StatsCalendar): (from: string, to: string) => number {
  const key = `${org.country}|${org.closingDays.join(",")}`;
  let counter = counters.get(key);
  if (!counter) {
    counter = new WorkingDayCounter(
      new WorkingDayCalendar({ country: org.country, closingDays: org.closingDays }),
    );
    counters.set(key, counter);
  }
  return (from, to) => counter.between(from, to);
}

/** A case's facts by the organisation's clock and calendar. */
export function factsOfSource(source: StatsSource, org: StatsCalendar): StatsFacts {
  return statsFactsOf(source, localDater(org.timeZone), workingDaysOf(org));
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
