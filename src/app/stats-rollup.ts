/**
 * Statistics fast on millions of cases (decision 0024): each case write updates the case's facts
 * row and the monthly rollups in its own transaction; `getStatistics` reads whole months from the
 * rollups, the days at the period's edges and the open cases from the facts rows, and personnel
 * cases as cases. `rebuildStats` recomputes everything from the cases and must agree.
 */
import { cellKeySecret } from "../db/installation.repository.js";
import {
  addToRollup,
  analyzeStats,
  factsIn,
  readFacts,
  rebuildOrganisationStats,
  rollupRows,
  type StoredFacts,
  writeFacts,
} from "../db/stats-rollup.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { type CaseScope, countsWithDetails } from "../domain/case-policy.js";
import { localDateOf } from "../domain/deadline.js";
import type { Directory, Organisation } from "../domain/organisation.js";
import type { StatsDimension, StatsRecord } from "../domain/statistics.js";
import {
  factsOfSource,
  nextMonth,
  recordOfFacts,
  type StatsSource,
} from "../domain/statistics-case-facts.js";
import {
  addInto,
  expandRolled,
  isRolledUp,
  OPEN_TABLE,
  resolvePending,
  rollupDelta,
  rollupTableOf,
  rowOfRecord,
  type StatsFacts,
  type StatsRow,
  type Tally,
} from "../domain/statistics-facts.js";
import { recordKeyOf } from "../domain/statistics-perturbation.js";
import type { AppDeps, Tx } from "./context.js";

function sourceOfCase(c: ComplaintCase, receivedDate: string): StatsSource {
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
  };
}

/**
 * In the transaction that writes the case: its facts row, and the rollups by the difference
 * between what the case added before and what it adds now.
 */
export async function updateCaseStats(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  c: ComplaintCase,
): Promise<void> {
  const receivedDate = localDateOf(c.receivedAt, org.timeZone).toString();
  const before = await readFacts(tx, c.id);
  let facts: StatsFacts = {
    ...factsOfSource(sourceOfCase(c, receivedDate), org),
    recordKey: recordKeyOf(await cellKeySecret(tx), c.id),
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
  const normal = c.confidentiality === "normal";
  await writeFacts(tx, {
    caseId: c.id,
    organisationId: c.organisationId,
    facts,
    normal,
    personComplainedAboutId: c.personComplainedAboutId,
  });
  const old =
    before && isRolledUp(before.facts, before.normal ? "normal" : "restricted") ? before.facts : null;
  const now = isRolledUp(facts, c.confidentiality) ? facts : null;
  const delta = rollupDelta(old, now);
  if (delta.length) await addToRollup(tx, deps.db.dialect.name, c.organisationId, delta);
}

// ---------------------------------------------------------------- rebuild

/** Every organisation (or one), one transaction each. */
export async function rebuildStats(
  deps: AppDeps,
  organisationId?: string,
): Promise<{ organisationId: string; cases: number }[]> {
  const orgs = await deps.db.kysely
    .selectFrom("organisations")
    .select(["id", "time_zone", "country", "closing_days"])
    .$if(organisationId !== undefined, (q) => q.where("id", "=", organisationId ?? ""))
    .execute();
  const out: { organisationId: string; cases: number }[] = [];
  for (const o of orgs) {
    const org = {
      id: o.id,
      timeZone: o.time_zone,
      country: o.country as Organisation["country"],
      closingDays: JSON.parse(o.closing_days) as string[],
    };
    const cases = await deps.db.transaction((tx) => rebuildOrganisationStats(tx, org));
    out.push({ organisationId: o.id, cases });
  }
  await analyzeStats(deps.db.kysely);
  return out;
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
  /** personnel cases (and the rest) as records, through the raw path */
  personnelRecords: (period: { from: string; to: string }) => Promise<StatsRecord[]>;
}

/** Whether the rollups can answer: at most two rolled dimensions, with the unit filter counted. */
export function rollupAnswers(q: Pick<RollupQuery, "by" | "unitId">): boolean {
  return rollupTableOf(q.unitId ? [...q.by, "unit"] : q.by).length <= 2;
}

/** The rows of a period: whole months from the rollup, the rest from the facts and the cases. */
export async function statsRows(tx: Tx, viewer: RollupViewer, q: RollupQuery): Promise<StatsRow[]> {
  const { today } = viewer;
  const by = q.by;
  const table = rollupTableOf(q.unitId ? [...by, "unit"] : by);
  const unitCode = (id: string) => viewer.directory.units.get(id)?.code ?? id;
  const identifiable = (s: StoredFacts) =>
    countsWithDetails(viewer.scope, {
      organisationId: s.organisationId,
      procedureId: s.facts.procedureId,
      confidentiality: "normal",
      unitId: s.facts.unitId,
      personComplainedAboutId: s.personComplainedAboutId,
      handlerIds: [],
      coordinatorId: null,
      approverId: null,
    });
  const ofUnit = (f: StatsFacts) => q.unitId === undefined || f.unitId === q.unitId;
  const recordOf = (s: StoredFacts, seen: boolean) =>
    recordOfFacts(s.facts, s.facts.unitId ? unitCode(s.facts.unitId) : null, seen);
  const rows: StatsRow[] = [];
  const filter = { procedureId: q.procedure };
  // open cases come from their rollup tables, judged today; by age band they are read as cases
  const openRolled = !by.includes("ageBand");
  const factsOf = async (days: { from: string; to: string }, more: { open?: boolean; personId?: string }) =>
    more.open === undefined
      ? [
          ...(await factsIn(tx, viewer.organisationId, days, { ...filter, ...more, open: false })),
          ...(await factsIn(tx, viewer.organisationId, days, { ...filter, ...more, open: true })),
        ]
      : factsIn(tx, viewer.organisationId, days, { ...filter, ...more });
  const { whole, edges } = splitPeriod(q.from, q.to);
  if (whole) {
    const tables = openRolled ? [table.join(","), OPEN_TABLE + table.join(",")] : [table.join(",")];
    for (const name of tables) {
      for (const r of await rollupRows(tx, viewer.organisationId, name, whole, q.procedure)) {
        const stored = (d: string) => (d === table[0] ? r.v1 : r.v2);
        if (q.unitId !== undefined && stored("unit") !== q.unitId) continue;
        rows.push({
          values: by.map((d) =>
            d === "month"
              ? [r.month]
              : d === "procedure"
                ? [r.procedureId]
                : d === "ageBand"
                  ? ["closed"]
                  : expandRolled(d, stored(d), unitCode),
          ),
          tally: resolvePending(r.tally, today),
          identifiable: true,
        });
      }
    }
    // the rolled-up cases about the viewer: out of their cells, into "other"
    const days = { from: `${whole.from}-01`, to: `${whole.to}-31` };
    for (const s of await factsOf(days, {
      personId: viewer.personId,
      ...(openRolled ? {} : { open: false }),
    })) {
      if (!ofUnit(s.facts) || identifiable(s)) continue;
      const row = rowOfRecord(recordOf(s, true), by, today);
      rows.push({ ...row, tally: negate(row.tally) }, { ...row, identifiable: false });
    }
  }
  const cases = [
    ...(await Promise.all(edges.map((days) => factsOf(days, openRolled ? {} : { open: false })))).flat(),
    ...(openRolled ? [] : await factsIn(tx, viewer.organisationId, q, { ...filter, open: true })),
  ];
  for (const s of cases) if (ofUnit(s.facts)) rows.push(rowOfRecord(recordOf(s, identifiable(s)), by, today));
  for (const r of await viewer.personnelRecords(q)) rows.push(rowOfRecord(r, by, today));
  return rows;
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
