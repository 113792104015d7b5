/**
 * The databases the benchmarks run on: a throwaway PostgreSQL server (scripts/pg-test-server.sh,
 * stopped again on exit) or KLARA_BENCH_PG_URL's, a fresh `klara_bench` database on it, and versions.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { onExit, ROOT } from "./process.js";

export type DbKind = "sqlite" | "postgres";

export const PG_SCRIPT = path.join(ROOT, "scripts", "pg-test-server.sh");
export const BENCH_PG_PORT = process.env["KLARA_BENCH_PG_PORT"] ?? "54339";
export const BENCH_DATABASE = "klara_bench";

let stopPgOnExit = false;
let hookInstalled = false;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Stops the throwaway server if this process started it (idempotent). */
export function stopThrowawayPg(): void {
  if (!stopPgOnExit) return;
  stopPgOnExit = false;
  spawnSync("bash", [PG_SCRIPT, "stop"], {
    env: { ...process.env, KLARA_PG_PORT: BENCH_PG_PORT },
    stdio: ["ignore", "ignore", "inherit"],
    timeout: 90_000,
  });
}

/** KLARA_BENCH_PG_URL, else a throwaway server on 127.0.0.1:KLARA_BENCH_PG_PORT (default 54339). */
export function postgresServerUrl(): string {
  const given = process.env["KLARA_BENCH_PG_URL"];
  if (given) return given;
  console.log(`starting a throwaway PostgreSQL on 127.0.0.1:${BENCH_PG_PORT} (scripts/pg-test-server.sh)`);
  stopPgOnExit = true;
  if (!hookInstalled) {
    hookInstalled = true;
    onExit(stopThrowawayPg);
  }
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

/** Drops and creates the database `klara_bench`; returns its URL. */
export async function recreatePgDatabase(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, BENCH_DATABASE);
}

/** The URL of the database an earlier run created (to measure it again). */
export function benchDatabaseUrl(serverUrl: string): string {
  return withDatabase(serverUrl, BENCH_DATABASE);
}

export async function dropPgDatabase(serverUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function pgVersion(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>("SHOW server_version");
    return result.rows[0]?.server_version ?? "?";
  } finally {
    await client.end();
  }
}

export function sqliteVersion(): string {
  const db = new Database(":memory:");
  try {
    return (db.prepare("SELECT sqlite_version() AS v").get() as { v: string }).v;
  } finally {
    db.close();
  }
}
