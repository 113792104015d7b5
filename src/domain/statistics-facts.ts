import {
  type Compliance,
  compareIds,
  complianceOf,
  daysBetween,
  dimensionValues,
  type GroupOptions,
  NONE,
  OTHER,
  type StatsDeadline,
  type StatsDimension,
  type StatsGroup,
  type StatsMeasures,
  type StatsRecord,
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

/** Dimensions kept in the rollup (month and procedure are its key; age bands are "closed" there). */
export const ROLLED_DIMENSIONS = [
  "type",
  "category",
  "unit",
  "outcome",
  "channel",
  "source",
  "appealsArea",
  "appealsResult",
  "rootCause",
  "deviation",
] as const satisfies readonly StatsDimension[];
export type RolledDimension = (typeof ROLLED_DIMENSIONS)[number];
const MULTI: ReadonlySet<string> = new Set(["rootCause", "deviation"]);

/** The rollup tables of one case: none, each dimension alone, each pair (names sorted, comma-joined). */
export const ROLLUP_TABLES: readonly (readonly RolledDimension[])[] = (() => {
  const sorted = [...ROLLED_DIMENSIONS].sort();
  const tables: RolledDimension[][] = [[]];
  for (const [i, a] of sorted.entries()) {
    tables.push([a]);
    for (const b of sorted.slice(i + 1)) tables.push([a, b]);
  }
  return tables;
})();

/** Which rollup table answers a grouping: its rolled dimensions, sorted. */
export function rollupTableOf(by: readonly StatsDimension[]): RolledDimension[] {
  return [
    ...new Set(by.filter((d): d is RolledDimension => (ROLLED_DIMENSIONS as readonly string[]).includes(d))),
  ].sort();
}

/**
 * The value a case has in a rolled dimension, as stored: a multi-valued dimension keeps the SET
 * of values (a JSON array) so that merging cells into "other" never counts a case twice.
 */
export function rolledValue(f: StatsFacts, d: RolledDimension): string {
  const set = (v: readonly string[] | undefined) =>
    v?.length ? JSON.stringify([...new Set(v)].sort()) : "[]";
  // dimensionValues' values, without building a record per value (a rebuild asks millions of times)
  switch (d) {
    case "type":
      return f.type;
    case "category":
      return f.category ?? NONE;
    case "unit":
      return f.unitId ?? "";
    case "outcome":
      return f.outcome ?? "open";
    case "channel":
      return f.channel;
    case "source":
      return f.source;
    case "appealsArea":
      return f.decisionArea ?? NONE;
    case "appealsResult":
      return f.appealsResult ?? NONE;
    case "rootCause":
      return set(f.rootCauses);
    case "deviation":
      return set(f.deviationKinds);
  }
}

/** A stored value back to the dimension's values (the unit's code looked up by `unitCode`). */
export function expandRolled(d: string, stored: string, unitCode: (id: string) => string): string[] {
  if (MULTI.has(d)) {
    const values = JSON.parse(stored) as string[];
    return values.length ? values : [NONE];
  }
  if (d === "unit") return [stored === "" ? NONE : unitCode(stored)];
  return [stored];
}

// ---------------------------------------------------------------- tallies

/**
 * Additive measures of a bag of cases: counters and histograms of whole days ("d:"), working days
 * ("w:") and tenths of hours to first contact ("h:"), compliance per kind ("c:kind:met|after|missed"),
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

function deadlinesOf(r: StatsFacts): readonly StatsDeadline[] {
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
  if (typeof r.firstContactHours === "number") add(`h:${Math.round(r.firstContactHours * 10)}`);
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

/** `percentile` of statistics.ts over a histogram: the smallest value with rank ⌈p·n⌉. */
function histogramPercentile(t: Tally, prefix: string, p: number): number | null {
  const buckets: [number, number][] = [];
  let total = 0;
  for (const [key, n] of Object.entries(t)) {
    if (!key.startsWith(prefix) || n <= 0) continue;
    buckets.push([Number(key.slice(prefix.length)), n]);
    total += n;
  }
  if (total === 0) return null;
  buckets.sort((a, b) => a[0] - b[0]);
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

/** The measures of a tally: equal to `summarise` over the cases it adds up. */
export function measuresOf(t: Tally): StatsMeasures {
  const get = (key: string) => t[key] ?? 0;
  const compliance: Record<string, Compliance> = {};
  const kinds = new Set(
    Object.keys(t)
      .filter((k) => k.startsWith("c:"))
      .map((k) => k.split(":")[1] ?? ""),
  );
  const ordered = [...kinds].sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));
  for (const kind of ordered) {
    const c = {
      met: get(`c:${kind}:met`),
      metAfterDelayNotice: get(`c:${kind}:after`),
      missed: get(`c:${kind}:missed`),
    };
    if (c.met + c.metAfterDelayNotice + c.missed > 0) compliance[kind] = c;
  }
  const hours = histogramPercentile(t, "h:", 50);
  return {
    count: get("n"),
    replyOnTimeRate: rate(get("onTime"), get("judged")),
    medianDays: histogramPercentile(t, "d:", 50),
    p90Days: histogramPercentile(t, "d:", 90),
    medianWorkingDays: histogramPercentile(t, "w:", 50),
    p90WorkingDays: histogramPercentile(t, "w:", 90),
    replyCompliance: compliance.reply ?? { met: 0, metAfterDelayNotice: 0, missed: 0 },
    compliance,
    firstContactMedianHours: hours === null ? null : hours / 10,
    informalRate: rate(get("informal"), get("resolved")),
    reassessmentOnTimeRate: rate(get("reassessedOnTime"), get("reassessed")),
    appealsUpheldRate: rate(get("upheld"), get("ruled")),
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
  const place = (rs: readonly StatsRow[]) => {
    const placed = rs.map((row) => ({ row, ids: cellIds(row, otherId) }));
    const cells = new Map<string, Tally>();
    for (const { row, ids } of placed) {
      for (const id of ids) {
        const t = cells.get(id);
        if (t) addInto(t, row.tally);
        else cells.set(id, { ...row.tally });
      }
    }
    return { placed, cells };
  };
  const main = place(rows);
  const base = options.baseline ? place(options.baseline) : null;

  let hidden = new Set<string>();
  if (options.mergeSmallGroups) {
    const asCells = (cells: Map<string, Tally>) =>
      [...cells]
        .filter(([id, t]) => id !== otherId && (t.n ?? 0) > 0)
        .map(([id, t]) => ({
          id,
          values: JSON.parse(id) as string[],
          count: t.n ?? 0,
          exempt: Boolean(options.yearlyReadable) && !(t.ptp ?? 0),
        }));
    const forced = (cells: Map<string, Tally>) => cells.get(otherId)?.n ?? 0;
    for (let size = -1; size !== hidden.size; ) {
      size = hidden.size;
      const cover = !options.yearlyReadable;
      hidden = suppressedCells(asCells(main.cells), by.length, hidden, forced(main.cells), cover);
      if (base) hidden = suppressedCells(asCells(base.cells), by.length, hidden, forced(base.cells), cover);
    }
  }
  const merge = ({ placed }: ReturnType<typeof place>) => {
    const out = new Map<string, Tally>();
    for (const { row, ids } of placed) {
      for (const target of new Set(ids.map((id) => (hidden.has(id) ? otherId : id)))) {
        const t = out.get(target);
        if (t) addInto(t, row.tally);
        else out.set(target, { ...row.tally });
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
  const measures = (t: Tally) =>
    options.perturb
      ? perturbedMeasures(measuresOf(t), t.k ?? 0, (counter) => t[`k:${counter}`] ?? 0)
      : measuresOf(t);
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

// ---------------------------------------------------------------- rollup contributions

/** One row of a rollup table a case adds to. */
export interface RollupKey {
  procedureId: string;
  /** YYYY-MM of receipt; YYYY-MM-DD in the day tables */
  month: string;
  /** the table: rolled dimensions, comma-joined ("" for none) */
  dims: string;
  v1: string;
  v2: string;
}

export const rollupKeyId = (k: RollupKey) =>
  `${k.procedureId}\u0000${k.month}\u0000${k.dims}\u0000${k.v1}\u0000${k.v2}`;

/**
 * The tables of a case's rows. Cases waiting for their reply (not ended, not replied) are in tables
 * of their own ("open:" before the name): an age band needs their dates of receipt. Restricted cases
 * too ("r:" personnel, "d:" restricted only by the procedure's default): whether a viewer sees them
 * broken out depends on the viewer, who reads either their tables or their totals (table "").
 * The tables of no or one dimension are also kept per day ("day:" first, the day in the month
 * column): the days at a period's edges, and the open cases' age bands, are read from them.
 */
export const OPEN_TABLE = "open:";
export const DAY_TABLE = "day:";
export const CLASS_PREFIXES = ["", "r:", "d:"] as const;
export type ClassPrefix = (typeof CLASS_PREFIXES)[number];

export const classPrefixOf = (f: Pick<StatsFacts, "restricted">): ClassPrefix =>
  f.restricted === "personnel" ? "r:" : f.restricted === "byDefault" ? "d:" : "";

/** In the open tables: its age band is not "closed" (`dimensionValues`' rule). */
export const waitsForReply = (f: Pick<StatsFacts, "open" | "repliedDate">): boolean =>
  (f.open ?? true) && f.repliedDate === null;

export const tablePrefixOf = (f: StatsFacts): string =>
  (waitsForReply(f) ? OPEN_TABLE : "") + classPrefixOf(f);

/** The tables kept per day as well. */
export const DAY_TABLES = ROLLUP_TABLES.filter((dims) => dims.length <= 1);

/**
 * What a case adds to its rollup rows: `tallyOf` without a clock, and for an open case each deadline
 * not yet met nor marked missed as "p:kind:due date" — missed once the day is past, which the
 * reader decides by its "today" ({@link resolvePending}).
 */
export function rolledTally(f: StatsFacts): Tally {
  const t = tallyOf(f, null);
  if (f.open ?? f.repliedDate === null) {
    for (const d of deadlinesOf(f)) {
      if (d.kind === "complaintWindow" || d.metDate !== null || d.missed) continue;
      const key = `p:${d.kind}:${d.dueDate}`;
      t[key] = (t[key] ?? 0) + 1;
      if (f.recordKey) t[`k${key}`] = (t[`k${key}`] ?? 0) + f.recordKey;
    }
  }
  return t;
}

/** A rolled tally judged at `today`: a pending deadline past its due date is missed. */
export function resolvePending(t: Tally, today: string | null): Tally {
  let out: Tally | null = null;
  for (const key in t) {
    // "kp:" is the pending cases' record keys, which go with them to "k:c:kind:missed"
    const keys = key.startsWith("kp:");
    if (!keys && !key.startsWith("p:")) continue;
    out ??= { ...t };
    const n = out[key] ?? 0;
    delete out[key];
    const [, kind, due] = key.split(":");
    if (today !== null && today > (due ?? "")) {
      const missed = `${keys ? "k:" : ""}c:${kind}:missed`;
      out[missed] = (out[missed] ?? 0) + n;
      if (out[missed] === 0) delete out[missed];
    }
  }
  return out ?? t;
}

/** Every rollup row a case adds to, and what it adds to each (the same tally). */
export function rollupContribution(f: StatsFacts): { keys: RollupKey[]; tally: Tally } {
  const month = f.receivedDate.slice(0, 7);
  const prefix = tablePrefixOf(f);
  const values = new Map(ROLLED_DIMENSIONS.map((d) => [d, rolledValue(f, d)]));
  const keyOf = (dims: readonly RolledDimension[], period: string, table: string) => ({
    procedureId: f.procedureId,
    month: period,
    dims: table + dims.join(","),
    v1: dims[0] ? (values.get(dims[0]) ?? "") : "",
    v2: dims[1] ? (values.get(dims[1]) ?? "") : "",
  });
  const keys = [
    ...ROLLUP_TABLES.map((dims) => keyOf(dims, month, prefix)),
    ...DAY_TABLES.map((dims) => keyOf(dims, f.receivedDate, DAY_TABLE + prefix)),
  ];
  return { keys, tally: rolledTally(f) };
}

/**
 * The rollup rows of many cases (a rebuild). Cases share few distinct tallies, so each row counts
 * how many cases brought each distinct tally and sums them once at the end: per case and table one
 * counter, not one tally added field by field.
 */
export class RollupBuilder {
  private readonly tallyIds = new Map<string, number>();
  private readonly tallies: Tally[] = [];
  // per row and distinct tally: [cases, sum of their record keys] — a case's "k…" entries are its
  // record key times its "n", "c:…" and "p:…" entries, so they are made once per row at the end
  private readonly rows = new Map<string, { key: RollupKey; counts: Map<number, [number, number]> }>();
  private readonly tables = [
    ...ROLLUP_TABLES.map((dims) => ({ dims, name: dims.join(","), daily: false })),
    ...DAY_TABLES.map((dims) => ({ dims, name: dims.join(","), daily: true })),
  ];

  add(f: StatsFacts): void {
    const tally: Tally = {};
    const rolled = rolledTally(f);
    for (const key in rolled) if (!key.startsWith("k")) tally[key] = rolled[key] ?? 0;
    const recordKey = f.recordKey ?? 0;
    const prefix = tablePrefixOf(f);
    const signature = JSON.stringify(tally);
    let t = this.tallyIds.get(signature);
    if (t === undefined) {
      t = this.tallies.push(tally) - 1;
      this.tallyIds.set(signature, t);
    }
    const month = f.receivedDate.slice(0, 7);
    const values = new Map(ROLLED_DIMENSIONS.map((d) => [d, rolledValue(f, d)]));
    for (const { dims, name, daily } of this.tables) {
      const v1 = dims[0] ? (values.get(dims[0]) ?? "") : "";
      const v2 = dims[1] ? (values.get(dims[1]) ?? "") : "";
      const period = daily ? f.receivedDate : month;
      const table = (daily ? DAY_TABLE : "") + prefix + name;
      const id = `${f.procedureId}\u0000${period}\u0000${table}\u0000${v1}\u0000${v2}`;
      let row = this.rows.get(id);
      if (!row) {
        row = { key: { procedureId: f.procedureId, month: period, dims: table, v1, v2 }, counts: new Map() };
        this.rows.set(id, row);
      }
      const c = row.counts.get(t);
      if (c) {
        c[0] += 1;
        c[1] += recordKey;
      } else row.counts.set(t, [1, recordKey]);
    }
  }

  /** The rows so far, each with its summed tally; the builder starts empty again. */
  take(): { key: RollupKey; tally: Tally }[] {
    const out: { key: RollupKey; tally: Tally }[] = [];
    for (const { key, counts } of this.rows.values()) {
      const tally: Tally = {};
      for (const [t, [times, keys]] of counts) {
        const add = this.tallies[t] ?? {};
        for (const k in add) {
          const n = add[k] ?? 0;
          tally[k] = (tally[k] ?? 0) + times * n;
          if (!keys) continue;
          const named = k === "n" ? "k" : k.startsWith("c:") ? `k:${k}` : k.startsWith("p:") ? `k${k}` : null;
          if (named) tally[named] = (tally[named] ?? 0) + keys * n;
        }
      }
      for (const k in tally) if (tally[k] === 0) delete tally[k];
      out.push({ key, tally });
    }
    this.rows.clear();
    return out;
  }
}

/** What changes in the rollup when a case's facts go from `before` to `after` (either may be absent). */
export function rollupDelta(
  before: StatsFacts | null,
  after: StatsFacts | null,
): { key: RollupKey; tally: Tally }[] {
  const out = new Map<string, { key: RollupKey; tally: Tally }>();
  const apply = (f: StatsFacts | null, k: number) => {
    if (!f) return;
    const { keys, tally } = rollupContribution(f);
    for (const key of keys) {
      const id = rollupKeyId(key);
      const entry = out.get(id) ?? { key, tally: {} };
      addInto(entry.tally, tally, k);
      out.set(id, entry);
    }
  };
  apply(before, -1);
  apply(after, 1);
  return [...out.values()].filter((e) => Object.keys(e.tally).length > 0);
}
