/**
 * Statistics benchmark (issue 9.6, decision 0024): `npm run bench:stats`, and the third part of
 * `npm run bench`. For SQLite (a fresh temporary file) and, when KLARA_BENCH_PG_URL is set,
 * PostgreSQL (database `klara_bench`, created anew): `klara demo`, then KLARA_BENCH_CASES cases
 * (default 1,000,000; 10,000,000 is opt-in) generated straight into the database across the five
 * procedures (bench/stats-generate.ts), `klara stats rebuild` (timed: what a migration of an existing
 * database does once), and then, in this process through the built app (dist/), each dashboard
 * figure of the largest organisation as an analyst (small cells suppressed) — one warm-up, then
 * the median and the slowest of --runs — against a baseline measured in the same run (a count of
 * the organisation's cases), and the yearly report (`klara report yearly`, PDF and HTML) timed as
 * a whole command. One figure is also computed from the cases alone (the raw path) for comparison.
 * Rewrites the "stats" section of BENCHMARKS.md.
 *
 * Options: --db sqlite|postgres|both (default sqlite, both with KLARA_BENCH_PG_URL), --runs N (5),
 * --out FILE (BENCHMARKS.md), --no-raw (skip the raw-path comparison), --keep (keep the SQLite file
 * in the temporary directory), --reuse FILE (measure such a file again: rebuild and figures),
 * --reuse-postgres (the same for the PostgreSQL database `klara_bench`) and --skip-rebuild (with a
 * reuse: the rollups are already rebuilt), --generate-only (only `klara demo` and the cases, the
 * SQLite file kept in the temporary directory, for runs with --reuse later: 10M takes long).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  benchDatabaseUrl,
  type DbKind,
  pgVersion,
  recreatePgDatabase,
  sqliteVersion,
} from "./lib/databases.js";
import { todayAnchor } from "./lib/generate.js";
import { installExitHandlers, onExit, ROOT, runKlaraCli } from "./lib/process.js";
import { fmt, machineLines, writeSection } from "./lib/report.js";
import {
  generateStatsPostgres,
  generateStatsSqlite,
  readPgStatsSetting,
  readSqliteStatsSetting,
  type StatsSetting,
} from "./stats-generate.js";

const TARGETS = { at1M: 100, at10M: 300, yearlyReportS: 10 };
installExitHandlers("bench:stats", 5 * 60 * 60 * 1000);
let workDir: string | undefined;
onExit(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** What the benchmark uses of the built app (imported at run time from dist/). */
interface App {
  openDatabase(target: string): { kysely: unknown; destroy(): Promise<void> };
  createDeps(db: unknown, clock: unknown): unknown;
  systemClock: unknown;
  StatsQuery: { parse(raw: unknown): unknown };
  getStatistics(deps: unknown, actor: unknown, query: unknown): Promise<{ total: number; groups: unknown[] }>;
  getStatisticsFromCases(deps: unknown, actor: unknown, query: unknown): Promise<{ total: number }>;
  sql: (strings: TemplateStringsArray, ...values: unknown[]) => { execute(db: unknown): Promise<unknown> };
}

async function loadApp(): Promise<App> {
  const dist = (p: string) => import(pathToFileURL(path.join(ROOT, "dist", p)).href);
  const [db, context, clock, schemas, statistics, kysely] = await Promise.all([
    dist("db/create-db.js"),
    dist("app/context.js"),
    dist("domain/clock.js"),
    dist("app/schemas.js"),
    dist("app/statistics.js"),
    import("kysely"),
  ]);
  return {
    openDatabase: db.openDatabase,
    createDeps: context.createDeps,
    systemClock: clock.systemClock,
    StatsQuery: schemas.StatsQuery,
    getStatistics: statistics.getStatistics,
    getStatisticsFromCases: statistics.getStatisticsFromCases,
    sql: kysely.sql as App["sql"],
  };
}

interface Figure {
  name: string;
  query: Record<string, string>;
}

function monthStart(ms: number, back: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
}
const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);
const dayAfter = (date: string) => new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;

/** The dashboard's figures: the last 12 whole months by each dimension and some pairs, and more. */
function figures(anchorMs: number): Figure[] {
  const from = monthStart(anchorMs, 12);
  const to = dayBefore(monthStart(anchorMs, 0));
  const today = new Date(anchorMs).toISOString().slice(0, 10);
  const year = { from, to };
  const one = [
    "type",
    "outcome",
    "category",
    "unit",
    "month",
    "procedure",
    "channel",
    "source",
    "appealsArea",
    "appealsResult",
    "rootCause",
    "deviation",
    "ageBand",
  ].map((d) => ({ name: d, query: { ...year, groupBy: d } }));
  const two = [
    "type,outcome",
    "category,month",
    "unit,outcome",
    "appealsArea,appealsResult",
    "rootCause,type",
    "procedure,month",
  ].map((d) => ({ name: d.replace(",", " × "), query: { ...year, groupBy: d } }));
  return [
    ...one,
    ...two,
    {
      name: "type, baseline the 12 months before",
      query: {
        ...year,
        groupBy: "type",
        baselineFrom: monthStart(anchorMs, 24),
        baselineTo: dayBefore(from),
      },
    },
    {
      name: "outcome, the last 365 days (partial months)",
      query: { from: dayBefore(dayBefore(from).slice(0, 8) + "15"), to: today, groupBy: "outcome" },
    },
    {
      name: "month × outcome, the last 12 months to today (the dashboard's quick choice)",
      query: { from: dayAfter(yearBefore(today)), to: today, groupBy: "month,outcome" },
    },
    {
      name: "type × outcome, the last 12 months to today (days at both ends)",
      query: { from: dayAfter(yearBefore(today)), to: today, groupBy: "type,outcome" },
    },
    {
      name: "category in the largest unit, the last 12 months to today",
      query: { from: dayAfter(yearBefore(today)), to: today, groupBy: "category", unit: "largest" },
    },
    {
      name: "month × outcome, five years",
      query: { from: monthStart(anchorMs, 60), to: today, groupBy: "month,outcome" },
    },
  ];
}

interface Timing {
  name: string;
  medianMs: number;
  maxMs: number;
  groups: number;
  total: number;
}

async function time<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface DbResult {
  kind: DbKind;
  cases: number;
  generateS: number;
  rebuildS: number;
  organisationCases: number;
  baselineMs: number;
  figures: Timing[];
  raw: { name: string; ms: number } | null;
  yearlyReportS: number;
}

const settingOf = (kind: DbKind, target: string, anchorMs: number): Promise<StatsSetting> =>
  kind === "sqlite"
    ? Promise.resolve(readSqliteStatsSetting(target, anchorMs))
    : readPgStatsSetting(target, anchorMs);

/** `klara demo` and the generated cases into an empty database; seconds the cases took. */
async function generate(kind: DbKind, target: string, count: number): Promise<number> {
  console.log(`\n[${kind}] klara demo`);
  runKlaraCli(["demo", "--db", target], { ...process.env, NODE_ENV: "production" }, 600_000);
  const setting = await settingOf(kind, target, todayAnchor());
  process.stdout.write(`[${kind}] generating ${count.toLocaleString("en")} cases `);
  const seconds =
    kind === "sqlite"
      ? generateStatsSqlite(target, setting, count)
      : await generateStatsPostgres(target, setting, count);
  console.log(` ${fmt(seconds, 1)} s`);
  return seconds;
}

async function benchmark(
  kind: DbKind,
  target: string,
  count: number,
  runs: number,
  withRaw: boolean,
  reuse = false,
  skipRebuild = false,
): Promise<DbResult> {
  const env = { ...process.env, NODE_ENV: "production" };
  const anchorMs = todayAnchor();
  const generateS = reuse ? Number.NaN : await generate(kind, target, count);
  const setting = await settingOf(kind, target, anchorMs);
  let rebuildMs = Number.NaN;
  if (!skipRebuild) {
    console.log(`[${kind}] klara stats rebuild`);
    [rebuildMs] = await time(async () =>
      runKlaraCli(["stats", "rebuild", "--db", target], env, 5 * 60 * 60 * 1000),
    );
    console.log(`[${kind}] rebuilt in ${fmt(rebuildMs / 1000, 1)} s`);
  }

  const app = await loadApp();
  const db = app.openDatabase(target);
  const deps = app.createDeps(db, app.systemClock);
  try {
    // the organisation with the most generated cases (the municipality)
    const weights = new Map<string, number>();
    for (const p of setting.procedures)
      weights.set(p.organisationId, (weights.get(p.organisationId) ?? 0) + p.weight);
    const organisationId = [...weights].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
    const actor = { personId: "bench-analyst", organisationId, name: "Bench Analyst", roles: ["analyst"] };
    const countQuery = app.sql`select count(*) as n from cases where organisation_id = ${organisationId}`;
    const baselineRuns: number[] = [];
    let organisationCases = 0;
    for (let i = 0; i <= runs; i++) {
      const [ms, result] = await time(() => countQuery.execute(db.kysely));
      organisationCases = Number((result as { rows: { n: number | string }[] }).rows[0]?.n ?? 0);
      if (i > 0) baselineRuns.push(ms);
    }
    // the unit with the most cases, for the figure filtered by unit
    const largestUnit =
      (await app.sql`select unit_id as id from cases where organisation_id = ${organisationId}
      and unit_id is not null group by unit_id order by count(*) desc limit 1`.execute(db.kysely)) as {
        rows: { id: string }[];
      };
    const timings: Timing[] = [];
    const measure = async (name: string, query: unknown) => {
      const ms: number[] = [];
      let last = { total: 0, groups: [] as unknown[] };
      for (let i = 0; i <= runs; i++) {
        const [t, result] = await time(() => app.getStatistics(deps, actor, query));
        last = result;
        if (i > 0) ms.push(t);
      }
      const timing = {
        name,
        medianMs: median(ms),
        maxMs: Math.max(...ms),
        groups: last.groups.length,
        total: last.total,
      };
      timings.push(timing);
      console.log(
        `[${kind}] ${name.padEnd(48)} ${fmt(timing.medianMs, 1).padStart(8)} ms  (max ${fmt(timing.maxMs, 1)})`,
      );
      return last;
    };
    for (const f of figures(anchorMs)) {
      const unit = f.query.unit === "largest" ? { unit: largestUnit.rows[0]?.id ?? "" } : {};
      await measure(f.name, app.StatsQuery.parse({ ...f.query, ...unit }));
    }
    // A figure while case writes wait for the fold (decision 0024, item 8): the latest 1,000 facts
    // rows pending, each still holding its own facts as what the rollups hold, so the numbers stay
    // the same while the figure reads and applies every pending row.
    const first = figures(anchorMs)[0] as Figure;
    const firstQuery = app.StatsQuery.parse(first.query);
    const folded = await app.getStatistics(deps, actor, firstQuery);
    await app.sql`update stats_facts set pending = 1, rolled = facts where case_id in (
      select case_id from stats_facts where organisation_id = ${organisationId}
      order by received_date desc limit 1000)`.execute(db.kysely);
    try {
      const pending = await measure(`${first.name}, 1,000 case writes not yet folded`, firstQuery);
      if (JSON.stringify(pending) !== JSON.stringify(folded))
        throw new Error("A figure with pending case writes differs from the folded figure.");
    } finally {
      await app.sql`update stats_facts set pending = 0, rolled = null where pending = 1`.execute(db.kysely);
    }
    let raw: DbResult["raw"] = null;
    if (withRaw) {
      const [ms] = await time(() =>
        app.getStatisticsFromCases(deps, actor, app.StatsQuery.parse(first.query)),
      );
      raw = { name: first.name, ms };
      console.log(`[${kind}] ${first.name} from the cases alone: ${fmt(ms, 0)} ms`);
    }
    const year = new Date(anchorMs).getUTCFullYear() - 1;
    const pdf = path.join(workDir ?? os.tmpdir(), `report-${kind}.pdf`);
    const [reportMs] = await time(async () =>
      runKlaraCli(
        [
          "report",
          "yearly",
          "--organisation",
          organisationId,
          "--year",
          String(year),
          "--out",
          pdf,
          "--db",
          target,
        ],
        env,
        600_000,
      ),
    );
    console.log(`[${kind}] yearly report ${year}: ${fmt(reportMs / 1000, 1)} s`);
    return {
      kind,
      cases: count,
      generateS,
      rebuildS: rebuildMs / 1000,
      organisationCases,
      baselineMs: median(baselineRuns),
      figures: timings,
      raw,
      yearlyReportS: reportMs / 1000,
    };
  } finally {
    await db.destroy();
  }
}

function report(results: DbResult[], versions: Record<string, string>, runs: number): string {
  const lines = [
    "## Statistics (dashboard figures and the yearly report)",
    "",
    "Written by `npm run bench:stats` (bench/stats.ts; decision 0024). Cases generated straight into the",
    "database across the five procedures, the rollups rebuilt with `klara stats rebuild`, then each figure of",
    `the largest organisation as an analyst: one warm-up, then the median and slowest of ${runs} runs, in the`,
    "benchmark's process through the built app (one transaction per figure, as the API runs it). The ratio is",
    "against a baseline measured in the same run: `select count(*) from cases where organisation_id = ?`.",
    `Targets: every figure ≤ ${TARGETS.at1M} ms at 1M cases and ≤ ${TARGETS.at10M} ms at 10M; the yearly report at 1M ≤ ${TARGETS.yearlyReportS} s.`,
    "",
    machineLines(versions),
    `- load average while measuring (1/5/15 min): ${os
      .loadavg()
      .map((l) => fmt(l, 1))
      .join(" / ")}`,
  ];
  for (const r of results) {
    const target = r.cases >= 10_000_000 ? TARGETS.at10M : TARGETS.at1M;
    lines.push(
      "",
      `### ${r.kind === "sqlite" ? "SQLite" : "PostgreSQL"}, ${r.cases.toLocaleString("en")} cases`,
      "",
      (Number.isNaN(r.generateS)
        ? "Measured again on the database an earlier run generated (--reuse), its rollups rebuilt" +
          (Number.isNaN(r.rebuildS) ? " before this run. " : ` in ${fmt(r.rebuildS, 0)} s. `)
        : `Generated in ${fmt(r.generateS, 0)} s; \`klara stats rebuild\` ${fmt(r.rebuildS, 0)} s. `) +
        `The organisation measured holds ${r.organisationCases.toLocaleString("en")} cases; baseline count ${fmt(r.baselineMs, 1)} ms.`,
      "",
      "| figure (last 12 whole months unless named) | groups | median ms | slowest ms | × baseline | target |",
      "|---|---:|---:|---:|---:|---|",
      ...r.figures.map(
        (f) =>
          `| ${f.name} | ${f.groups} | ${fmt(f.medianMs, 1)} | ${fmt(f.maxMs, 1)} | ${fmt(f.medianMs / r.baselineMs, 2)} | ${f.maxMs <= target ? "met" : `**over ${target} ms**`} |`,
      ),
      "",
      `Yearly report (\`klara report yearly\`, PDF and HTML, the whole command): ${fmt(r.yearlyReportS, 1)} s ` +
        `(${r.yearlyReportS <= TARGETS.yearlyReportS ? "met" : `**over ${TARGETS.yearlyReportS} s**`}).`,
    );
    if (r.raw)
      lines.push(
        "",
        `For comparison, "${r.raw.name}" from the cases alone (no rollups): ${fmt(r.raw.ms, 0)} ms.`,
      );
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: "string" },
      runs: { type: "string", default: "5" },
      out: { type: "string", default: path.join(ROOT, "BENCHMARKS.md") },
      "no-raw": { type: "boolean", default: false },
      /** an SQLite file an earlier run generated (kept with --keep): measured again without generating */
      reuse: { type: "string" },
      keep: { type: "boolean", default: false },
      "reuse-postgres": { type: "boolean", default: false },
      /** with --reuse: the file's rollups are already rebuilt */
      "skip-rebuild": { type: "boolean", default: false },
      /** only `klara demo` and the cases, kept for later runs with --reuse (10M takes long) */
      "generate-only": { type: "boolean", default: false },
    },
  });
  const count = Number(process.env["KLARA_BENCH_CASES"] ?? 1_000_000);
  if (!Number.isInteger(count) || count < 1000)
    throw new Error("KLARA_BENCH_CASES must be a whole number ≥ 1000");
  const pgUrl = process.env["KLARA_BENCH_PG_URL"];
  const kinds: DbKind[] =
    values.db === "both"
      ? ["sqlite", "postgres"]
      : values.db
        ? [values.db as DbKind]
        : pgUrl
          ? ["sqlite", "postgres"]
          : ["sqlite"];
  if (kinds.includes("postgres") && !pgUrl)
    throw new Error("PostgreSQL needs KLARA_BENCH_PG_URL (a server URL)");
  if (values["generate-only"]) {
    for (const kind of kinds) {
      const target =
        kind === "sqlite"
          ? path.join(os.tmpdir(), `klara-stats-${count}.db`)
          : await recreatePgDatabase(pgUrl as string);
      await generate(kind, target, count);
      console.log(
        `[${kind}] kept ${kind === "sqlite" ? target : "database klara_bench"}: measure with --reuse`,
      );
    }
    return 0;
  }
  workDir = mkdtempSync(path.join(os.tmpdir(), "klara-bench-stats-"));
  const runs = Number(values.runs);
  const results: DbResult[] = [];
  const versions: Record<string, string> = {};
  for (const kind of kinds) {
    if (kind === "sqlite") {
      versions["SQLite"] = sqliteVersion();
      const file = values.reuse ?? path.join(values.keep ? os.tmpdir() : workDir, `klara-stats-${count}.db`);
      if (values.keep) console.log(`[sqlite] keeping ${file}`);
      results.push(
        await benchmark(
          kind,
          file,
          count,
          runs,
          !values["no-raw"],
          values.reuse !== undefined,
          values["skip-rebuild"],
        ),
      );
    } else {
      versions["PostgreSQL"] = await pgVersion(pgUrl as string);
      // --reuse-postgres: measure the database an earlier run generated (klara_bench) again
      const reusePg = values["reuse-postgres"];
      const target = reusePg ? benchDatabaseUrl(pgUrl as string) : await recreatePgDatabase(pgUrl as string);
      results.push(
        await benchmark(kind, target, count, runs, !values["no-raw"], reusePg, values["skip-rebuild"]),
      );
    }
  }
  const body = report(results, versions, runs);
  writeSection(values.out as string, "stats", body);
  console.log(`\n${body}`);
  const over = results.some(
    (r) =>
      r.figures.some((f) => f.maxMs > (r.cases >= 10_000_000 ? TARGETS.at10M : TARGETS.at1M)) ||
      (r.cases <= 1_000_000 && r.yearlyReportS > TARGETS.yearlyReportS),
  );
  return over ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench:stats: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  },
);
