/** The intake section of BENCHMARKS.md, written by bench/run.ts. */
import os from "node:os";
import type { DbKind } from "./databases.js";
import { fmt, machine, machineLines } from "./report.js";

export const TARGETS = {
  sqliteThroughput: 1500,
  postgresThroughput: 1000,
  p99Ms: 20,
  ratio: 0.4,
  rssMb: 256,
};

export type ServerKind = "baseline" | "klara";

export interface Settings {
  warmupS: number;
  durationS: number;
  rate: number;
  connections: number;
}

export interface Measurement {
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

export function table(results: Measurement[], settings: Settings): string {
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

export function ratioLines(results: Measurement[]): string[] {
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

export function report(results: Measurement[], settings: Settings, versions: Record<string, string>): string {
  const m = machine();
  const twoCores =
    m["cores"] === "2" ? "" : ` (the targets are set for 2-core machines; this one has ${m["cores"]})`;
  return `## Intake (public complaint submission)

Written by \`npm run bench\` / \`npm run bench:intake\` (bench/run.ts) on ${new Date().toISOString()}. Re-run it to refresh this section.

### Machine

${machineLines(versions)}

### Method

Public intake, \`POST /api/v1/complaints\` with a \`dk-school\` complaint (subject varied per request), measured with autocannon on loopback (127.0.0.1) from the benchmark process, which shares the machine with the server (and PostgreSQL). Each server is a fresh child process on a fresh database (SQLite: a new file under ${os.tmpdir()}; PostgreSQL: the database \`klara_bench\` dropped and created anew): a ${settings.warmupS} s warm-up, then the throughput at saturation (${settings.connections} connections, ${settings.durationS} s; successful 201 answers per second), then latency at a fixed offered rate of ${settings.rate} requests/s (autocannon \`overallRate\`, ${settings.connections} connections, ${settings.durationS} s). Peak RSS is the server process's VmHWM.

- **baseline**: bench/baseline-server.ts — a minimal Fastify handler that validates the same body with
  a Zod schema and inserts one row into a one-table schema with the same driver (better-sqlite3 in WAL
  mode with synchronous=FULL; a \`pg\` pool of 10).
- **klara**: \`node dist/cli/main.js serve\` after \`node dist/cli/main.js demo\`, with \`KLARA_RATE_LIMIT=0\`.

### Results

${table(results, settings)}

Klara relative to the bare baseline:

${ratioLines(results).join("\n")}

### Targets${twoCores}

| target | result |
| --- | --- |
${targetRows(results, settings).join("\n")}
`;
}
