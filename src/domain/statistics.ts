/**
 * Management information (SPEC §8) as plain arithmetic over plain records: grouping, the on-time
 * rate against the original due date, processing-time percentiles, and the small-group rule.
 */

export type StatsGroupBy =
  | "type"
  | "category"
  | "unit"
  | "outcome"
  | "channel"
  | "source"
  | "month"
  | "procedure";

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
}

export interface StatsGroup {
  key: string;
  count: number;
  replyOnTimeRate: number | null;
  medianDays: number | null;
  p90Days: number | null;
}

export const OTHER = "other";

/** Fewer cases than this in a group could identify a person (SPEC §8). */
export const SMALL_GROUP = 5;

export function groupKey(r: StatsRecord, by: StatsGroupBy): string {
  switch (by) {
    case "type":
      return r.type;
    case "category":
      return r.category ?? "none";
    case "unit":
      return r.unitCode ?? "none";
    case "outcome":
      return r.outcome ?? "open";
    case "channel":
      return r.channel;
    case "source":
      return r.source;
    case "month":
      return r.receivedDate.slice(0, 7);
    case "procedure":
      return r.procedureId;
  }
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p % at or below it. */
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

export function summarise(records: readonly StatsRecord[]): Omit<StatsGroup, "key"> {
  const replied = records.filter((r) => r.repliedDate !== null);
  const judged = replied.filter((r) => r.replyOriginalDueDate !== null);
  const onTime = judged.filter((r) => (r.repliedDate ?? "") <= (r.replyOriginalDueDate ?? "")).length;
  const days = replied
    .map((r) => daysBetween(r.receivedDate, r.repliedDate ?? r.receivedDate))
    .sort((a, b) => a - b);
  return {
    count: records.length,
    replyOnTimeRate: judged.length ? round(onTime / judged.length) : null,
    medianDays: percentile(days, 50),
    p90Days: percentile(days, 90),
  };
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Groups the records. A case the viewer may not see is counted under "other"; with
 * `mergeSmallGroups` (analysts) every group under five cases is merged into "other" as well.
 */
export function groupStatistics(
  records: readonly StatsRecord[],
  by: StatsGroupBy,
  options: { mergeSmallGroups: boolean },
): { groups: StatsGroup[]; total: number } {
  const byKey = new Map<string, StatsRecord[]>();
  const add = (key: string, r: StatsRecord) => byKey.set(key, [...(byKey.get(key) ?? []), r]);
  for (const r of records) add(r.identifiable ? groupKey(r, by) : OTHER, r);
  if (options.mergeSmallGroups) {
    for (const [key, members] of [...byKey]) {
      if (key !== OTHER && members.length < SMALL_GROUP) {
        byKey.delete(key);
        for (const r of members) add(OTHER, r);
      }
    }
  }
  const keys = [...byKey.keys()].filter((k) => k !== OTHER).sort();
  if (byKey.has(OTHER)) keys.push(OTHER);
  return {
    groups: keys.map((key) => ({ key, ...summarise(byKey.get(key) ?? []) })),
    total: records.length,
  };
}
