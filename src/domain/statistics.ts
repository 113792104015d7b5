/**
 * Management information (SPEC §8) as plain arithmetic over plain records: grouping by one or two
 * dimensions, deadline compliance against the original due date, processing-time percentiles,
 * the ABC and appeals measures. The small-cell rule is in statistics-privacy.ts.
 */

import { perturbedCount, perturbedMeasures } from "./statistics-perturbation.js";
import { SMALL_GROUP, suppressedCells } from "./statistics-privacy.js";

export { SMALL_GROUP };

export const STATS_DIMENSIONS = [
  "type",
  "category",
  "unit",
  "outcome",
  "channel",
  "source",
  "month",
  "procedure",
  "rootCause",
  "appealsArea",
  "appealsResult",
  "deviation",
  "ageBand",
] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];
/** kept for callers that group by one dimension */
export type StatsGroupBy = StatsDimension;

/** One deadline of a case, its dates local to the organisation. */
export interface StatsDeadline {
  kind: string;
  /** the due date now, after any delay notice */
  dueDate: string;
  originalDueDate: string;
  /** the local date it was met, or null */
  metDate: string | null;
  /** marked missed by the deadline sweep */
  missed: boolean;
}

/** A deadline as stored, instants in UTC: what statistics read of it. */
export interface StoredDeadline {
  kind: string;
  dueDate: string;
  originalDueDate: string;
  metAt: string | null;
  missedAt: string | null;
}

/**
 * A case's deadlines as statistics judge them, with met dates local: acknowledging and routing are
 * moot once the reply went (as in openDeadlines).
 */
export function judgedDeadlines(
  deadlines: readonly StoredDeadline[],
  repliedDate: string | null,
  local: (at: string | null) => string | null,
): StatsDeadline[] {
  return deadlines
    .filter(
      (d) => d.metAt !== null || repliedDate === null || (d.kind !== "acknowledge" && d.kind !== "route"),
    )
    .map((d) => ({
      kind: d.kind,
      dueDate: d.dueDate,
      originalDueDate: d.originalDueDate,
      metDate: local(d.metAt),
      missed: d.missedAt !== null,
    }));
}

export interface StatsRecord {
  type: string;
  category: string | null;
  unitCode: string | null;
  outcome: string | null;
  channel: string;
  source: string;
  procedureId: string;
  /** YYYY-MM-DD, local to the organisation */
  receivedDate: string;
  /** the local date the reply was sent, or null while unanswered */
  repliedDate: string | null;
  /** the reply's due date before any delay notice moved it */
  replyOriginalDueDate: string | null;
  /** false when the viewer may not see the case: counted, but never under an identifying key */
  identifiable: boolean;
  // The rest is optional so that a record can be as small as a test needs; absent means none.
  /** still being worked on (not closed, withdrawn or found not a complaint) */
  open?: boolean;
  /** hours from receipt to the first contact with the complainant */
  firstContactHours?: number | null;
  rootCauses?: readonly string[];
  /** the benefit area of the decision complained of */
  decisionArea?: string | null;
  /** the appeals board's result; "pending" while forwarded without one */
  appealsResult?: string | null;
  /** the deadline kinds with a recorded deviation */
  deviationKinds?: readonly string[];
  resolution?: "formal" | "informal" | null;
  /** every deadline; absent, the reply fields above stand for the reply deadline */
  deadlines?: readonly StatsDeadline[];
  /** a personnel case or one with a person complained about */
  pointsToPerson?: boolean;
  /** working days from receipt to the reply (the organisation's calendar), or null while unanswered */
  workingDays?: number | null;
  /** the case's record key for the cell key method (statistics-perturbation.ts); absent is 0 */
  recordKey?: number;
}

export interface Compliance {
  met: number;
  metAfterDelayNotice: number;
  missed: number;
}

export interface StatsMeasures {
  count: number;
  replyOnTimeRate: number | null;
  medianDays: number | null;
  p90Days: number | null;
  /** the same in working days (the organisation's calendar: weekends, public holidays, closing days) */
  medianWorkingDays: number | null;
  p90WorkingDays: number | null;
  replyCompliance: Compliance;
  /** per deadline kind (the complaint window is information, not a deadline of ours) */
  compliance: Record<string, Compliance>;
  firstContactMedianHours: number | null;
  informalRate: number | null;
  reassessmentOnTimeRate: number | null;
  appealsUpheldRate: number | null;
}

export type StatsKey = string | string[];

export interface StatsGroup extends StatsMeasures {
  key: StatsKey;
  baseline?: StatsMeasures;
}

export const OTHER = "other";
export const NONE = "none";

/** Open cases by age in calendar days; a closed case is "closed". */
export const AGE_BANDS = [
  [7, "0-7"],
  [14, "8-14"],
  [30, "15-30"],
  [60, "31-60"],
] as const;
export const OLDEST_BAND = ">60";

export function ageBand(receivedDate: string, today: string): string {
  const age = daysBetween(receivedDate, today);
  for (const [upTo, band] of AGE_BANDS) if (age <= upTo) return band;
  return OLDEST_BAND;
}

/** The values a record has in a dimension: several for root causes and deviations, at least one. */
export function dimensionValues(r: StatsRecord, by: StatsDimension, today: string): string[] {
  const many = (values: readonly string[] | undefined) =>
    values?.length ? [...new Set(values)].sort() : [NONE];
  switch (by) {
    case "type":
      return [r.type];
    case "category":
      return [r.category ?? NONE];
    case "unit":
      return [r.unitCode ?? NONE];
    case "outcome":
      return [r.outcome ?? "open"];
    case "channel":
      return [r.channel];
    case "source":
      return [r.source];
    case "month":
      return [r.receivedDate.slice(0, 7)];
    case "procedure":
      return [r.procedureId];
    case "rootCause":
      return many(r.rootCauses);
    case "appealsArea":
      return [r.decisionArea ?? NONE];
    case "appealsResult":
      return [r.appealsResult ?? NONE];
    case "deviation":
      return many(r.deviationKinds);
    case "ageBand":
      return [(r.open ?? true) && r.repliedDate === null ? ageBand(r.receivedDate, today) : "closed"];
  }
}

/** @deprecated one value of one dimension; see {@link dimensionValues} */
export function groupKey(r: StatsRecord, by: StatsDimension): string {
  return dimensionValues(r, by, r.receivedDate)[0] ?? NONE;
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p % at or below it. */
/**
 * Hours to first contact as reported: whole hours (rounded from tenths, as the rollups keep them
 * since decision 0024's tallies were made smaller), enough for a first contact due within days.
 */
export function wholeHours(hours: number): number {
  return Math.round(Math.round(hours * 10) / 10);
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** Whole calendar days from one local date to another (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.UTC(...ymd(to)) - Date.UTC(...ymd(from))) / 86_400_000);
}

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y ?? 0, (m ?? 1) - 1, d ?? 1];
}

/**
 * How a deadline went, against its original due date: met by it; met later but by the date a
 * delay notice set; or missed (met after that, marked missed, or still open past its due date).
 * An open deadline not yet past its due date is not judged (null).
 */
export function complianceOf(d: StatsDeadline, open: boolean, today: string | null): keyof Compliance | null {
  if (d.metDate !== null) {
    if (d.metDate <= d.originalDueDate) return "met";
    return d.metDate <= d.dueDate ? "metAfterDelayNotice" : "missed";
  }
  if (d.missed) return "missed";
  return open && today !== null && today > d.dueDate ? "missed" : null;
}

function deadlinesOf(r: StatsRecord): readonly StatsDeadline[] {
  if (r.deadlines) return r.deadlines;
  if (!r.replyOriginalDueDate) return [];
  const due = r.replyOriginalDueDate;
  return [{ kind: "reply", dueDate: due, originalDueDate: due, metDate: r.repliedDate, missed: false }];
}

const noCompliance = (): Compliance => ({ met: 0, metAfterDelayNotice: 0, missed: 0 });
const round = (n: number) => Math.round(n * 10_000) / 10_000;
const rate = (part: number, whole: number) => (whole ? round(part / whole) : null);

/**
 * The measures of a set of records. `today` (the organisation's local date) judges deadlines
 * still open; without it only met and marked-missed deadlines count.
 */
export function summarise(records: readonly StatsRecord[], today: string | null = null): StatsMeasures {
  const replied = records.filter((r) => r.repliedDate !== null);
  const judged = replied.filter((r) => r.replyOriginalDueDate !== null);
  const onTime = judged.filter((r) => (r.repliedDate ?? "") <= (r.replyOriginalDueDate ?? "")).length;
  const days = replied
    .map((r) => daysBetween(r.receivedDate, r.repliedDate ?? r.receivedDate))
    .sort((a, b) => a - b);
  const workingDays = replied
    .map((r) => r.workingDays)
    .filter((d): d is number => typeof d === "number")
    .sort((a, b) => a - b);

  const compliance: Record<string, Compliance> = {};
  let reassessmentMet = 0;
  let reassessmentOnTime = 0;
  for (const r of records) {
    const open = r.open ?? r.repliedDate === null;
    for (const d of deadlinesOf(r)) {
      if (d.kind === "complaintWindow") continue;
      const how = complianceOf(d, open, today);
      if (how === null) continue;
      const counts = compliance[d.kind] ?? noCompliance();
      counts[how] += 1;
      compliance[d.kind] = counts;
      if (d.kind === "reassessment" && d.metDate !== null) {
        reassessmentMet += 1;
        if (how === "met") reassessmentOnTime += 1;
      }
    }
  }
  const hours = records
    .map((r) => r.firstContactHours)
    .filter((h): h is number => typeof h === "number")
    .sort((a, b) => a - b);
  const median = percentile(hours, 50);
  const resolved = records.filter((r) => r.resolution);
  const ruled = records.filter((r) => r.appealsResult && r.appealsResult !== "pending");
  return {
    count: records.length,
    replyOnTimeRate: rate(onTime, judged.length),
    medianDays: percentile(days, 50),
    p90Days: percentile(days, 90),
    medianWorkingDays: percentile(workingDays, 50),
    p90WorkingDays: percentile(workingDays, 90),
    replyCompliance: compliance.reply ?? noCompliance(),
    compliance,
    firstContactMedianHours: median === null ? null : wholeHours(median),
    informalRate: rate(resolved.filter((r) => r.resolution === "informal").length, resolved.length),
    reassessmentOnTimeRate: rate(reassessmentOnTime, reassessmentMet),
    appealsUpheldRate: rate(ruled.filter((r) => r.appealsResult === "upheld").length, ruled.length),
  };
}

/** The key cells of a record: one per combination of its values in the dimensions. */
export function cellsOf(r: StatsRecord, by: readonly StatsDimension[], today: string): string[][] {
  let cells: string[][] = [[]];
  for (const dimension of by) {
    const values = dimensionValues(r, dimension, today);
    cells = cells.flatMap((cell) => values.map((v) => [...cell, v]));
  }
  return cells;
}

export interface GroupOptions {
  /** analysts: small cells merged into "other" (statistics-privacy.ts) */
  mergeSmallGroups: boolean;
  /** the organisation's local date, for open deadlines and age bands */
  today?: string | null;
  /** small cells that point to no person may be shown (a calendar year by type) */
  yearlyReadable?: boolean;
  /** the baseline period's records: each group gets `baseline` with the same measures */
  baseline?: readonly StatsRecord[];
  /** analysts: every count through the cell key method, after the small-cell rule */
  perturb?: boolean;
}

/**
 * Groups the records by one or two dimensions. A case the viewer may not see is counted under
 * "other"; with `mergeSmallGroups` small cells are merged into "other" as well. With one
 * dimension a key is a string, with two an array (["other", "other"] for the merged rest).
 */
export function groupStatistics(
  records: readonly StatsRecord[],
  groupBy: StatsDimension | readonly StatsDimension[],
  options: GroupOptions,
): { groups: StatsGroup[]; total: number } {
  const by = typeof groupBy === "string" ? [groupBy] : [...groupBy];
  const today = options.today ?? null;
  const otherId = JSON.stringify(by.map(() => OTHER));
  const place = (rs: readonly StatsRecord[]) => {
    const cells = new Map<string, StatsRecord[]>();
    for (const r of rs) {
      const ids = r.identifiable
        ? cellsOf(r, by, today ?? r.receivedDate).map((c) => JSON.stringify(c))
        : [otherId];
      for (const id of ids) {
        const list = cells.get(id);
        if (list) list.push(r);
        else cells.set(id, [r]);
      }
    }
    return cells;
  };
  const main = place(records);
  const base = options.baseline ? place(options.baseline) : null;

  let hidden = new Set<string>();
  if (options.mergeSmallGroups) {
    const asCells = (cells: Map<string, StatsRecord[]>) =>
      [...cells]
        .filter(([id]) => id !== otherId)
        .map(([id, rs]) => ({
          id,
          values: JSON.parse(id) as string[],
          count: rs.length,
          exempt: Boolean(options.yearlyReadable) && !rs.some((r) => r.pointsToPerson),
        }));
    const forced = (cells: Map<string, StatsRecord[]>) => cells.get(otherId)?.length ?? 0;
    for (let size = -1; size !== hidden.size; ) {
      size = hidden.size;
      const cover = !options.yearlyReadable;
      hidden = suppressedCells(asCells(main), by.length, hidden, forced(main), cover);
      if (base) hidden = suppressedCells(asCells(base), by.length, hidden, forced(base), cover);
    }
  }
  const merge = (cells: Map<string, StatsRecord[]>) => {
    const out = new Map<string, StatsRecord[]>();
    for (const [id, rs] of cells) {
      const target = hidden.has(id) ? otherId : id;
      // a case in several merged cells (two root causes) is one case of "other"
      out.set(target, [...new Set([...(out.get(target) ?? []), ...rs])]);
    }
    return out;
  };
  const shown = merge(main);
  const shownBase = base ? merge(base) : null;
  const ids = [...new Set([...shown.keys(), ...(shownBase?.keys() ?? [])])].filter((id) => id !== otherId);
  ids.sort((a, b) => compareIds(a, b, by));
  if (shown.has(otherId) || shownBase?.has(otherId)) ids.push(otherId);
  const measures = (rs: readonly StatsRecord[]) => {
    if (!options.perturb) return summarise(rs, today);
    const counters = counterKeySums(rs, today);
    return perturbedMeasures(summarise(rs, today), keySum(rs), (c) => counters.get(c) ?? 0);
  };
  return {
    groups: ids.map((id) => {
      const values = JSON.parse(id) as string[];
      const group: StatsGroup = {
        key: by.length === 1 ? (values[0] ?? OTHER) : values,
        ...measures(shown.get(id) ?? []),
      };
      if (shownBase) group.baseline = measures(shownBase.get(id) ?? []);
      return group;
    }),
    total: options.perturb ? perturbedCount(records.length, keySum(records)) : records.length,
  };
}

const keySum = (rs: readonly StatsRecord[]) => rs.reduce((sum, r) => sum + (r.recordKey ?? 0), 0);

const COUNTER_NAMES: Record<keyof Compliance, string> = {
  met: "met",
  metAfterDelayNotice: "after",
  missed: "missed",
};

/** The record keys' sum of each compliance counter's cases ("c:kind:met|after|missed"), as `summarise` counts them. */
function counterKeySums(rs: readonly StatsRecord[], today: string | null): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rs) {
    const open = r.open ?? r.repliedDate === null;
    for (const d of deadlinesOf(r)) {
      if (d.kind === "complaintWindow") continue;
      const how = complianceOf(d, open, today);
      if (how === null) continue;
      const name = `c:${d.kind}:${COUNTER_NAMES[how]}`;
      out.set(name, (out.get(name) ?? 0) + (r.recordKey ?? 0));
    }
  }
  return out;
}

const BAND_ORDER = [...AGE_BANDS.map(([, band]) => band), OLDEST_BAND, "closed"] as string[];

/** Keys in order: by value (age bands youngest first), "other" last. */
export function compareIds(a: string, b: string, by: readonly StatsDimension[]): number {
  const [x, y] = [JSON.parse(a) as string[], JSON.parse(b) as string[]];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const [p, q] = [x[i] ?? "", y[i] ?? ""];
    if (p === q) continue;
    if (p === OTHER || q === OTHER) return p === OTHER ? 1 : -1;
    if (by[i] === "ageBand") return BAND_ORDER.indexOf(p) - BAND_ORDER.indexOf(q);
    return p < q ? -1 : 1;
  }
  return 0;
}
