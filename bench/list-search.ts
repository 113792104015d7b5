/**
 * Case list and full-text search benchmark: `npm run bench:list` (builds like `npm run bench`);
 * `npm run bench` runs the intake benchmark (bench/run.ts) and then this one (bench/all.ts).
 *
 * For SQLite (a fresh temporary file) and PostgreSQL (KLARA_BENCH_PG_URL's server, else a throwaway
 * one from scripts/pg-test-server.sh; the database `klara_bench` is created anew): `klara demo --json`
 * (the admin's token), then cases generated straight into the database (bench/lib/generate.ts: the same
 * data on both, 85 % closed, 15 % open and due within ±60 days, 2 % personnel, a search word in
 * ~0.5 % of cases) up to each size (default 100,000, then topped up to 1,000,000), ANALYZE, and for
 * each size the real server (`klara serve`, KLARA_RATE_LIMIT=0) measured with autocannon on 127.0.0.1
 * at a fixed offered rate (default 50 requests/s, 2 connections, 3 s warm-up, 10 s measured; latency,
 * not throughput) for
 *   (a) GET /api/v1/cases?sort=due&limit=50                       what is due
 *   (b) GET /api/v1/cases?status=in_progress&sort=-received&limit=50
 *   (c) the second page of (a), through its nextCursor
 *   (d) GET /api/v1/cases?q=<the 0.5 % word>&limit=50              full-text search
 * The first answer to each must be 200 with items, or the benchmark fails. At the largest size it
 * also profiles each query (bench/lib/profile.ts: the statements a request runs and their plans).
 * It prints the figures and rewrites its section of BENCHMARKS.md.
 *
 * Options: --db sqlite|postgres|both (default both), --sizes 100000,1000000, --rate N (50),
 * --connections N (2), --duration S (10), --warmup S (3), --no-profile, --out FILE (BENCHMARKS.md).
 * KLARA_BENCH_CLI=<file> measures another build of Klara's CLI instead of dist/cli/main.js.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";
import { SEARCH_WORD, type Setting, type TextPools, textPools } from "./lib/case-data.js";
import {
  type DbKind,
  dropPgDatabase,
  pgVersion,
  postgresServerUrl,
  recreatePgDatabase,
  sqliteVersion,
  stopThrowawayPg,
} from "./lib/databases.js";
import {
  generatePostgres,
  generateSqlite,
  readPgSetting,
  readSqliteSetting,
  todayAnchor,
} from "./lib/generate.js";
import { listReport, type QueryResult, type Settings, type SizeResult } from "./lib/list-report.js";
import {
  HOST,
  installExitHandlers,
  KLARA_CLI,
  onExit,
  ROOT,
  RssWatch,
  runKlaraCli,
  startServer,
  stopServer,
  tail,
} from "./lib/process.js";
import { profileQueries, type QueryProfile } from "./lib/profile.js";
import { writeSection } from "./lib/report.js";

const WATCHDOG_MS = 30 * 60 * 1000;
const ADMIN = "admin@kommune.example";

let workDir: string | undefined;
installExitHandlers("bench:list", WATCHDOG_MS);
onExit(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

interface Page {
  items: unknown[];
  nextCursor: string | null;
}

/** The first answer must be 200 with items: anything else fails the benchmark. */
async function firstPage(port: number, token: string, urlPath: string): Promise<Page> {
  const response = await fetch(`http://${HOST}:${port}${urlPath}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`GET ${urlPath} answered ${response.status}, expected 200: ${text.slice(0, 500)}`);
  }
  const body = JSON.parse(text) as Partial<Page>;
  if (!Array.isArray(body.items) || body.items.length === 0) {
    throw new Error(`GET ${urlPath} answered 200 without items: ${text.slice(0, 500)}`);
  }
  return { items: body.items, nextCursor: body.nextCursor ?? null };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** A fixed offered rate: a warm-up, then the measured run with every response time recorded. */
async function measureQuery(
  port: number,
  token: string,
  label: string,
  urlPath: string,
  items: number,
  settings: Settings,
): Promise<QueryResult> {
  const run = (durationS: number, times?: number[]) => {
    const instance = autocannon({
      url: `http://${HOST}:${port}${urlPath}`,
      connections: settings.connections,
      duration: durationS,
      overallRate: settings.rate,
      timeout: 10,
      headers: { authorization: `Bearer ${token}` },
    });
    if (times) {
      instance.on("response", (_client, status, _bytes, ms) => {
        if (status >= 200 && status < 300) times.push(ms);
      });
    }
    return instance;
  };
  await run(settings.warmupS);
  const times: number[] = [];
  const result = await run(settings.durationS, times);
  times.sort((a, b) => a - b);
  const q: QueryResult = {
    label,
    path: urlPath,
    items,
    requests: times.length,
    failures: result.non2xx + result.errors + result.timeouts,
    rateAchieved: result["2xx"] / result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.at(-1) ?? Number.NaN,
  };
  console.log(
    `    ${label}: p50 ${q.p50.toFixed(1)} ms, p95 ${q.p95.toFixed(1)} ms, p99 ${q.p99.toFixed(1)} ms ` +
      `(${q.requests} answers, ${q.failures} failed, ${q.rateAchieved.toFixed(0)}/s)`,
  );
  if (q.failures > 0) console.log(`    status codes: ${JSON.stringify(result.statusCodeStats)}`);
  return q;
}

interface BenchDatabase {
  kind: DbKind;
  target: string;
  setting: Setting;
  token: string;
  generate(pools: TextPools, from: number, to: number): Promise<number>;
  count(): Promise<number>;
}

async function prepare(kind: DbKind, benchDir: string, pgServer: () => string): Promise<BenchDatabase> {
  const target =
    kind === "sqlite"
      ? path.join(mkdtempSync(path.join(benchDir, "sqlite-")), "bench.db")
      : await recreatePgDatabase(pgServer());
  const env = { ...process.env, NODE_ENV: "production" };
  const demo = JSON.parse(runKlaraCli(["demo", "--db", target, "--json"], env)) as {
    tokens?: Record<string, string>;
  };
  const token = demo.tokens?.[ADMIN];
  if (!token) throw new Error(`klara demo --json printed no token for ${ADMIN}`);
  const anchor = todayAnchor();
  if (kind === "sqlite") {
    const setting = readSqliteSetting(target, anchor);
    return {
      kind,
      target,
      token,
      setting,
      generate: async (pools, from, to) => generateSqlite(target, setting, pools, from, to),
      count: async () => {
        const db = new Database(target, { readonly: true });
        try {
          return (db.prepare("select count(*) as n from cases").get() as { n: number }).n;
        } finally {
          db.close();
        }
      },
    };
  }
  const setting = await readPgSetting(target, anchor);
  return {
    kind,
    target,
    token,
    setting,
    generate: (pools, from, to) => generatePostgres(target, setting, pools, from, to),
    count: async () => {
      const client = new pg.Client({ connectionString: target });
      await client.connect();
      try {
        return Number((await client.query("select count(*) as n from cases")).rows[0]?.n);
      } finally {
        await client.end();
      }
    },
  };
}

async function measureSize(
  db: BenchDatabase,
  size: number,
  generateS: number,
  settings: Settings,
  benchDir: string,
  profile: boolean,
): Promise<SizeResult> {
  const log = path.join(benchDir, `klara-${db.kind}-${size}.log`);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", KLARA_RATE_LIMIT: "0" };
  const server = await startServer(
    `klara (${db.kind}, ${size} cases)`,
    [KLARA_CLI, "serve", "--db", db.target, "--host", HOST],
    env,
    log,
  );
  const queries: { label: string; path: string }[] = [];
  const results: QueryResult[] = [];
  const rss = new RssWatch(server.child.pid ?? 0);
  try {
    const due = "/api/v1/cases?sort=due&limit=50";
    const dueFirst = await firstPage(server.port, db.token, due);
    if (!dueFirst.nextCursor) throw new Error(`GET ${due} gave no nextCursor with ${size} cases`);
    const specs = [
      { label: "(a) sort=due", path: due },
      {
        label: "(b) status=in_progress, sort=-received",
        path: "/api/v1/cases?status=in_progress&sort=-received&limit=50",
      },
      {
        label: "(c) sort=due, 2nd page (cursor)",
        path: `/api/v1/cases?sort=due&limit=50&cursor=${encodeURIComponent(dueFirst.nextCursor)}`,
      },
      { label: `(d) q=${SEARCH_WORD}`, path: `/api/v1/cases?q=${SEARCH_WORD}&limit=50` },
    ];
    for (const spec of specs) {
      const page = await firstPage(server.port, db.token, spec.path);
      queries.push(spec);
      results.push(
        await measureQuery(server.port, db.token, spec.label, spec.path, page.items.length, settings),
      );
    }
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\nserver log:\n${tail(log, 10)}`,
    );
  } finally {
    await stopServer(server);
  }
  const peakRssMb = rss.stop();
  console.log(`    peak RSS ${peakRssMb.toFixed(0)} MB`);
  let profiles: QueryProfile[] | string | undefined;
  if (profile) {
    process.stdout.write("    profiling each query in-process … ");
    profiles = await profileQueries(db.kind, db.target, queries, db.token);
    console.log(typeof profiles === "string" ? profiles : "done");
  }
  return { db: db.kind, size, generateS, peakRssMb, queries: results, profiles };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "both" },
      sizes: { type: "string", default: "100000,1000000" },
      rate: { type: "string", default: "50" },
      connections: { type: "string", default: "2" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      "no-profile": { type: "boolean", default: false },
      out: { type: "string", default: "BENCHMARKS.md" },
    },
  });
  const settings: Settings = {
    rate: Number(values.rate),
    connections: Number(values.connections),
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
  };
  for (const [k, v] of Object.entries(settings)) {
    if (!Number.isFinite(v) || v <= 0 || v > 600)
      throw new Error(`--${k} must be a number between 0 and 600`);
  }
  const sizes = values.sizes.split(",").map(Number);
  if (
    sizes.some(
      (n, i) => !Number.isInteger(n) || n < 100 || n > 9_999_999 || (i > 0 && n <= (sizes[i - 1] ?? 0)),
    )
  ) {
    throw new Error("--sizes must be increasing whole numbers between 100 and 9,999,999");
  }
  if (!["sqlite", "postgres", "both"].includes(values.db))
    throw new Error("--db must be sqlite, postgres or both");
  const dbs: DbKind[] = values.db === "both" ? ["sqlite", "postgres"] : [values.db as DbKind];
  if (!existsSync(KLARA_CLI)) {
    throw new Error(
      `Klara's CLI ${path.relative(ROOT, KLARA_CLI)} is missing: build the app first (npm run build)`,
    );
  }

  const benchDir = mkdtempSync(path.join(os.tmpdir(), "klara-bench-list-"));
  workDir = benchDir;
  const started = Date.now();
  const pools = textPools();
  const versions: Record<string, string> = {};
  const results: SizeResult[] = [];
  let pgServer: string | undefined;
  const pgServerUrl = () => {
    pgServer ??= postgresServerUrl();
    return pgServer;
  };
  try {
    for (const kind of dbs) {
      console.log(`\n${kind}:`);
      if (kind === "sqlite") versions["SQLite"] = sqliteVersion();
      else versions["PostgreSQL"] = await pgVersion(pgServerUrl());
      const db = await prepare(kind, benchDir, pgServerUrl);
      let have = 0;
      for (const size of sizes) {
        process.stdout.write(`  generating cases ${have + 1}–${size} `);
        const seconds = await db.generate(pools, have + 1, size);
        have = size;
        const count = await db.count();
        console.log(` ${seconds.toFixed(0)} s (${count} cases in all, with the demo's)`);
        if (count < size) throw new Error(`expected at least ${size} cases, found ${count}`);
        const profile = !values["no-profile"] && size === sizes.at(-1);
        results.push(await measureSize(db, size, seconds, settings, benchDir, profile));
      }
      if (kind === "sqlite") rmSync(path.dirname(db.target), { recursive: true, force: true });
      else await dropPgDatabase(pgServerUrl());
    }
  } finally {
    stopThrowawayPg();
    rmSync(benchDir, { recursive: true, force: true });
    workDir = undefined;
  }
  const minutes = (Date.now() - started) / 60000;
  const out = path.resolve(ROOT, values.out);
  writeSection(out, "list-search", listReport(results, settings, versions, pools.vocabulary, minutes));
  console.log(`\n${minutes.toFixed(1)} minutes; wrote ${path.relative(ROOT, out) || out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nbench:list: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
