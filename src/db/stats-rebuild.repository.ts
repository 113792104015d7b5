/**
 * The statistics rebuild (decision 0024): an organisation's facts and rollup rows recomputed from
 * its cases, one month per transaction. A month's rows depend on that month's cases only, so each
 * month is self-contained: its facts and rollup rows are deleted and written again together. The
 * write-ahead log and the time case writes wait stay those of one month, also at ten million cases
 * (one transaction for an organisation needed a log as large as its rollups). A month is built from
 * a read-only snapshot outside that transaction, so case writes wait only for its deletes and
 * inserts; cases written in between are found by their version and left pending for the fold. The
 * last month done is kept in the installation table: a rebuild that is stopped resumes after it.
 */
import type { Kysely } from "kysely";
import type { Organisation } from "../domain/organisation.js";
import { factsOfSource, nextMonth } from "../domain/statistics-case-facts.js";
import type { StatsFacts } from "../domain/statistics-facts.js";
import { recordKeyOf } from "../domain/statistics-perturbation.js";
import { CLASS_PREFIXES, DAY_TABLE, OPEN_TABLE, ROLLUP_TABLES } from "../domain/statistics-rollup.js";
import { type EncodedRollupRow, RollupBuilder } from "../domain/statistics-rollup-builder.js";
import type { DialectSupport } from "./dialect.js";
import { cellKeySecret } from "./installation.repository.js";
import { STATS_STALE_KEY } from "./migrations/2026-12-01T30-stats-stale.js";
import { restrictedByDefaultJudge } from "./restricted-by-default.repository.js";
import type { Database } from "./schema.js";
import { type CaseStatsRow, caseStatsRows } from "./statistics.repository.js";
import {
  analyzeStats,
  clearStats,
  insertFacts,
  insertRollup,
  type RebuiltFacts,
  type StoredFacts,
  statsTables,
} from "./stats-rollup.repository.js";

/** What a rebuild needs of the database handle (KlaraDb has it). */
type RebuildDb = { kysely: Kysely<Database>; dialect: DialectSupport };
type Org = Pick<Organisation, "id" | "timeZone" | "country" | "closingDays">;

/** The installation key of an organisation's rebuild under way: its value, the last month done. */
const PROGRESS = "stats_rebuild:";
export const progressKey = (organisationId: string) => `${PROGRESS}${organisationId}`;
/** An organisation's progress once done, kept until the rebuild of every organisation ends. */
const DONE = "done";
/** Which stale mark (a migration's name) the rebuilds under way were started for. */
export const STARTED_FOR = "stats_rebuild_for";

/** Every rollup table's name: a month's rows are deleted table by table, along the primary key. */
const TABLE_NAMES = ROLLUP_TABLES.flatMap((dims) =>
  ["", DAY_TABLE].flatMap((day) =>
    ["", OPEN_TABLE].flatMap((open) => CLASS_PREFIXES.map((cls) => day + open + cls + dims.join(","))),
  ),
);

/** How a rebuild under way is watched and stopped. */
export interface RebuildControl {
  /** between a month's building and its writing (the tests write cases there) */
  beforeWrite?: (month: string) => Promise<void>;
  /** aborted: the rebuild stops before its next month's writing and rejects; run again, it resumes */
  signal?: AbortSignal;
  /** called once it is known there is a rebuild to do (after a migration's mark) */
  onStart?: () => void;
}

/**
 * Recomputes an organisation's statistics from its cases, a month per transaction. A rebuild under
 * way (stopped before its end) is resumed after its last month done; otherwise the organisation's
 * rows are deleted first. Case writes meanwhile stay counted: a month is recomputed from the cases
 * as they are when it is written (those written since its snapshot pending), and one written
 * earlier is changed by their pending rows' fold.
 */
export async function rebuildOrganisationStats(
  db: RebuildDb,
  org: Org,
  options: {
    /** part of every organisation's rebuild: done, its progress stays "done" until all are */
    keepDone?: boolean;
  } & RebuildControl = {},
): Promise<{ cases: number; resumedAfter: string | null }> {
  const kysely = db.kysely;
  const progress = await kysely
    .selectFrom("installation")
    .select("value")
    .where("key", "=", progressKey(org.id))
    .executeTakeFirst();
  if (progress?.value === DONE) {
    if (options.keepDone) return { cases: 0, resumedAfter: DONE };
    // left by a rebuild of every organisation, which ended without clearing it: start afresh
    await kysely.deleteFrom("installation").where("key", "=", progressKey(org.id)).execute();
  }
  const resumedAfter = progress && progress.value !== DONE ? progress.value : null;
  if (resumedAfter === null) {
    await kysely.transaction().execute(async (tx) => {
      await clearStats(tx, org.id);
      await tx
        .insertInto("installation")
        .values({ key: progressKey(org.id), value: "" })
        .execute();
    });
  }
  const range = await kysely
    .selectFrom("cases")
    .select((eb) => [eb.fn.min("received_date").as("first"), eb.fn.max("received_date").as("last")])
    .where("organisation_id", "=", org.id)
    .executeTakeFirst();
  const secret = await cellKeySecret(kysely);
  const months: string[] = [];
  if (range?.first && range.last) {
    for (let month = range.first.slice(0, 7); month <= range.last.slice(0, 7); month = nextMonth(month))
      if (resumedAfter === null || month > resumedAfter) months.push(month);
  }
  let count = 0;
  // Each month is built from a snapshot while the month before it is written: on PostgreSQL the
  // building (here) and the writing (the server) use both cores.
  let building = months[0] ? buildInSnapshot(kysely, org, months[0], secret) : null;
  for (let i = 0; building; i++) {
    const built = await building;
    // nothing in flight here: whoever stops the rebuild may close the database once it rejects
    options.signal?.throwIfAborted();
    building = months[i + 1] ? buildInSnapshot(kysely, org, months[i + 1] ?? "", secret) : null;
    // a failed write ends the loop before this is awaited: not an unhandled rejection
    building?.catch(() => {});
    await options.beforeWrite?.(built.month);
    count += await writeMonth(db, org, built, secret);
  }
  if (options.keepDone)
    await kysely
      .updateTable("installation")
      .set({ value: DONE })
      .where("key", "=", progressKey(org.id))
      .execute();
  else await kysely.deleteFrom("installation").where("key", "=", progressKey(org.id)).execute();
  return { cases: count, resumedAfter };
}

/** A month built from the cases as one snapshot showed them. */
interface BuiltMonth {
  month: string;
  /** each case's facts and the version they were computed from */
  cases: Map<string, { version: number; facts: StoredFacts }>;
  rollup: EncodedRollupRow[];
}

const daysOf = (month: string) => ({ from: `${month}-01`, to: `${month}-31` });

/** The stored facts of cases as read for statistics. */
async function factsOfRows(tx: Kysely<Database>, org: Org, secret: string, rows: readonly CaseStatsRow[]) {
  const byDefault = restrictedByDefaultJudge(tx);
  const out: { version: number; facts: StoredFacts }[] = [];
  for (const r of rows) {
    const f: StatsFacts = {
      ...factsOfSource({ ...r, restrictedOnlyByDefault: await byDefault(r) }, org),
      recordKey: recordKeyOf(secret, r.id),
    };
    out.push({
      version: r.version,
      facts: {
        caseId: r.id,
        organisationId: org.id,
        facts: f,
        normal: r.confidentiality === "normal",
        personComplainedAboutId: r.personComplainedAboutId,
      },
    });
  }
  return out;
}

/** A month's cases and their facts as one snapshot shows them. */
async function readMonth(tx: Kysely<Database>, org: Org, month: string, secret: string) {
  const rows = await caseStatsRows(tx, org.id, daysOf(month));
  const cases: BuiltMonth["cases"] = new Map();
  for (const c of await factsOfRows(tx, org, secret, rows)) cases.set(c.facts.caseId, c);
  return cases;
}

function builtOf(month: string, cases: BuiltMonth["cases"]): BuiltMonth {
  const rollup = new RollupBuilder();
  for (const c of cases.values()) rollup.add(c.facts.facts);
  return { month, cases, rollup: rollup.takeEncoded() };
}

async function buildMonth(
  tx: Kysely<Database>,
  org: Org,
  month: string,
  secret: string,
): Promise<BuiltMonth> {
  return builtOf(month, await readMonth(tx, org, month, secret));
}

/**
 * Built outside the write transaction, from a read-only snapshot (PostgreSQL repeatable read; a
 * deferred SQLite transaction reads one snapshot too): case writes go on while it is built. The
 * rollup rows are summed after the snapshot ends: SQLite's one connection serves the server's
 * requests meanwhile (a rebuild under `klara serve`).
 */
async function buildInSnapshot(kysely: Kysely<Database>, org: Org, month: string, secret: string) {
  const cases = await kysely
    .transaction()
    .setIsolationLevel("repeatable read")
    .setAccessMode("read only")
    .execute((tx) => readMonth(tx, org, month, secret));
  return builtOf(month, cases);
}

/**
 * One transaction: the month's facts and rollup rows deleted and written as built. A case written
 * since the snapshot (its version changed, or received since) gets its facts row as it is now,
 * pending with what the built rollups hold for it: the fold adds the difference.
 */
async function writeMonth(db: RebuildDb, org: Org, snapshot: BuiltMonth, secret: string): Promise<number> {
  return db.kysely.transaction().execute(async (tx) => {
    // no case write nor fold changes the statistics while the month is written
    await db.dialect.excludeStatsWriters(tx);
    const { month } = snapshot;
    const days = daysOf(month);
    // rows a case write or a fold made since the rebuild began
    await statsTables(tx)
      .deleteFrom("stats_facts")
      .where("organisation_id", "=", org.id)
      .where("received_date", ">=", days.from)
      .where("received_date", "<=", days.to)
      .execute();
    await statsTables(tx)
      .deleteFrom("stats_rollup")
      .where("organisation_id", "=", org.id)
      .where("dims", "in", TABLE_NAMES)
      .where("month", ">=", month)
      .where("month", "<=", `${month}-31`)
      .execute();
    const now = await tx
      .selectFrom("cases")
      .select(["id", "version"])
      .where("organisation_id", "=", org.id)
      .where("received_date", ">=", days.from)
      .where("received_date", "<=", days.to)
      .execute();
    // a case gone since the snapshot (no command deletes one yet; retention will): its part of the
    // built rollups cannot be taken away by a facts row, so the month is built again, under the lock
    const stillThere = new Set(now.map((c) => c.id));
    const built = [...snapshot.cases.keys()].every((id) => stillThere.has(id))
      ? snapshot
      : await buildMonth(tx, org, month, secret);
    const changed = now.filter((c) => built.cases.get(c.id)?.version !== Number(c.version)).map((c) => c.id);
    const current = new Map<string, StoredFacts>();
    for (let i = 0; i < changed.length; i += 500) {
      const rows = await caseStatsRows(tx, org.id, days, { caseIds: changed.slice(i, i + 500) });
      for (const c of await factsOfRows(tx, org, secret, rows)) current.set(c.facts.caseId, c.facts);
    }
    const facts: RebuiltFacts[] = [...built.cases.values()].map(({ facts: f }) => {
      const later = current.get(f.caseId);
      // most case writes (a note, a letter) change nothing the statistics count
      return later && JSON.stringify(later) !== JSON.stringify(f)
        ? { ...later, pending: { rolled: f.facts } }
        : f;
    });
    for (const [id, later] of current)
      if (!built.cases.has(id)) facts.push({ ...later, pending: { rolled: null } });
    await insertFacts(tx, facts);
    await insertRollup(tx, org.id, built.rollup);
    await tx
      .updateTable("installation")
      .set({ value: month })
      .where("key", "=", progressKey(org.id))
      .execute();
    return now.length;
  });
}

/**
 * Every organisation (or one), then the planner's statistics of both tables. `keepDone`: each
 * organisation done keeps the progress "done" (a stopped rebuild of all skips it when resumed); the
 * caller clears them all at the end.
 */
export async function rebuildAllStats(
  db: RebuildDb,
  organisationId?: string,
  options: { keepDone?: boolean } & RebuildControl = {},
): Promise<{ organisationId: string; cases: number; resumedAfter: string | null }[]> {
  const orgs = await db.kysely
    .selectFrom("organisations")
    .select(["id", "time_zone", "country", "closing_days"])
    .$if(organisationId !== undefined, (q) => q.where("id", "=", organisationId ?? ""))
    .orderBy("id")
    .execute();
  const out: { organisationId: string; cases: number; resumedAfter: string | null }[] = [];
  await db.dialect.bulkCache(db.kysely, true);
  try {
    for (const o of orgs) {
      const org = {
        id: o.id,
        timeZone: o.time_zone,
        country: o.country as Organisation["country"],
        closingDays: JSON.parse(o.closing_days) as string[],
      };
      out.push({ organisationId: o.id, ...(await rebuildOrganisationStats(db, org, options)) });
    }
  } finally {
    await db.dialect.bulkCache(db.kysely, false);
  }
  await analyzeStats(db.kysely);
  return out;
}

/**
 * After migrations that marked the statistics stale (a frozen migration cannot call this code):
 * rebuilds every organisation, then clears the mark. Stopped half way, the mark stays and the next
 * start resumes where it stopped: organisations done are skipped, the one under way resumes.
 */
export async function rebuildStatsIfStale(db: RebuildDb, control: RebuildControl = {}): Promise<boolean> {
  const marked = await staleMark(db.kysely);
  if (!marked) return false;
  control.onStart?.();
  const startedFor = await db.kysely
    .selectFrom("installation")
    .select("value")
    .where("key", "=", STARTED_FOR)
    .executeTakeFirst();
  if (startedFor?.value !== marked.value) {
    // months a rebuild under way wrote before this mark are of the old layout: start again
    await db.kysely.transaction().execute(async (tx) => {
      await tx.deleteFrom("installation").where("key", "like", `${PROGRESS}%`).execute();
      await tx.deleteFrom("installation").where("key", "=", STARTED_FOR).execute();
      await tx.insertInto("installation").values({ key: STARTED_FOR, value: marked.value }).execute();
    });
  }
  await rebuildAllStats(db, undefined, { ...control, keepDone: true });
  await db.kysely.transaction().execute(async (tx) => {
    await tx.deleteFrom("installation").where("key", "like", `${PROGRESS}%`).execute();
    await tx.deleteFrom("installation").where("key", "in", [STATS_STALE_KEY, STARTED_FOR]).execute();
  });
  return true;
}

function staleMark(kysely: Kysely<Database>) {
  return kysely
    .selectFrom("installation")
    .select("value")
    .where("key", "=", STATS_STALE_KEY)
    .executeTakeFirst();
}

/**
 * Whether a migration marked the statistics stale and they are not rebuilt yet: their rollups may
 * be of an older layout, so figures are computed from the cases meanwhile, and nothing is folded.
 */
export async function statsStale(kysely: Kysely<Database>): Promise<boolean> {
  return (await staleMark(kysely)) !== undefined;
}
