/**
 * Where a list request's time goes: Klara's own HTTP app (dist/) in this process, over a Kysely whose
 * query log records every statement a request runs, its SQL, parameters and duration; then each
 * SELECT is explained on the same database (PostgreSQL: EXPLAIN (ANALYZE, BUFFERS); SQLite: EXPLAIN
 * QUERY PLAN). It uses dist/db/dialect.js, dist/app/context.js, dist/domain/clock.js and
 * dist/http/server.js; when those change shape the profile says so instead of failing the benchmark.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { Kysely, type LogEvent } from "kysely";
import pg from "pg";
import type { DbKind } from "./databases.js";
import { ROOT } from "./process.js";

export interface Statement {
  sql: string;
  parameters: readonly unknown[];
  ms: number;
  plan: string | null;
}

export interface QueryProfile {
  label: string;
  path: string;
  /** the request in-process (app.inject), best of the repeats */
  requestMs: number;
  statements: Statement[];
}

interface Injected {
  statusCode: number;
  body: string;
}
interface App {
  inject(options: { url: string; headers: Record<string, string> }): Promise<Injected>;
  close(): Promise<void>;
}
interface DialectSupport {
  kyselyDialect: ConstructorParameters<typeof Kysely>[0]["dialect"];
}

const dist = (file: string) => pathToFileURL(path.join(ROOT, "dist", file)).href;

/** Runs each query `repeats` times in-process and keeps the fastest run's statements. */
async function capture(
  target: string,
  queries: readonly { label: string; path: string }[],
  token: string,
  repeats: number,
): Promise<QueryProfile[]> {
  const { createDialect } = (await import(dist("db/dialect.js"))) as {
    createDialect(target: string, options: { poolSize?: number }): DialectSupport;
  };
  const { createDeps } = (await import(dist("app/context.js"))) as {
    createDeps(db: unknown, clock: unknown): unknown;
  };
  const { systemClock } = (await import(dist("domain/clock.js"))) as { systemClock: unknown };
  const { createHttpApp } = (await import(dist("http/server.js"))) as {
    createHttpApp(options: { deps: unknown; rateLimitPerMinute: number; logger: boolean }): Promise<App>;
  };
  let log: Omit<Statement, "plan">[] = [];
  const dialect = createDialect(target, { poolSize: 2 });
  const kysely = new Kysely<Record<string, never>>({
    dialect: dialect.kyselyDialect,
    log: (event: LogEvent) => {
      if (event.level === "query") {
        log.push({ sql: event.query.sql, parameters: event.query.parameters, ms: event.queryDurationMillis });
      }
    },
  });
  const db = {
    kysely,
    dialect,
    procedureCache: new Map(),
    transaction: <T>(work: (tx: unknown) => Promise<T>) => kysely.transaction().execute(work),
    destroy: () => kysely.destroy(),
  };
  const app = await createHttpApp({
    deps: createDeps(db, systemClock),
    rateLimitPerMinute: 0,
    logger: false,
  });
  const profiles: QueryProfile[] = [];
  try {
    for (const q of queries) {
      let best: QueryProfile | undefined;
      for (let i = 0; i < repeats; i++) {
        log = [];
        const started = performance.now();
        const response = await app.inject({ url: q.path, headers: { authorization: `Bearer ${token}` } });
        const requestMs = performance.now() - started;
        if (response.statusCode !== 200) {
          throw new Error(
            `${q.path} answered ${response.statusCode} in-process: ${response.body.slice(0, 300)}`,
          );
        }
        if (!best || requestMs < best.requestMs) {
          best = { ...q, requestMs, statements: log.map((s) => ({ ...s, plan: null })) };
        }
      }
      if (best) profiles.push(best);
    }
  } finally {
    await app.close();
    await kysely.destroy();
  }
  return profiles;
}

const isSelect = (sql: string) => /^\s*(select|with)\b/i.test(sql);

function sqlitePlans(file: string, profiles: QueryProfile[]): void {
  const db = new Database(file, { readonly: true });
  try {
    for (const s of profiles.flatMap((p) => p.statements)) {
      if (!isSelect(s.sql)) continue;
      const rows = db.prepare(`explain query plan ${s.sql}`).all(...(s.parameters as unknown[])) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, 0]]);
      s.plan = rows
        .map((r) => {
          const d = (depth.get(r.parent) ?? 0) + 1;
          depth.set(r.id, d);
          return `${"  ".repeat(d - 1)}${r.detail}`;
        })
        .join("\n");
    }
  } finally {
    db.close();
  }
}

async function postgresPlans(url: string, profiles: QueryProfile[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of profiles.flatMap((p) => p.statements)) {
      if (!isSelect(s.sql)) continue;
      // twice: the second run is the warm one the benchmark sees
      let result: pg.QueryResult<{ "QUERY PLAN": string }> | undefined;
      for (let i = 0; i < 2; i++) {
        result = await client.query(`explain (analyze, buffers) ${s.sql}`, s.parameters as unknown[]);
      }
      s.plan = (result?.rows ?? []).map((r) => r["QUERY PLAN"]).join("\n");
    }
  } finally {
    await client.end();
  }
}

/** The profile of each query, or the reason there is none. */
export async function profileQueries(
  db: DbKind,
  target: string,
  queries: readonly { label: string; path: string }[],
  token: string,
): Promise<QueryProfile[] | string> {
  try {
    const profiles = await capture(target, queries, token, 5);
    if (db === "sqlite") sqlitePlans(target, profiles);
    else await postgresPlans(target, profiles);
    return profiles;
  } catch (error) {
    return `no profile: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const oneLine = (sql: string) => sql.replace(/\s+/g, " ").trim();
const shown = (v: unknown) => {
  const s = typeof v === "string" ? `'${v}'` : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…'` : s;
};

export function profileMarkdown(db: DbKind, size: string, profiles: QueryProfile[] | string): string {
  if (typeof profiles === "string") return `${db} at ${size}: ${profiles}\n`;
  const what = db === "postgres" ? "EXPLAIN (ANALYZE, BUFFERS), warm" : "EXPLAIN QUERY PLAN";
  const parts: string[] = [];
  for (const p of profiles) {
    const lines = [
      `#### ${db}, ${size} cases: ${p.label}`,
      "",
      `\`GET ${p.path}\` in-process (no HTTP socket): ${p.requestMs.toFixed(1)} ms, ${p.statements.length} statements:`,
      "",
      "| ms | statement | parameters |",
      "| ---: | --- | --- |",
      ...p.statements.map(
        (s) =>
          `| ${s.ms.toFixed(1)} | \`${oneLine(s.sql).replaceAll("|", "\\|")}\` | ${s.parameters.map(shown).join(", ").replaceAll("|", "\\|")} |`,
      ),
      "",
    ];
    for (const [i, s] of p.statements.entries()) {
      if (s.plan)
        lines.push(
          `<details><summary>statement ${i + 1}: ${what}</summary>`,
          "",
          "```",
          s.plan,
          "```",
          "</details>",
          "",
        );
    }
    parts.push(lines.join("\n"));
  }
  return parts.join("\n");
}
