/** The "Case list and search" section of BENCHMARKS.md, written by bench/list-search.ts. */
import os from "node:os";
import { SEARCH_WORD, SEARCH_WORD_SHARE } from "./case-data.js";
import type { DbKind } from "./databases.js";
import { profileMarkdown, type QueryProfile } from "./profile.js";
import { fmt, machine, machineLines } from "./report.js";

export const TARGETS = { listP99Ms: 15, searchP95Ms: 50, atSize: 1_000_000 };

export interface Settings {
  rate: number;
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface QueryResult {
  label: string;
  path: string;
  /** items on the first page */
  items: number;
  requests: number;
  failures: number;
  rateAchieved: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface SizeResult {
  db: DbKind;
  size: number;
  generateS: number;
  peakRssMb: number;
  queries: QueryResult[];
  profiles: QueryProfile[] | string | undefined;
}

const count = (n: number) => n.toLocaleString("en-US");
const isSearch = (q: QueryResult) => q.path.includes("q=");

function resultsTable(results: SizeResult[]): string {
  const rows = [
    "| database | cases | query | items | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) | answers | achieved (req/s) | failed |",
    "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of results) {
    for (const q of r.queries) {
      rows.push(
        `| ${r.db} | ${count(r.size)} | ${q.label} | ${q.items} | ${fmt(q.p50, 1)} | ${fmt(q.p95, 1)} | ${fmt(q.p99, 1)} | ${fmt(q.max, 1)} | ${q.requests} | ${fmt(q.rateAchieved)} | ${q.failures} |`,
      );
    }
  }
  return rows.join("\n");
}

function serverTable(results: SizeResult[]): string {
  const rows = [
    "| database | cases | generated in (s) | server peak RSS (MB) |",
    "| --- | ---: | ---: | ---: |",
  ];
  for (const r of results) {
    rows.push(`| ${r.db} | ${count(r.size)} | ${fmt(r.generateS)} | ${fmt(r.peakRssMb)} |`);
  }
  return rows.join("\n");
}

export function targetRows(results: SizeResult[]): string[] {
  const rows: string[] = [];
  for (const db of ["sqlite", "postgres"] as const) {
    const name = db === "sqlite" ? "SQLite" : "PostgreSQL";
    const at = results.find((r) => r.db === db && r.size === TARGETS.atSize);
    if (!at) {
      rows.push(
        `| ${name}: list p99 ≤ ${TARGETS.listP99Ms} ms, search p95 ≤ ${TARGETS.searchP95Ms} ms at ${count(TARGETS.atSize)} cases | not measured |`,
      );
      continue;
    }
    for (const q of at.queries) {
      const [value, limit, what] = isSearch(q)
        ? [q.p95, TARGETS.searchP95Ms, "p95"]
        : [q.p99, TARGETS.listP99Ms, "p99"];
      const ok = value <= limit && q.failures === 0;
      rows.push(
        `| ${name}, ${count(at.size)} cases, ${q.label}: ${what} ≤ ${limit} ms | ${fmt(value, 1)} ms — ${ok ? "**met**" : "**not met**"} |`,
      );
    }
  }
  return rows;
}

export function listReport(
  results: SizeResult[],
  settings: Settings,
  versions: Record<string, string>,
  vocabulary: number,
  minutes: number,
): string {
  const m = machine();
  const twoCores =
    m["cores"] === "2" ? "" : ` (the targets are set for 2-core machines; this one has ${m["cores"]})`;
  const profiled = results.filter((r) => r.profiles !== undefined);
  return `## Case list and search

Written by \`npm run bench\` / \`npm run bench:list\` (bench/list-search.ts) on ${new Date().toISOString()}, in ${minutes.toFixed(1)} minutes. Re-run it to refresh this section.

### Machine

${machineLines(versions)}

### Method

Each database starts empty (SQLite: a new file under ${os.tmpdir()}; PostgreSQL: the database \`klara_bench\` on a throwaway server with its default settings from scripts/pg-test-server.sh, shared_buffers 128 MB), gets \`klara demo\`, and then generated cases written straight into its tables (bench/lib/generate.ts; the same rows on both databases, dates relative to the day of the run): 85 % closed with a met reply deadline, 15 % open in six open statuses with one open reply deadline due between 60 days ago and 60 days ahead (\`next_due_date\`), 2 % personnel cases with a handler, subjects and descriptions from ${count(vocabulary)} words (pseudo-words and Danish), one search document each. The search word \`${SEARCH_WORD}\` is in ${fmt(SEARCH_WORD_SHARE * 100, 2)} % of the cases. After generating: SQLite \`analyze\` and \`pragma optimize\`; PostgreSQL \`vacuum analyze\`. Sizes are reached by topping up the same database.

For each size a fresh \`klara serve\` (KLARA_RATE_LIMIT=0) is asked each query once (it must answer 200 with items), then autocannon on 127.0.0.1 offers a fixed ${settings.rate} requests/s over ${settings.connections} connections: ${settings.warmupS} s warm-up, ${settings.durationS} s measured, as the admin (who sees every case). The percentiles are of every 2xx response time of the measured run (sub-millisecond, as autocannon times them), measured from the benchmark process on the same 2 cores as the server and database. Peak RSS is the server process's VmHWM over all four queries. An achieved rate below the offered one means the server could not keep up: its percentiles then understate the latency (the client waits instead of queueing).

### Results

${resultsTable(results)}

${serverTable(results)}

### Targets${twoCores}

| target | result |
| --- | --- |
${targetRows(results).join("\n")}
${
  profiled.length
    ? `
### Profile at ${profiled.map((r) => `${count(r.size)} cases (${r.db})`).join(", ")}

Each query run in-process against Klara's HTTP app over the same database, five times; the fastest run's statements (Kysely's query log: SQL, parameters, time) and each SELECT's plan.

${profiled.map((r) => profileMarkdown(r.db, count(r.size), r.profiles ?? "")).join("\n")}`
    : ""
}`;
}
