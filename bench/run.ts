/**
 * Intake benchmark: `npm run bench` (builds the app into dist/ and this into dist-bench/).
 *
 * For SQLite (a fresh temporary file) and PostgreSQL (KLARA_BENCH_PG_URL's server, else a
 * throwaway server started with scripts/pg-test-server.sh; either way the database
 * `klara_bench` is dropped and created anew for every server measured), it measures
 *   (a) the bare baseline, bench/baseline-server.ts, and
 *   (b) Klara, `node dist/cli/main.js serve` after `node dist/cli/main.js demo`,
 * each as a child process on 127.0.0.1: a 3 s warm-up, the throughput at saturation
 * (autocannon, 10 connections, 10 s), the latency p50/p99 at a fixed offered rate of
 * 500 requests/s (10 s), and the server's peak resident memory. It prints a table and the
 * Klara/baseline ratio and writes its section of BENCHMARKS.md (bench/lib/report.ts).
 * `npm run bench` runs this and then bench/list-search.ts (see bench/all.ts); `npm run bench:intake`
 * runs this alone.
 *
 * KLARA_BENCH_CLI=<file> measures another build of Klara's CLI instead of dist/cli/main.js.
 * Options: --baseline-only, --db sqlite|postgres|both (default both), --duration S,
 * --warmup S, --rate N, --connections N, --out FILE (default BENCHMARKS.md).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import {
  type DbKind,
  pgVersion,
  postgresServerUrl,
  recreatePgDatabase,
  sqliteVersion,
  stopThrowawayPg,
} from "./lib/databases.js";
import {
  type Measurement,
  ratioLines,
  report,
  type ServerKind,
  type Settings,
  table,
} from "./lib/intake-report.js";
import {
  HOST,
  installExitHandlers,
  KLARA_CLI,
  onExit,
  ROOT,
  RssWatch,
  runKlaraCli,
  type Server,
  startServer,
  stopServer,
  tail,
} from "./lib/process.js";
import { writeSection } from "./lib/report.js";

const BASELINE = path.join(ROOT, "dist-bench", "baseline-server.js");
const WATCHDOG_MS = 20 * 60 * 1000;

let workDir: string | undefined;
installExitHandlers("bench", WATCHDOG_MS);
onExit(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- load

const SUBJECTS = [
  "Klage over skolens håndtering af mobning",
  "Klage over manglende svar fra skolen",
  "Klage over en lærers adfærd",
  "Klage over sagsbehandlingstiden",
  "Klage over skolebestyrelsens afgørelse",
];

let requestCounter = 0;

function complaintBody(n: number): string {
  return JSON.stringify({
    procedure: "dk-school",
    unit: "SKOLE-A",
    subject: `${SUBJECTS[n % SUBJECTS.length]} (${n})`,
    description:
      "Mit barn er gentagne gange blevet drillet i frikvarteret, og skolen har ikke reageret på vores henvendelser. " +
      `Vi ønsker, at sagen bliver undersøgt, og at der bliver lagt en plan. Henvendelse nr. ${n}.`,
    category: "school_conduct",
    complainant: { name: `Forælder ${n % 997}`, email: `foraelder${n % 997}@example.dk` },
  });
}

function intakeRequest(): autocannon.Request {
  return {
    method: "POST",
    path: "/api/v1/complaints",
    headers: { "content-type": "application/json" },
    setupRequest: (request) => {
      requestCounter += 1;
      return { ...request, body: complaintBody(requestCounter) };
    },
  };
}

function load(port: number, durationS: number, connections: number, overallRate?: number) {
  const options: autocannon.Options = {
    url: `http://${HOST}:${port}`,
    connections,
    duration: durationS,
    timeout: 10,
    requests: [intakeRequest()],
  };
  if (overallRate) options.overallRate = overallRate;
  return autocannon(options);
}

function failures(result: autocannon.Result): number {
  return result.non2xx + result.errors + result.timeouts;
}

async function checkOneRequest(port: number, label: string): Promise<void> {
  const response = await fetch(`http://${HOST}:${port}/api/v1/complaints`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: complaintBody(0),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 201) {
    throw new Error(
      `${label}: POST /api/v1/complaints answered ${response.status}, expected 201: ${(await response.text()).slice(0, 500)}`,
    );
  }
}

async function measure(
  db: DbKind,
  serverKind: ServerKind,
  server: Server,
  settings: Settings,
): Promise<Measurement> {
  const label = `${serverKind} on ${db}`;
  await checkOneRequest(server.port, label);
  const rss = new RssWatch(server.child.pid ?? 0);

  process.stdout.write(`  ${label}: warm-up ${settings.warmupS} s`);
  await load(server.port, settings.warmupS, settings.connections);

  process.stdout.write(`, saturation ${settings.durationS} s`);
  const saturation = await load(server.port, settings.durationS, settings.connections);

  process.stdout.write(`, ${settings.rate}/s for ${settings.durationS} s`);
  const fixed = await load(server.port, settings.durationS, settings.connections, settings.rate);
  const peakRssMb = rss.stop();
  process.stdout.write("\n");

  const m: Measurement = {
    db,
    server: serverKind,
    throughput: saturation["2xx"] / saturation.duration,
    saturationP50: saturation.latency.p50,
    saturationP99: saturation.latency.p99,
    saturationFailures: failures(saturation),
    rateAchieved: fixed["2xx"] / fixed.duration,
    p50: fixed.latency.p50,
    p99: fixed.latency.p99,
    rateFailures: failures(fixed),
    peakRssMb,
  };
  console.log(
    `    ${m.throughput.toFixed(0)} req/s at saturation (p99 ${m.saturationP99} ms, ${m.saturationFailures} failed); ` +
      `at ${settings.rate}/s: p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.rateFailures} failed; peak RSS ${m.peakRssMb.toFixed(0)} MB`,
  );
  if (m.saturationFailures + m.rateFailures > 0) {
    const codes = { ...saturation.statusCodeStats, ...fixed.statusCodeStats };
    console.log(`    status codes: ${JSON.stringify(codes)}; server log:\n${tail(server.log, 5)}`);
  }
  return m;
}

// ---------------------------------------------------------------- main

async function runOne(
  db: DbKind,
  serverKind: ServerKind,
  dbTarget: () => Promise<string>,
  settings: Settings,
  workDir: string,
): Promise<Measurement> {
  const target = await dbTarget();
  const log = path.join(workDir, `${serverKind}-${db}.log`);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", KLARA_RATE_LIMIT: "0" };
  let args: string[];
  if (serverKind === "klara") {
    runKlaraCli(["demo", "--db", target], env);
    args = [KLARA_CLI, "serve", "--db", target, "--host", HOST];
  } else {
    args = [BASELINE, "--db", target, "--host", HOST];
  }
  const server = await startServer(`${serverKind} (${db})`, args, env, log);
  try {
    return await measure(db, serverKind, server, settings);
  } finally {
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "baseline-only": { type: "boolean", default: false },
      db: { type: "string", default: "both" },
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      rate: { type: "string", default: "500" },
      connections: { type: "string", default: "10" },
      out: { type: "string", default: "BENCHMARKS.md" },
    },
  });
  const settings: Settings = {
    durationS: Number(values.duration),
    warmupS: Number(values.warmup),
    rate: Number(values.rate),
    connections: Number(values.connections),
  };
  for (const [k, v] of Object.entries(settings)) {
    if (!Number.isFinite(v) || v <= 0 || v > 600)
      throw new Error(`--${k} must be a number between 0 and 600`);
  }
  if (!["sqlite", "postgres", "both"].includes(values.db))
    throw new Error("--db must be sqlite, postgres or both");
  const dbs: DbKind[] = values.db === "both" ? ["sqlite", "postgres"] : [values.db as DbKind];
  const servers: ServerKind[] = values["baseline-only"] ? ["baseline"] : ["baseline", "klara"];

  if (!existsSync(BASELINE)) {
    throw new Error(
      `${path.relative(ROOT, BASELINE)} is missing: build the benchmark with tsc -p tsconfig.bench.json`,
    );
  }
  if (servers.includes("klara") && !existsSync(KLARA_CLI)) {
    throw new Error(
      `Klara's CLI ${path.relative(ROOT, KLARA_CLI)} is missing: build the app first (npm run build, ` +
        "i.e. tsc -p tsconfig.build.json), or run with --baseline-only to measure only the bare baseline.",
    );
  }

  const benchDir = mkdtempSync(path.join(os.tmpdir(), "klara-bench-"));
  workDir = benchDir;
  const versions: Record<string, string> = {};
  const results: Measurement[] = [];
  try {
    for (const db of dbs) {
      let dbTarget: (serverKind: ServerKind) => Promise<string>;
      if (db === "sqlite") {
        versions["SQLite"] = sqliteVersion();
        dbTarget = async (serverKind) => {
          const dir = mkdtempSync(path.join(benchDir, `${serverKind}-`));
          return path.join(dir, "bench.db");
        };
      } else {
        const serverUrl = postgresServerUrl();
        versions["PostgreSQL"] = await pgVersion(serverUrl);
        dbTarget = () => recreatePgDatabase(serverUrl);
      }
      console.log(`\n${db}:`);
      for (const serverKind of servers) {
        results.push(await runOne(db, serverKind, () => dbTarget(serverKind), settings, benchDir));
      }
    }
  } finally {
    stopThrowawayPg();
    rmSync(benchDir, { recursive: true, force: true });
    workDir = undefined;
  }

  console.log(`\n${table(results, settings)}\n`);
  console.log(ratioLines(results).join("\n"));
  const out = path.resolve(ROOT, values.out);
  writeSection(out, "intake", report(results, settings, versions));
  console.log(`\nwrote ${path.relative(ROOT, out) || out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nbench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
