/**
 * `npm run bench`: the intake benchmark (bench/run.ts), the case list and search benchmark
 * (bench/list-search.ts) and the statistics benchmark (bench/stats.ts), each in its own process,
 * each rewriting only its own section of BENCHMARKS.md. `npm run bench:intake`, `npm run bench:list`
 * and `npm run bench:stats` run one of them.
 *
 *   npm run bench                                   both, intake first
 *   npm run bench -- --intake-only [run.ts options]  only the intake benchmark, e.g. --baseline-only
 *   npm run bench -- --list-only [list-search.ts options]  e.g. --sizes 100000 --db sqlite
 *   npm run bench -- --stats-only [stats.ts options]  e.g. --db sqlite (KLARA_BENCH_CASES=10000000 opt-in)
 *   npm run bench -- --db sqlite --out FILE          both, with these two options passed to each
 *
 * Without --intake-only or --list-only only --db and --out are taken (each benchmark has its own
 * --rate, --duration …), and --baseline-only runs the intake benchmark alone (the list benchmark
 * needs a built Klara). Exit status: the first failing benchmark's.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const INTAKE = path.join(HERE, "run.js");
const LIST = path.join(HERE, "list-search.js");
const STATS = path.join(HERE, "stats.js");

function run(script: string, args: string[]): number {
  console.log(`\n== node ${path.relative(process.cwd(), script)} ${args.join(" ")}`.trimEnd());
  const result = spawnSync(process.execPath, [script, ...args], { stdio: "inherit" });
  return result.status ?? 1;
}

/** Only --db and --out (as `--db X` or `--db=X`) go to both benchmarks. */
function sharedOptions(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (/^--(db|out)=/.test(arg)) out.push(arg);
    else if (arg === "--db" || arg === "--out") {
      const value = args[i + 1];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      out.push(arg, value);
      i++;
    } else {
      throw new Error(
        `${arg}: without --intake-only or --list-only only --db and --out are taken (see bench/all.ts)`,
      );
    }
  }
  return out;
}

function main(): number {
  const args = process.argv.slice(2);
  const intakeOnly = args.includes("--intake-only");
  const listOnly = args.includes("--list-only");
  const statsOnly = args.includes("--stats-only");
  const rest = args.filter((a) => a !== "--intake-only" && a !== "--list-only" && a !== "--stats-only");
  if ([intakeOnly, listOnly, statsOnly].filter(Boolean).length > 1) {
    throw new Error("--intake-only, --list-only and --stats-only exclude each other");
  }
  if (intakeOnly) return run(INTAKE, rest);
  if (listOnly) return run(LIST, rest);
  if (statsOnly) return run(STATS, rest);
  if (rest.includes("--baseline-only")) {
    console.log("--baseline-only: the intake benchmark's bare baseline only; no list benchmark");
    return run(INTAKE, rest);
  }
  const shared = sharedOptions(rest);
  const intake = run(INTAKE, shared);
  const list = run(LIST, shared);
  const stats = run(STATS, shared);
  return [intake, list, stats].find((code) => code !== 0) ?? 0;
}

try {
  process.exit(main());
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
