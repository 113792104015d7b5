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
 * Klara/baseline ratio and writes BENCHMARKS.md.
 *
 * KLARA_BENCH_CLI=<file> measures another build of Klara's CLI instead of dist/cli/main.js.
 * Options: --baseline-only, --db sqlite|postgres|both (default both), --duration S,
 * --warmup S, --rate N, --connections N, --out FILE (default BENCHMARKS.md).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const KLARA_CLI = path.resolve(ROOT, process.env["KLARA_BENCH_CLI"] ?? path.join("dist", "cli", "main.js"));
const BASELINE = path.join(ROOT, "dist-bench", "baseline-server.js");
const PG_SCRIPT = path.join(ROOT, "scripts", "pg-test-server.sh");
const BENCH_PG_PORT = process.env["KLARA_BENCH_PG_PORT"] ?? "54339";
const HOST = "127.0.0.1";
const WATCHDOG_MS = 20 * 60 * 1000;

const TARGETS = {
  sqliteThroughput: 1500,
  postgresThroughput: 1000,
  p99Ms: 20,
  ratio: 0.4,
  rssMb: 256,
};

type DbKind = "sqlite" | "postgres";
type ServerKind = "baseline" | "klara";

interface Settings {
  warmupS: number;
  durationS: number;
  rate: number;
  connections: number;
}

interface Measurement {
  db: DbKind;
  server: ServerKind;
  throughput: number;
  saturationP50: number;
  saturationP99: number;
  saturationFailures: number;
  rateAchieved: number;
  p50: number;
  p99: number;
  rateFailures: number;
  peakRssMb: number;
}

// ---------------------------------------------------------------- child processes

const children = new Set<ChildProcess>();
let stopPgOnExit = false;
let workDir: string | undefined;

function killChildren(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
}

function stopThrowawayPg(): void {
  if (!stopPgOnExit) return;
  stopPgOnExit = false;
  spawnSync("bash", [PG_SCRIPT, "stop"], {
    env: { ...process.env, KLARA_PG_PORT: BENCH_PG_PORT },
    stdio: ["ignore", "ignore", "inherit"],
    timeout: 90_000,
  });
}

process.on("exit", () => {
  killChildren();
  stopThrowawayPg();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping`);
    process.exit(130);
  });
}
setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60000} minutes; giving up`);
  process.exit(2);
}, WATCHDOG_MS).unref();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

interface Server {
  child: ChildProcess;
  port: number;
  log: string;
}

async function startServer(
  label: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  log: string,
): Promise<Server> {
  const port = await freePort();
  const fd = openSync(log, "a");
  const child = spawn(process.execPath, [...args, "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  children.add(child);
  child.once("exit", () => children.delete(child));

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${label} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${tail(log)}`,
      );
    }
    try {
      const response = await fetch(`http://${HOST}:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return { child, port, log };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error(`${label} did not answer GET /healthz within 30 s:\n${tail(log)}`);
}

async function stopServer(server: Server): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
  if (timedOut) {
    child.kill("SIGKILL");
    await exited;
  }
}

/** Peak resident set size in MB: VmHWM from /proc, with VmRSS samples as a fallback. */
class RssWatch {
  private peakKb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }

  private sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
      for (const key of ["VmHWM", "VmRSS"]) {
        const match = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status);
        if (match) this.peakKb = Math.max(this.peakKb, Number(match[1]));
      }
    } catch {
      // process gone or no /proc
    }
  }

  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.peakKb / 1024;
  }
}

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

// ---------------------------------------------------------------- databases

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function postgresServerUrl(): string {
  const given = process.env["KLARA_BENCH_PG_URL"];
  if (given) return given;
  console.log(`starting a throwaway PostgreSQL on 127.0.0.1:${BENCH_PG_PORT} (scripts/pg-test-server.sh)`);
  stopPgOnExit = true;
  const started = spawnSync("bash", [PG_SCRIPT, "start"], {
    env: { ...process.env, KLARA_PG_PORT: BENCH_PG_PORT },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 10 * 60_000,
  });
  const url = started.stdout?.trim().split("\n").pop();
  if (started.status !== 0 || !url) {
    throw new Error(`scripts/pg-test-server.sh start failed (exit ${started.status ?? started.signal})`);
  }
  return url;
}

async function recreatePgDatabase(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query("DROP DATABASE IF EXISTS klara_bench WITH (FORCE)");
    await client.query("CREATE DATABASE klara_bench");
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, "klara_bench");
}

async function pgVersion(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>("SHOW server_version");
    return result.rows[0]?.server_version ?? "?";
  } finally {
    await client.end();
  }
}

function sqliteVersion(): string {
  const db = new Database(":memory:");
  try {
    return (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------- report

function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "—";
}

function machine(): Record<string, string> {
  const cpus = os.cpus();
  return {
    CPU: cpus[0]?.model.trim() ?? "unknown",
    cores: String(os.availableParallelism?.() ?? cpus.length),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()} (${os.arch()})`,
    Node: process.version,
  };
}

function table(results: Measurement[], settings: Settings): string {
  const rows = [
    `| database | server | intake at saturation (req/s) | p99 at saturation (ms) | p50 at ${settings.rate}/s (ms) | p99 at ${settings.rate}/s (ms) | achieved rate (req/s) | failed requests | peak RSS (MB) |`,
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const m of results) {
    rows.push(
      `| ${m.db} | ${m.server} | ${fmt(m.throughput)} | ${m.saturationP99} | ${m.p50} | ${m.p99} | ${fmt(m.rateAchieved)} | ${m.saturationFailures + m.rateFailures} | ${fmt(m.peakRssMb)} |`,
    );
  }
  return rows.join("\n");
}

function find(results: Measurement[], db: DbKind, server: ServerKind): Measurement | undefined {
  return results.find((m) => m.db === db && m.server === server);
}

function ratioLines(results: Measurement[]): string[] {
  const lines: string[] = [];
  for (const db of ["sqlite", "postgres"] as const) {
    const base = find(results, db, "baseline");
    const klara = find(results, db, "klara");
    if (base && klara) {
      lines.push(
        `- ${db}: Klara/baseline throughput = ${fmt(klara.throughput)} / ${fmt(base.throughput)} = ${fmt((100 * klara.throughput) / base.throughput)} %`,
      );
    } else if (base) {
      lines.push(`- ${db}: baseline ${fmt(base.throughput)} req/s; Klara not measured`);
    }
  }
  return lines;
}

function targetRows(results: Measurement[], settings: Settings): string[] {
  const rows: string[] = [];
  const verdict = (value: number | undefined, ok: (v: number) => boolean, shown: string) =>
    value === undefined ? "not measured" : `${shown} — ${ok(value) ? "**met**" : "**not met**"}`;
  const sqlite = find(results, "sqlite", "klara");
  const postgres = find(results, "postgres", "klara");
  rows.push(
    `| intake on SQLite ≥ ${TARGETS.sqliteThroughput}/s | ${verdict(sqlite?.throughput, (v) => v >= TARGETS.sqliteThroughput, `${fmt(sqlite?.throughput ?? Number.NaN)}/s`)} |`,
  );
  rows.push(
    `| intake on PostgreSQL ≥ ${TARGETS.postgresThroughput}/s | ${verdict(postgres?.throughput, (v) => v >= TARGETS.postgresThroughput, `${fmt(postgres?.throughput ?? Number.NaN)}/s`)} |`,
  );
  for (const [db, m] of [
    ["SQLite", sqlite],
    ["PostgreSQL", postgres],
  ] as const) {
    rows.push(
      `| p99 ≤ ${TARGETS.p99Ms} ms at ${settings.rate}/s offered, ${db} | ${verdict(m?.p99, (v) => v <= TARGETS.p99Ms, `${m?.p99} ms`)} |`,
    );
  }
  for (const db of ["sqlite", "postgres"] as const) {
    const base = find(results, db, "baseline");
    const klara = find(results, db, "klara");
    const ratio = base && klara ? klara.throughput / base.throughput : undefined;
    rows.push(
      `| ≥ ${TARGETS.ratio * 100} % of the bare baseline, ${db} | ${verdict(ratio, (v) => v >= TARGETS.ratio, `${fmt((ratio ?? Number.NaN) * 100)} %`)} |`,
    );
  }
  const klaraRss = results.filter((m) => m.server === "klara").map((m) => m.peakRssMb);
  const peak = klaraRss.length ? Math.max(...klaraRss) : undefined;
  rows.push(
    `| server memory ≤ ${TARGETS.rssMb} MB under load | ${verdict(peak, (v) => v <= TARGETS.rssMb, `${fmt(peak ?? Number.NaN)} MB peak`)} |`,
  );
  return rows;
}

function report(results: Measurement[], settings: Settings, versions: Record<string, string>): string {
  const m = machine();
  const twoCores =
    m["cores"] === "2" ? "" : ` (the targets are set for 2-core machines; this one has ${m["cores"]})`;
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts) on ${new Date().toISOString()}. Re-run it to refresh this file.

## Machine

${Object.entries({ ...m, ...versions })
  .map(([k, v]) => `- ${k}: ${v}`)
  .join("\n")}

## Method

Public intake, \`POST /api/v1/complaints\` with a \`dk-school\` complaint (subject varied per request), measured with autocannon on loopback (127.0.0.1) from the benchmark process, which shares the machine with the server (and PostgreSQL). Each server is a fresh child process on a fresh database (SQLite: a new file under ${os.tmpdir()}; PostgreSQL: the database \`klara_bench\` dropped and created anew): a ${settings.warmupS} s warm-up, then the throughput at saturation (${settings.connections} connections, ${settings.durationS} s; successful 201 answers per second), then latency at a fixed offered rate of ${settings.rate} requests/s (autocannon \`overallRate\`, ${settings.connections} connections, ${settings.durationS} s). Peak RSS is the server process's VmHWM.

- **baseline**: bench/baseline-server.ts — a minimal Fastify handler that validates the same body with
  a Zod schema and inserts one row into a one-table schema with the same driver (better-sqlite3 in WAL
  mode with synchronous=FULL; a \`pg\` pool of 10).
- **klara**: \`node dist/cli/main.js serve\` after \`node dist/cli/main.js demo\`, with \`KLARA_RATE_LIMIT=0\`.

## Results

${table(results, settings)}

Klara relative to the bare baseline:

${ratioLines(results).join("\n")}

## Targets${twoCores}

| target | result |
| --- | --- |
${targetRows(results, settings).join("\n")}
`;
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
    const demo = spawnSync(process.execPath, [KLARA_CLI, "demo", "--db", target], {
      cwd: ROOT,
      env,
      encoding: "utf8",
      timeout: 120_000,
    });
    if (demo.status !== 0) {
      throw new Error(
        `klara demo --db ${target} failed (exit ${demo.status ?? demo.signal}):\n${demo.stderr}${demo.stdout}`,
      );
    }
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
  writeFileSync(out, report(results, settings, versions));
  console.log(`\nwrote ${path.relative(ROOT, out) || out}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`\nbench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
