/**
 * The statistics rollups (decision 0024): one facts row per case and monthly rollup rows of
 * tallies. A case write only writes its facts row and marks it pending, keeping the facts the
 * rollups still hold for it (`rolled`); a job folds pending rows into the rollup rows and a figure
 * reads the rollups plus the pending rows' difference, so intakes never wait on each other's
 * rollup rows (item 8). Rollup rows are only ever changed by adding: an upsert whose update adds
 * the new tally to the stored one in SQL, so concurrent folds never lose each other's counts.
 */
import { type Kysely, sql } from "kysely";
import type { StatsFacts, Tally } from "../domain/statistics-facts.js";
import { ALL_PROCEDURES, type RollupKey, waitsForReply } from "../domain/statistics-rollup.js";
import type { EncodedRollupRow } from "../domain/statistics-rollup-builder.js";
import type { DialectName } from "./dialect.js";
import type { Database } from "./schema.js";

export interface StatsFactsTable {
  case_id: string;
  organisation_id: string;
  procedure_id: string;
  received_date: string;
  /** 1 while the case waits for its reply (not ended, not replied): in the open tables */
  open: number;
  /** 1 for normal confidentiality */
  normal: number;
  person_complained_about_id: string | null;
  /** the unit's id (also in the facts): a figure filtered by unit reads its own cases */
  unit_id: string | null;
  facts: string;
  /** 1 while the rollups hold `rolled` rather than `facts` for this case (migration 2026-12-02T03) */
  pending: number;
  /** the facts the rollups hold while pending; null for none (a new case) */
  rolled: string | null;
}

export interface StatsRollupTable {
  organisation_id: string;
  /** the rollup table: rolled dimensions comma-joined, "" for none */
  dims: string;
  /** YYYY-MM of receipt; YYYY-MM-DD in the day tables */
  month: string;
  procedure_id: string;
  v1: string;
  v2: string;
  /** the number of cases (also in the tally), to skip emptied rows */
  n: number;
  /** JSON object of counters and histograms; json on PostgreSQL (read back parsed; not jsonb since migration 2026-12-02T02) */
  tally: string | Tally;
}

export type StatsTables = {
  stats_facts: StatsFactsTable;
  stats_rollup: StatsRollupTable;
};

type Db = Kysely<Database>;
export const statsTables = (db: Db) => db.withTables<StatsTables>();
const t = statsTables;

export interface StoredFacts {
  caseId: string;
  organisationId: string;
  facts: StatsFacts;
  normal: boolean;
  personComplainedAboutId: string | null;
}

function toStored(r: {
  case_id: string;
  organisation_id: string;
  normal: number;
  person_complained_about_id: string | null;
  facts: string;
}): StoredFacts {
  return {
    caseId: r.case_id,
    organisationId: r.organisation_id,
    facts: JSON.parse(r.facts) as StatsFacts,
    normal: Number(r.normal) === 1,
    personComplainedAboutId: r.person_complained_about_id,
  };
}

const factsColumns = ["case_id", "organisation_id", "normal", "person_complained_about_id", "facts"] as const;

export async function readFacts(db: Db, caseId: string): Promise<StoredFacts | null> {
  const row = await t(db)
    .selectFrom("stats_facts")
    .select(factsColumns)
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row ? toStored(row) : null;
}

function factsRow(s: StoredFacts, pending: boolean): StatsFactsTable {
  return {
    case_id: s.caseId,
    organisation_id: s.organisationId,
    procedure_id: s.facts.procedureId,
    received_date: s.facts.receivedDate,
    open: waitsForReply(s.facts) ? 1 : 0,
    normal: s.normal ? 1 : 0,
    person_complained_about_id: s.personComplainedAboutId,
    unit_id: s.facts.unitId,
    facts: JSON.stringify(s.facts),
    pending: pending ? 1 : 0,
    rolled: null,
  };
}

/**
 * A case write: its facts row, pending until folded. A row not yet pending keeps its old facts as
 * what the rollups hold; a pending row keeps what it kept (SQL reads the old row in both branches).
 */
export async function writeFacts(db: Db, s: StoredFacts): Promise<void> {
  const row = factsRow(s, true);
  const { case_id: _, rolled: __, ...rest } = row;
  await t(db)
    .insertInto("stats_facts")
    .values(row)
    .onConflict((oc) =>
      oc.column("case_id").doUpdateSet({
        ...rest,
        rolled: sql<
          string | null
        >`case when stats_facts.pending = 1 then stats_facts.rolled else stats_facts.facts end`,
      }),
    )
    .execute();
}

export interface PendingFacts {
  caseId: string;
  organisationId: string;
  /** what the rollups hold for the case (null: nothing) and what they should hold */
  rolled: StatsFacts | null;
  facts: StatsFacts;
}

/**
 * The pending facts rows, of one organisation or all. `lock` (PostgreSQL, for the fold): the rows
 * are locked, and rows a case write is changing are left for the next fold rather than waited for.
 */
export async function pendingFacts(
  db: Db,
  options: {
    organisationId?: string;
    /** only rows received in these days, and changed cases (whose old facts may lie elsewhere) */
    receivedIn?: { from: string; to: string };
    limit?: number;
    lock?: boolean;
  },
): Promise<PendingFacts[]> {
  let q = t(db)
    .selectFrom("stats_facts")
    .select(["case_id", "organisation_id", "facts", "rolled"])
    .where("pending", "=", 1);
  if (options.organisationId !== undefined) q = q.where("organisation_id", "=", options.organisationId);
  const days = options.receivedIn;
  if (days) {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("received_date", ">=", days.from), eb("received_date", "<=", days.to)]),
        eb("rolled", "is not", null),
      ]),
    );
  }
  if (options.limit !== undefined) q = q.orderBy("case_id").limit(options.limit);
  if (options.lock) q = q.forUpdate().skipLocked();
  return (await q.execute()).map((r) => ({
    caseId: r.case_id,
    organisationId: r.organisation_id,
    rolled: r.rolled === null ? null : (JSON.parse(r.rolled) as StatsFacts),
    facts: JSON.parse(r.facts) as StatsFacts,
  }));
}

/** After their difference went into the rollups: the rows' facts are what the rollups hold. */
export async function markFolded(db: Db, caseIds: readonly string[]): Promise<void> {
  for (let i = 0; i < caseIds.length; i += 500) {
    await t(db)
      .updateTable("stats_facts")
      .set({ pending: 0, rolled: null })
      .where("case_id", "in", caseIds.slice(i, i + 500))
      .execute();
  }
}

/** The tally stored plus the tally given, without zero entries: in SQL, on the locked row. */
function mergeTallies(dialect: DialectName) {
  return dialect === "postgres"
    ? sql<string>`(select coalesce(json_object_agg(k, s), '{}'::json) from (
        select k, sum(v) as s from (
          select key as k, value::numeric as v from json_each_text(stats_rollup.tally)
          union all select key, value::numeric from json_each_text(excluded.tally)) x
        group by k having sum(v) <> 0) y)`
    : sql<string>`(select coalesce(json_group_object(key, s), '{}') from (
        select key, sum(value) as s from (
          select key, value from json_each(stats_rollup.tally)
          union all select key, value from json_each(excluded.tally))
        group by key having sum(value) <> 0))`;
}

/** Adds each tally to its rollup row (negative entries subtract), creating rows as needed. */
export async function addToRollup(
  db: Db,
  dialect: DialectName,
  organisationId: string,
  deltas: readonly EncodedRollupRow[],
): Promise<void> {
  // one order for every writer, so two transactions lock shared rows in the same order
  const rows = deltas
    .map(({ key, n, tally }) => ({
      organisation_id: organisationId,
      dims: key.dims,
      month: key.month,
      procedure_id: key.procedureId,
      v1: key.v1,
      v2: key.v2,
      n,
      tally,
    }))
    .sort((a, b) => compareKeys(a, b));
  for (let i = 0; i < rows.length; i += 200) {
    await t(db)
      .insertInto("stats_rollup")
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc
          .columns(["organisation_id", "dims", "month", "procedure_id", "v1", "v2"])
          .doUpdateSet({ n: sql`stats_rollup.n + excluded.n`, tally: mergeTallies(dialect) }),
      )
      .execute();
  }
}

const compareKeys = (a: StatsRollupTable, b: StatsRollupTable) =>
  a.dims.localeCompare(b.dims) ||
  a.month.localeCompare(b.month) ||
  a.procedure_id.localeCompare(b.procedure_id) ||
  a.v1.localeCompare(b.v1) ||
  a.v2.localeCompare(b.v2);

export interface RollupRow {
  procedureId: string;
  month: string;
  v1: string;
  v2: string;
  /** as stored: JSON, read into a figure's sums without parsing it to an object (TallySum) */
  tally: string;
}

/**
 * The non-empty rows of one rollup table over whole months (or days, in a day table): of one
 * procedure, of all procedures together (`ALL_PROCEDURES`), or of each procedure (none given).
 */
export async function rollupRows(
  db: Db,
  organisationId: string,
  dims: string,
  months: { from: string; to: string },
  procedureId?: string,
  /** only the rows with this value in the first or second column (the unit filter) */
  value?: { column: "v1" | "v2"; is: string },
): Promise<RollupRow[]> {
  let q = t(db)
    .selectFrom("stats_rollup")
    // as text on PostgreSQL too, where the driver would parse json
    .select(["procedure_id", "month", "v1", "v2", sql<string>`cast(tally as text)`.as("tally")])
    .where("organisation_id", "=", organisationId)
    .where("dims", "=", dims)
    .where("month", ">=", months.from)
    .where("month", "<=", months.to)
    .where("n", "<>", 0);
  if (value) q = q.where(value.column, "=", value.is);
  // without a procedure: each procedure's rows, not those of all procedures together as well
  q = procedureId ? q.where("procedure_id", "=", procedureId) : q.where("procedure_id", "<>", ALL_PROCEDURES);
  return (await q.execute()).map((r) => ({
    procedureId: r.procedure_id,
    month: r.month,
    v1: r.v1,
    v2: r.v2,
    tally: r.tally,
  }));
}

/**
 * Facts of the cases received in the given days: `open` true for the cases not ended, false for
 * the ended ones, absent for both; `normal` likewise for normal confidentiality; `personId` only
 * the cases about that person.
 */
export async function factsIn(
  db: Db,
  organisationId: string,
  days: { from: string; to: string },
  filter: { open?: boolean; normal?: boolean; procedureId?: string; personId?: string; unitId?: string },
): Promise<StoredFacts[]> {
  // "in (0, 1)" rather than no condition, so the (organisation, normal, open, date) index serves
  const either = (v: boolean | undefined) => (v === undefined ? [0, 1] : [v ? 1 : 0]);
  let q = t(db)
    .selectFrom("stats_facts")
    .select(factsColumns)
    .where("organisation_id", "=", organisationId)
    .where("received_date", ">=", days.from)
    .where("received_date", "<=", days.to);
  if (filter.unitId !== undefined) {
    // the (organisation, unit, date) index: one unit's cases
    q = q.where("unit_id", "=", filter.unitId);
    if (filter.normal !== undefined) q = q.where("normal", "=", filter.normal ? 1 : 0);
    if (filter.open !== undefined) q = q.where("open", "=", filter.open ? 1 : 0);
  } else if (!filter.personId) {
    q = q.where("normal", "in", either(filter.normal)).where("open", "in", either(filter.open));
  } else if (filter.open !== undefined) q = q.where("open", "=", filter.open ? 1 : 0);
  if (filter.procedureId) q = q.where("procedure_id", "=", filter.procedureId);
  if (filter.personId) q = q.where("person_complained_about_id", "=", filter.personId);
  return (await q.execute()).map(toStored);
}

/** Fresh planner statistics for the tables a rebuild filled (their indexes are chosen by them). */
export async function analyzeStats(db: Db): Promise<void> {
  await sql`analyze stats_facts`.execute(db);
  await sql`analyze stats_rollup`.execute(db);
}

/**
 * Drops an organisation's facts and rollup rows (before a rebuild). The facts rows first: a fold
 * holding some of them finishes before the rebuild touches a rollup row the fold would change.
 */
export async function clearStats(db: Db, organisationId: string): Promise<void> {
  await t(db).deleteFrom("stats_facts").where("organisation_id", "=", organisationId).execute();
  await t(db).deleteFrom("stats_rollup").where("organisation_id", "=", organisationId).execute();
}

/**
 * A rebuilt case's facts row. `pending`: the case was written after the rollups were built; they
 * hold `rolled` for it (null: nothing, a case received since), and the fold adds the difference.
 */
export interface RebuiltFacts extends StoredFacts {
  pending?: { rolled: StatsFacts | null };
}

/** Bulk inserts for a rebuild, in multi-row statements under the bound-parameter limits. */
export async function insertFacts(db: Db, rows: readonly RebuiltFacts[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await t(db)
      .insertInto("stats_facts")
      .values(
        rows.slice(i, i + 500).map((r) => ({
          ...factsRow(r, r.pending !== undefined),
          rolled: r.pending?.rolled ? JSON.stringify(r.pending.rolled) : null,
        })),
      )
      .execute();
  }
}

/** Rows in the rollup's key order: each table's new month is appended to its part of the index. */
function inKeyOrder(rows: readonly EncodedRollupRow[]) {
  const id = ({ key: k }: { key: RollupKey }) =>
    `${k.dims}\u0000${k.month}\u0000${k.procedureId}\u0000${k.v1}\u0000${k.v2}`;
  return rows
    .map((r) => ({ r, id: id(r) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ r }) => r);
}

export async function insertRollup(
  db: Db,
  organisationId: string,
  rows: readonly EncodedRollupRow[],
): Promise<void> {
  const values = inKeyOrder(rows).map(({ key, n, tally }) => ({
    organisation_id: organisationId,
    dims: key.dims,
    month: key.month,
    procedure_id: key.procedureId,
    v1: key.v1,
    v2: key.v2,
    n,
    tally,
  }));
  for (let i = 0; i < values.length; i += 500) {
    await t(db)
      .insertInto("stats_rollup")
      .values(values.slice(i, i + 500))
      .execute();
  }
}

/** Every rollup row of an organisation (the rebuild test compares them). */
export async function allRollupRows(
  db: Db,
  organisationId: string,
): Promise<{ key: RollupKey; tally: Tally }[]> {
  const rows = await t(db)
    .selectFrom("stats_rollup")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("n", "<>", 0)
    .execute();
  return rows.map((r) => ({
    key: { procedureId: r.procedure_id, month: r.month, dims: r.dims, v1: r.v1, v2: r.v2 },
    tally: typeof r.tally === "string" ? (JSON.parse(r.tally) as Tally) : r.tally,
  }));
}
