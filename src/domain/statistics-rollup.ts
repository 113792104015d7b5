/**
 * The statistics rollups' layout and contributions (decision 0024): which tables a case adds to
 * (the rolled dimensions, alone and in pairs, per month and per day, with prefixes for open and
 * restricted cases), the value it has in each, and what it adds: a tally with its open deadlines
 * kept undecided. The builder (statistics-rollup-builder.ts) sums many cases at once. Pure.
 */
import { NONE, STATS_DIMENSIONS, type StatsDimension } from "./statistics.js";
import {
  deadlinesOf,
  isPendingKey,
  missedCounterOf,
  type StatsFacts,
  type Tally,
  tallyOf,
} from "./statistics-facts.js";

/** Dimensions kept in the rollup: all but month and procedure (its key) and age bands ("closed" there). */
export type RolledDimension = Exclude<StatsDimension, "month" | "procedure" | "ageBand">;
export const ROLLED_DIMENSIONS: readonly RolledDimension[] = STATS_DIMENSIONS.filter(
  (d): d is RolledDimension => d !== "month" && d !== "procedure" && d !== "ageBand",
);

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
 * Every table is also kept per day ("day:" first, the day in the month column): the days at a
 * period's edges, and the open cases' age bands, are read from them.
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

/**
 * The monthly rows are kept for all procedures together as well, under this id: a figure neither
 * filtered nor grouped by procedure reads one row per cell and month, not one per procedure.
 */
export const ALL_PROCEDURES = "*";

/**
 * The tables kept per day as well: every one (a figure over a period with partial months reads the
 * days at its edges from them, also by two dimensions; the open cases' age bands too).
 */
export const DAY_TABLES = ROLLUP_TABLES;

/**
 * What a case adds to its rollup rows: `tallyOf` without a clock, and for an open case each deadline
 * not yet met nor marked missed as "p:kind:due date" — missed once the day is past, which the
 * reader decides by its "today" (`missedCounterOf`, when a figure's cells are measured).
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

/**
 * A rolled tally judged at `today`: a pending deadline past its due date is missed. A figure judges
 * in `measuresOf`'s one pass with the same `missedCounterOf`; this whole-tally form states the rule
 * for the tests.
 */
export function resolvePending(t: Tally, today: string | null): Tally {
  let out: Tally | null = null;
  for (const key in t) {
    // "kp:" is the pending cases' record keys, which go with them to "k:c:kind:missed"
    const keys = isPendingKey(key, true);
    if (!keys && !isPendingKey(key, false)) continue;
    out ??= { ...t };
    const n = out[key] ?? 0;
    delete out[key];
    const missed = missedCounterOf(key, keys, today);
    if (missed !== null) {
      out[missed] = (out[missed] ?? 0) + n;
      if (out[missed] === 0) delete out[missed];
    }
  }
  return out ?? t;
}

/**
 * A case's row in one rollup table: monthly or by day, of its procedure or of all procedures
 * together. The table's class (open, restricted) is the case's own.
 */
export function rollupKeyOf(
  f: StatsFacts,
  dims: readonly RolledDimension[],
  table: { daily: boolean; allProcedures?: boolean },
): RollupKey {
  return {
    procedureId: table.allProcedures ? ALL_PROCEDURES : f.procedureId,
    month: table.daily ? f.receivedDate : f.receivedDate.slice(0, 7),
    dims: (table.daily ? DAY_TABLE : "") + tablePrefixOf(f) + dims.join(","),
    v1: dims[0] ? rolledValue(f, dims[0]) : "",
    v2: dims[1] ? rolledValue(f, dims[1]) : "",
  };
}

/**
 * Every rollup row a case adds to, and what it adds to each (the same tally): the rule for one
 * case, which `RollupBuilder` (many cases, its own faster bookkeeping) is tested against.
 */
export function rollupContribution(f: StatsFacts): { keys: RollupKey[]; tally: Tally } {
  const keys = [
    ...ROLLUP_TABLES.map((dims) => rollupKeyOf(f, dims, { daily: false })),
    ...ROLLUP_TABLES.map((dims) => rollupKeyOf(f, dims, { daily: false, allProcedures: true })),
    ...DAY_TABLES.map((dims) => rollupKeyOf(f, dims, { daily: true })),
  ];
  return { keys, tally: rolledTally(f) };
}
