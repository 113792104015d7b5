/**
 * Statistics fast on millions of cases (decision 0024): each case write updates the case's facts
 * row in its own transaction and marks it pending; `foldPendingStats` folds pending rows into the
 * monthly rollups. `getStatistics` reads whole months from the rollups plus the pending rows'
 * difference (restricted cases in tables of their own), the days at the period's edges from the day
 * tables. `rebuildStats` recomputes everything from the cases and must agree.
 */
import { cellKeySecret } from "../db/installation.repository.js";
import { restrictedByDefaultJudge } from "../db/restricted-by-default.repository.js";
import { type RebuildControl, rebuildAllStats, rebuildStatsIfStale } from "../db/stats-rebuild.repository.js";
import {
  factsIn,
  pendingFacts,
  type RollupRow,
  readFacts,
  rollupRows,
  type StoredFacts,
  writeFacts,
} from "../db/stats-rollup.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { type CaseScope, countsWithDetails } from "../domain/case-policy.js";
import { localDateOf } from "../domain/deadline.js";
import type { Directory, Organisation } from "../domain/organisation.js";
import { ageBand, type StatsDimension } from "../domain/statistics.js";
import {
  factsOfSource,
  nextMonth,
  recordOfFacts,
  type StatsSource,
} from "../domain/statistics-case-facts.js";
import {
  addInto,
  rowOfRecord,
  type StatsFacts,
  type StatsRow,
  type Tally,
} from "../domain/statistics-facts.js";
import { recordKeyOf } from "../domain/statistics-perturbation.js";
import {
  ALL_PROCEDURES,
  CLASS_PREFIXES,
  type ClassPrefix,
  classPrefixOf,
  DAY_TABLE,
  expandRolled,
  OPEN_TABLE,
  type RolledDimension,
  rolledTally,
  rollupKeyOf,
  rollupTableOf,
} from "../domain/statistics-rollup.js";
import { TallySum } from "../domain/tally-sum.js";
import type { AppDeps, Tx } from "./context.js";

function sourceOfCase(c: ComplaintCase, receivedDate: string, byDefault: boolean): StatsSource {
  return {
    type: c.type,
    category: c.category,
    unitId: c.unitId,
    outcome: c.outcome,
    channel: c.channel,
    source: c.source,
    procedureId: c.procedureId,
    receivedDate,
    receivedAt: c.receivedAt,
    confidentiality: c.confidentiality,
    personComplainedAboutId: c.personComplainedAboutId,
    status: c.status,
    rootCauses: c.rootCauses,
    decisionArea: c.decision?.area ?? null,
    resolution: c.resolution,
    appealsResult: c.appealsBoard ? (c.appealsBoard.result ?? "pending") : null,
    deadlines: c.deadlines,
    deviationKinds: c.deviations.map((d) => d.deadlineKind),
    handlerIds: c.handlers.map((h) => h.personId),
    approverId: c.approverId,
    restrictedOnlyByDefault: byDefault,
  };
}

/**
 * In the transaction that writes the case: its facts row, pending until a fold adds the difference
 * between what the rollups hold for the case and what it adds now. No shared row is written, so
 * concurrent case writes never wait on each other here.
 */
export async function updateCaseStats(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  c: ComplaintCase,
  /** a case just inserted has no facts row yet */
  isNew = false,
): Promise<void> {
  const receivedDate = localDateOf(c.receivedAt, org.timeZone).toString();
  const before = isNew ? null : await readFacts(tx, c.id);
  const byDefault = await restrictedByDefaultJudge(tx, deps.db.procedureCache)(c);
  let facts: StatsFacts = {
    ...factsOfSource(sourceOfCase(c, receivedDate, byDefault), org),
    recordKey: recordKeyOf(deps.db.cellKeySecret ?? (await cellKeySecret(tx)), c.id),
  };
  // working days are computed once, when the reply went: a later closing day does not change them
  if (
    before &&
    before.facts.repliedDate === facts.repliedDate &&
    before.facts.receivedDate === facts.receivedDate &&
    typeof before.facts.workingDays === "number"
  ) {
    facts = { ...facts, workingDays: before.facts.workingDays };
  }
  const stored: StoredFacts = {
    caseId: c.id,
    organisationId: c.organisationId,
    facts,
    normal: c.confidentiality === "normal",
    personComplainedAboutId: c.personComplainedAboutId,
  };
  // most case writes (a note, a document, a letter) change nothing the statistics count
  if (before && JSON.stringify(before) === JSON.stringify(stored)) return;
  await writeFacts(tx, stored);
}

// ---------------------------------------------------------------- rebuild

/** Every organisation (or one), a month per transaction (db/stats-rebuild.repository.ts). */
export function rebuildStats(
  deps: AppDeps,
  organisationId?: string,
): Promise<{ organisationId: string; cases: number; resumedAfter: string | null }[]> {
  return rebuildAllStats(deps.db, organisationId);
}

/**
 * The rebuild a migration asked for (marked stale), when `klara serve` started without it; true
 * when there was one. Meanwhile figures come from the cases, so it may run while the server answers.
 */
export function rebuildStaleStats(deps: AppDeps, control: RebuildControl = {}): Promise<boolean> {
  return rebuildStatsIfStale(deps.db, control);
}

// ---------------------------------------------------------------- reading

export interface RollupQuery {
  from: string;
  to: string;
  by: readonly StatsDimension[];
  procedure?: string | undefined;
  /** only the cases of this unit (its id) */
  unitId?: string | undefined;
}

export interface RollupViewer {
  organisationId: string;
  personId: string;
  directory: Directory;
  scope: CaseScope;
  today: string;
  /** analysts: a case restricted only by its procedure's default is counted broken out */
  smallCellsSuppressed: boolean;
}

/** Whether the rollups can answer: at most two rolled dimensions, with the unit filter counted. */
export function rollupAnswers(q: Pick<RollupQuery, "by" | "unitId">): boolean {
  return rollupTableOf(q.unitId ? [...q.by, "unit"] : q.by).length <= 2;
}

/**
 * How a viewer reads a class of cases' tables: broken out (its tables), or as totals under
 * "other" (table "") corrected by the few it may see, read from their facts rows.
 */
function readsBrokenOut(viewer: RollupViewer, prefix: ClassPrefix): boolean {
  if (prefix === "") return true;
  // every restricted case: seesCase's "every case" (admin, legal)
  if (viewer.scope.readsContents && viewer.scope.everyCase) return true;
  return prefix === "d:" && viewer.smallCellsSuppressed;
}

/**
 * The rows of a period: whole months from the monthly rollups, the days at its edges from the day
 * tables, and by age band the open cases from the day tables by their day of receipt. Cases about the viewer, and restricted cases the
 * viewer sees broken out while reading their class as totals, move between cells by correction rows.
 */
export async function statsRows(tx: Tx, viewer: RollupViewer, q: RollupQuery): Promise<StatsRow[]> {
  const { today } = viewer;
  const by = q.by;
  const table = rollupTableOf(q.unitId ? [...by, "unit"] : by);
  const unitCode = (id: string) => viewer.directory.units.get(id)?.code ?? id;
  const identifiable = (s: StoredFacts) =>
    countsWithDetails(
      viewer.scope,
      {
        organisationId: s.organisationId,
        procedureId: s.facts.procedureId,
        confidentiality: s.normal ? "normal" : "restricted",
        unitId: s.facts.unitId,
        personComplainedAboutId: s.personComplainedAboutId,
        handlerIds: s.facts.handlerIds ?? [],
        coordinatorId: null,
        approverId: s.facts.approverId ?? null,
      },
      {
        smallCellsSuppressed: viewer.smallCellsSuppressed,
        restrictedOnlyByDefault: s.facts.restricted === "byDefault",
      },
    );
  const ofUnit = (f: StatsFacts) => q.unitId === undefined || f.unitId === q.unitId;
  const rowOf = (s: StoredFacts, seen: boolean) =>
    rowOfRecord(recordOfFacts(s.facts, s.facts.unitId ? unitCode(s.facts.unitId) : null, seen), by, today);
  const brokenOut = (s: StoredFacts) => readsBrokenOut(viewer, classPrefixOf(s.facts));
  const rows: StatsRow[] = [];
  const pending = await pendingChanges(tx, viewer.organisationId, q);
  /** rows of the same values: their tallies summed */
  const bags = new Map<string, Omit<StatsRow, "tally"> & { sum: TallySum }>();
  const filter = { procedureId: q.procedure };
  const unitFilter = q.unitId === undefined ? {} : { unitId: q.unitId };

  /**
   * The tables' rows over months (YYYY-MM) or days, of the cases waiting for a reply (`open`
   * true), the others (false) or both, with the corrections for this viewer.
   */
  const fromTables = async (
    range: { from: string; to: string },
    daily: boolean,
    open: boolean | undefined,
  ) => {
    const opens = open === undefined ? ["", OPEN_TABLE] : open ? [OPEN_TABLE] : [""];
    // the rows of all procedures together, where the figure does not tell procedures apart
    const procedureRows = q.procedure ?? (daily || by.includes("procedure") ? undefined : ALL_PROCEDURES);
    for (const openPrefix of opens) {
      for (const prefix of CLASS_PREFIXES) {
        const detailed = readsBrokenOut(viewer, prefix);
        // a class read as totals: the unit filter needs the unit table
        const dims: RolledDimension[] = detailed ? table : q.unitId !== undefined ? ["unit"] : [];
        const name = (daily ? DAY_TABLE : "") + openPrefix + prefix + dims.join(",");
        const unitColumn = dims[0] === "unit" ? "v1" : "v2";
        const ofUnitRows =
          q.unitId === undefined ? undefined : ({ column: unitColumn, is: q.unitId } as const);
        const stored = await rollupRows(tx, viewer.organisationId, name, range, procedureRows, ofUnitRows);
        const changes = pendingRows(pending, { name, dims, daily }, range, procedureRows, ofUnitRows);
        for (const r of [...stored, ...changes] as (RollupRow | ChangeRow)[]) {
          const storedValue = (d: string) => (d === dims[0] ? r.v1 : r.v2);
          if (q.unitId !== undefined && storedValue("unit") !== q.unitId) continue;
          const value = (d: StatsDimension) =>
            d === "month"
              ? [r.month.slice(0, 7)]
              : d === "procedure"
                ? [r.procedureId]
                : d === "ageBand"
                  ? [openPrefix ? ageBand(r.month, today) : "closed"]
                  : expandRolled(d, storedValue(d), unitCode);
          const values = detailed ? by.map(value) : by.map(() => []);
          // rows with the same values fall in the same cells: summed here, each added once later
          const id = detailed ? JSON.stringify(values) : "";
          let bag = bags.get(id);
          if (!bag) {
            bag = { values, identifiable: detailed, sum: new TallySum() };
            bags.set(id, bag);
          }
          if (typeof r.tally === "string") bag.sum.addEncoded(r.tally);
          else bag.sum.add(r.tally);
        }
      }
    }
    const days = daily ? range : { from: `${range.from}-01`, to: `${range.to}-31` };
    const openFilter = open === undefined ? {} : { open };
    // the cases about the viewer, counted broken out by their tables: out of their cells, into "other"
    for (const s of await factsIn(tx, viewer.organisationId, days, {
      ...filter,
      ...openFilter,
      personId: viewer.personId,
    })) {
      if (!ofUnit(s.facts) || !brokenOut(s) || identifiable(s)) continue;
      const row = rowOf(s, true);
      rows.push({ ...row, tally: negate(row.tally) }, { ...row, identifiable: false });
    }
    // restricted cases this viewer may see although their class is read as totals: out of "other"
    if (viewer.scope.readsContents && !viewer.scope.everyCase) {
      for (const s of await factsIn(tx, viewer.organisationId, days, {
        ...filter,
        ...unitFilter,
        ...openFilter,
        normal: false,
      })) {
        if (!ofUnit(s.facts) || brokenOut(s) || !identifiable(s)) continue;
        const row = rowOf(s, true);
        rows.push({ ...row, tally: negate(row.tally), identifiable: false }, row);
      }
    }
  };

  // by age band the cases waiting for a reply are read by day, over the whole period
  const byAge = by.includes("ageBand");
  const rest = byAge ? false : undefined;
  const { whole, edges } = splitPeriod(q.from, q.to);
  if (whole) await fromTables(whole, false, rest);
  for (const days of edges) await fromTables(days, true, rest);
  if (byAge) await fromTables(q, true, true);
  // a rollup row's pending deadlines ("p:…") are judged by today when the cells' measures are taken
  for (const { values, identifiable, sum } of bags.values()) {
    const tally = sum.take();
    // no case left in these cells: a pending change took the last one away
    if (tally.n) rows.push({ values, identifiable, tally });
  }
  return rows;
}

/**
 * A pending facts row's difference to the rollups: what the rollups hold for the case taken away,
 * its facts added. A figure reads it with the rollup rows, so it counts every case write whether
 * folded yet or not. Few rows: a fold runs every few seconds (jobs/runner.ts).
 */
interface PendingChange {
  facts: StatsFacts;
  /** what it adds to each of its rows (negative: taken away), worked out when a table needs it */
  tally(): Tally;
}

async function pendingChanges(
  tx: Tx,
  organisationId: string,
  receivedIn: { from: string; to: string },
): Promise<PendingChange[]> {
  const out: PendingChange[] = [];
  const change = (facts: StatsFacts, sign: 1 | -1) => {
    let tally: Tally | undefined;
    out.push({
      facts,
      tally: () => {
        tally ??= sign === 1 ? rolledTally(facts) : negate(rolledTally(facts));
        return tally;
      },
    });
  };
  for (const p of await pendingFacts(tx, { organisationId, receivedIn })) {
    if (p.rolled) change(p.rolled, -1);
    change(p.facts, 1);
  }
  return out;
}

/** A pending change's row in a rollup table: its tally an object, not stored JSON. */
type ChangeRow = Omit<RollupRow, "tally"> & { tally: Tally };

/**
 * Of the pending changes, the rows they make in one table, filtered as `rollupRows` filters the
 * stored rows (rows of the same key are summed where the figure sums rows of the same values).
 */
function pendingRows(
  pending: readonly PendingChange[],
  table: { name: string; dims: readonly RolledDimension[]; daily: boolean },
  range: { from: string; to: string },
  procedureId: string | undefined,
  value: { column: "v1" | "v2"; is: string } | undefined,
): ChangeRow[] {
  const out: ChangeRow[] = [];
  const allProcedures = procedureId === ALL_PROCEDURES;
  for (const { facts, tally } of pending) {
    const key = rollupKeyOf(facts, table.dims, { daily: table.daily, allProcedures });
    if (key.dims !== table.name || key.month < range.from || key.month > range.to) continue;
    if (procedureId && key.procedureId !== procedureId) continue;
    if (value && key[value.column] !== value.is) continue;
    out.push({ ...key, tally: tally() });
  }
  return out;
}

function negate(t: Tally): Tally {
  const out: Tally = {};
  addInto(out, t, -1);
  return out;
}

/** The whole months of a period (YYYY-MM) and the days before and after them. */
export function splitPeriod(
  from: string,
  to: string,
): { whole: { from: string; to: string } | null; edges: { from: string; to: string }[] } {
  const first = from.slice(8) === "01" ? from.slice(0, 7) : nextMonth(from.slice(0, 7));
  const lastDay = (month: string) => {
    const [y, m] = month.split("-").map(Number) as [number, number];
    return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, "0")}`;
  };
  const last = lastDay(to.slice(0, 7)) === to ? to.slice(0, 7) : previousMonth(to.slice(0, 7));
  if (first > last) return { whole: null, edges: from <= to ? [{ from, to }] : [] };
  const edges: { from: string; to: string }[] = [];
  if (from < `${first}-01`) edges.push({ from, to: lastDay(previousMonth(first)) });
  if (to > lastDay(last)) edges.push({ from: `${nextMonth(last)}-01`, to });
  return { whole: { from: first, to: last }, edges };
}

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}
