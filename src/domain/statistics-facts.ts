import {
  type Compliance,
  compareIds,
  complianceOf,
  daysBetween,
  dimensionValues,
  type GroupOptions,
  OTHER,
  type StatsDeadline,
  type StatsDimension,
  type StatsGroup,
  type StatsMeasures,
  type StatsRecord,
  wholeHours,
} from "./statistics.js";
import { perturbedCount, perturbedMeasures } from "./statistics-perturbation.js";
import { suppressedCells } from "./statistics-privacy.js";

/**
 * A case as statistics need it, before a viewer is known: the unit by id, not by its code; for a
 * restricted case, why it is restricted and the people who may see it besides the scope's rules.
 */
export type StatsFacts = Omit<StatsRecord, "identifiable" | "unitCode"> & {
  unitId: string | null;
  /** absent for normal confidentiality; "byDefault": restricted only by its procedure's default */
  restricted?: "personnel" | "byDefault";
  handlerIds?: readonly string[];
  approverId?: string | null;
};

// ---------------------------------------------------------------- tallies

/**
 * Additive measures of a bag of cases: counters and histograms of whole days ("d:"), working days
 * ("w:") and whole hours to first contact ("h:"), compliance per kind ("c:kind:met|after|missed"),
 * and the record keys' sums of the cell key method ("k" beside "n", "k:c:…" and "kp:…" beside their
 * counters; decision 0026).
 * Zero entries are left out, so equal bags have equal tallies.
 */
export type Tally = Record<string, number>;

const COMPLIANCE_KEYS: Record<keyof Compliance, string> = {
  met: "met",
  metAfterDelayNotice: "after",
  missed: "missed",
};
const KIND_ORDER = ["acknowledge", "route", "firstContact", "draft", "reassessment", "reply"];

export function deadlinesOf(r: StatsFacts): readonly StatsDeadline[] {
  if (r.deadlines) return r.deadlines;
  if (!r.replyOriginalDueDate) return [];
  const due = r.replyOriginalDueDate;
  return [{ kind: "reply", dueDate: due, originalDueDate: due, metDate: r.repliedDate, missed: false }];
}

/** What one case adds: `summarise` term by term. `today` judges open deadlines (null: only settled ones). */
export function tallyOf(r: StatsFacts, today: string | null): Tally {
  const t: Tally = {};
  const add = (key: string, n = 1) => {
    t[key] = (t[key] ?? 0) + n;
  };
  add("n");
  // the record keys' sum ("k"), additive like the counts: the cell key method's input
  if (r.recordKey) add("k", r.recordKey);
  if (r.pointsToPerson) add("ptp");
  if (r.repliedDate !== null) {
    add(`d:${daysBetween(r.receivedDate, r.repliedDate)}`);
    if (typeof r.workingDays === "number") add(`w:${r.workingDays}`);
    if (r.replyOriginalDueDate !== null) {
      add("judged");
      if (r.repliedDate <= r.replyOriginalDueDate) add("onTime");
    }
  }
  const open = r.open ?? r.repliedDate === null;
  for (const d of deadlinesOf(r)) {
    if (d.kind === "complaintWindow") continue;
    const how = complianceOf(d, open, today);
    if (how === null) continue;
    add(`c:${d.kind}:${COMPLIANCE_KEYS[how]}`);
    // each compliance counter gets its own key sum: it is a count of its own cases
    if (r.recordKey) add(`k:c:${d.kind}:${COMPLIANCE_KEYS[how]}`, r.recordKey);
    if (d.kind === "reassessment" && d.metDate !== null) {
      add("reassessed");
      if (how === "met") add("reassessedOnTime");
    }
  }
  if (typeof r.firstContactHours === "number") add(`h:${wholeHours(r.firstContactHours)}`);
  if (r.resolution) {
    add("resolved");
    if (r.resolution === "informal") add("informal");
  }
  if (r.appealsResult && r.appealsResult !== "pending") {
    add("ruled");
    if (r.appealsResult === "upheld") add("upheld");
  }
  return t;
}

/** a + k·b, without the zeros */
export function addTally(a: Tally, b: Tally, k = 1): Tally {
  const out: Tally = { ...a };
  for (const [key, n] of Object.entries(b)) {
    const sum = (out[key] ?? 0) + k * n;
    if (sum === 0) delete out[key];
    else out[key] = sum;
  }
  return out;
}

/** In place, for the hot loops of grouping and rebuilding. */
export function addInto(into: Tally, b: Tally, k = 1): void {
  for (const key in b) {
    const sum = (into[key] ?? 0) + k * (b[key] ?? 0);
    if (sum === 0) delete into[key];
    else into[key] = sum;
  }
}

/**
 * One pass over a tally (a figure reads hundreds of keys per cell, so character codes, not
 * slices; decision 0024): its histograms of whole days, working days and hours, its compliance
 * kinds, and its other entries — where a rollup row's pending deadline ("p:kind:due", its record
 * keys "kp:kind:due") is judged at `today`, missed once its day is past, as `resolvePending` does.
 */
function scan(t: Tally, today: string | null) {
  const days: [number, number][] = [];
  const workingDays: [number, number][] = [];
  const hours: [number, number][] = [];
  const kinds = new Set<string>();
  const counters: Tally = {};
  const missed = (key: string, n: number, recordKeys: boolean) => {
    const name = missedCounterOf(key, recordKeys, today);
    if (name === null) return;
    counters[name] = (counters[name] ?? 0) + n;
    if (!recordKeys) kinds.add(name.slice(2, -7));
  };
  for (const key in t) {
    const n = t[key] ?? 0;
    const first = key.charCodeAt(0);
    const second = key.charCodeAt(1);
    if (second === COLON) {
      const buckets = first === D ? days : first === W ? workingDays : first === H ? hours : null;
      if (buckets) {
        if (n > 0) buckets.push([Number(key.slice(2)), n]);
        continue;
      }
      if (first === P) {
        missed(key, n, false);
        continue;
      }
      if (first === C) kinds.add(key.slice(2, key.indexOf(":", 2)));
    } else if (first === K && second === P && key.charCodeAt(2) === COLON) {
      missed(key, n, true);
      continue;
    }
    counters[key] = (counters[key] ?? 0) + n;
  }
  for (const buckets of [days, workingDays, hours]) buckets.sort((x, y) => x[0] - y[0]);
  return { days, workingDays, hours, kinds, counters };
}
const [COLON, C, D, W, H, K, P] = [":", "c", "d", "w", "h", "k", "p"].map((c) => c.charCodeAt(0));

/** A rollup row's pending deadline: "p:kind:YYYY-MM-DD", its record keys "kp:kind:YYYY-MM-DD". */
export const isPendingKey = (key: string, recordKeys: boolean): boolean =>
  recordKeys
    ? key.charCodeAt(0) === K && key.charCodeAt(1) === P && key.charCodeAt(2) === COLON
    : key.charCodeAt(0) === P && key.charCodeAt(1) === COLON;

/**
 * The counter a pending deadline's key adds to when judged at `today`: "c:kind:missed" (its record
 * keys "k:c:kind:missed") once its day is past, null while it is not (or without a clock).
 */
export function missedCounterOf(key: string, recordKeys: boolean, today: string | null): string | null {
  // the date is the key's last ten characters
  if (today === null || today <= key.slice(-10)) return null;
  const kind = key.slice(recordKeys ? 3 : 2, -11);
  return `${recordKeys ? "k:" : ""}c:${kind}:missed`;
}

/** `percentile` of statistics.ts over a sorted histogram: the smallest value with rank ⌈p·n⌉. */
function histogramPercentile(buckets: readonly [number, number][] | undefined, p: number): number | null {
  let total = 0;
  for (const [, n] of buckets ?? []) total += n;
  if (!buckets || total === 0) return null;
  const rank = Math.min(Math.max(1, Math.ceil((p / 100) * total)), total);
  let seen = 0;
  for (const [value, n] of buckets) {
    seen += n;
    if (seen >= rank) return value;
  }
  return null;
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const rate = (part: number, whole: number) => (whole ? round(part / whole) : null);

/**
 * The measures of a tally: equal to `summarise` over the cases it adds up; a rollup row's pending
 * deadlines judged at `today`. With `counters`, the tally's entries other than histograms (the
 * record keys' sums of the cell key method among them), pending deadlines judged.
 */
export function measuresOf(t: Tally, today: string | null = null): StatsMeasures {
  return measuresAndCounters(t, today).measures;
}

function measuresAndCounters(t: Tally, today: string | null): { measures: StatsMeasures; counters: Tally } {
  const { days, workingDays, hours, kinds, counters } = scan(t, today);
  const get = (key: string) => counters[key] ?? 0;
  const compliance: Record<string, Compliance> = {};
  const ordered = [...kinds].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  for (const kind of ordered) {
    const c = {
      met: get(`c:${kind}:met`),
      metAfterDelayNotice: get(`c:${kind}:after`),
      missed: get(`c:${kind}:missed`),
    };
    if (c.met + c.metAfterDelayNotice + c.missed > 0) compliance[kind] = c;
  }
  return {
    measures: {
      count: get("n"),
      replyOnTimeRate: rate(get("onTime"), get("judged")),
      medianDays: histogramPercentile(days, 50),
      p90Days: histogramPercentile(days, 90),
      medianWorkingDays: histogramPercentile(workingDays, 50),
      p90WorkingDays: histogramPercentile(workingDays, 90),
      replyCompliance: compliance.reply ?? { met: 0, metAfterDelayNotice: 0, missed: 0 },
      compliance,
      firstContactMedianHours: histogramPercentile(hours, 50),
      informalRate: rate(get("informal"), get("resolved")),
      reassessmentOnTimeRate: rate(get("reassessedOnTime"), get("reassessed")),
      appealsUpheldRate: rate(get("upheld"), get("ruled")),
    },
    counters,
  };
}

const order = (kind: string) => {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
};

// ---------------------------------------------------------------- grouping bags of cases

/** A bag of cases with the same values: a rollup row, or one case (n = 1), or a correction (k = -1). */
export interface StatsRow {
  /** per grouped dimension, the values of the bag (several for root causes and deviations) */
  values: readonly (readonly string[])[];
  tally: Tally;
  /** false: counted under "other" for this viewer */
  identifiable: boolean;
}

/** One case as a row, its values taken as `groupStatistics` takes them. */
export function rowOfRecord(r: StatsRecord, by: readonly StatsDimension[], today: string | null): StatsRow {
  return {
    values: by.map((d) => dimensionValues(r, d, today ?? r.receivedDate)),
    tally: tallyOf({ ...r, unitId: null }, today),
    identifiable: r.identifiable,
  };
}

function cellIds(row: StatsRow, otherId: string): string[] {
  if (!row.identifiable) return [otherId];
  let cells: string[][] = [[]];
  for (const values of row.values) cells = cells.flatMap((c) => values.map((v) => [...c, v]));
  return cells.map((c) => JSON.stringify(c));
}

/**
 * `groupStatistics` over bags of cases: the same cells, the same small-cell rule, the same merging
 * (a bag in several merged cells is one bag of "other"), the same order — from tallies.
 */
export function groupRows(
  rows: readonly StatsRow[],
  by: readonly StatsDimension[],
  options: Omit<GroupOptions, "baseline"> & { baseline?: readonly StatsRow[] },
): { groups: StatsGroup[]; total: number } {
  const otherId = JSON.stringify(by.map(() => OTHER));
  // the cells' counts decide what is hidden; the bags' whole tallies are added once, when merged
  const place = (rs: readonly StatsRow[]) => {
    const placed = rs.map((row) => ({ row, ids: cellIds(row, otherId) }));
    const cells = new Map<string, { n: number; ptp: number }>();
    for (const { row, ids } of placed) {
      for (const id of ids) {
        const c = cells.get(id);
        if (c) {
          c.n += row.tally.n ?? 0;
          c.ptp += row.tally.ptp ?? 0;
        } else cells.set(id, { n: row.tally.n ?? 0, ptp: row.tally.ptp ?? 0 });
      }
    }
    return { placed, cells };
  };
  const main = place(rows);
  const base = options.baseline ? place(options.baseline) : null;

  let hidden = new Set<string>();
  if (options.mergeSmallGroups) {
    type Counts = ReturnType<typeof place>["cells"];
    const asCells = (cells: Counts) =>
      [...cells]
        .filter(([id, t]) => id !== otherId && t.n > 0)
        .map(([id, t]) => ({
          id,
          values: JSON.parse(id) as string[],
          count: t.n,
          exempt: Boolean(options.yearlyReadable) && !t.ptp,
        }));
    const forced = (cells: Counts) => cells.get(otherId)?.n ?? 0;
    for (let size = -1; size !== hidden.size; ) {
      size = hidden.size;
      const cover = !options.yearlyReadable;
      hidden = suppressedCells(asCells(main.cells), by.length, hidden, forced(main.cells), cover);
      if (base) hidden = suppressedCells(asCells(base.cells), by.length, hidden, forced(base.cells), cover);
    }
  }
  const merge = ({ placed }: ReturnType<typeof place>) => {
    const out = new Map<string, Tally>();
    // a cell of one bag keeps the bag's tally; it is copied only when a second bag is added to it
    const copied = new Set<string>();
    for (const { row, ids } of placed) {
      for (const target of new Set(ids.map((id) => (hidden.has(id) ? otherId : id)))) {
        let t = out.get(target);
        if (!t) {
          out.set(target, row.tally);
          continue;
        }
        if (!copied.has(target)) {
          t = { ...t };
          out.set(target, t);
          copied.add(target);
        }
        addInto(t, row.tally);
      }
    }
    for (const [id, t] of out) if (!(t.n ?? 0)) out.delete(id);
    return out;
  };
  const shown = merge(main);
  const shownBase = base ? merge(base) : null;
  const ids = [...new Set([...shown.keys(), ...(shownBase?.keys() ?? [])])].filter((id) => id !== otherId);
  ids.sort((a, b) => compareIds(a, b, by));
  if (shown.has(otherId) || shownBase?.has(otherId)) ids.push(otherId);
  // a rollup row's pending deadlines are judged here, once per cell (the judgement is additive)
  const measures = (t: Tally) => {
    const { measures, counters } = measuresAndCounters(t, options.today ?? null);
    return options.perturb
      ? perturbedMeasures(measures, counters.k ?? 0, (counter) => counters[`k:${counter}`] ?? 0)
      : measures;
  };
  const total = rows.reduce((sum, r) => sum + (r.tally.n ?? 0), 0);
  return {
    groups: ids.map((id) => {
      const values = JSON.parse(id) as string[];
      const group: StatsGroup = {
        key: by.length === 1 ? (values[0] ?? OTHER) : values,
        ...measures(shown.get(id) ?? {}),
      };
      if (shownBase) group.baseline = measures(shownBase.get(id) ?? {});
      return group;
    }),
    total: options.perturb
      ? perturbedCount(
          total,
          rows.reduce((sum, r) => sum + (r.tally.k ?? 0), 0),
        )
      : total,
  };
}
