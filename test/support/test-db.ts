/**
 * Every database suite runs once per dialect: SQLite always (a real file), PostgreSQL when
 * KLARA_TEST_PG_URL points at a server (a fresh database per suite, dropped afterwards).
 * Under KLARA_REQUIRE_ALL=1 a missing PostgreSQL fails instead of skipping.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type KlaraDb, migrateToLatest, openDatabase } from "../../src/db/create-db.js";
import type { DialectName } from "../../src/db/dialect.js";

const pgUrl = process.env.KLARA_TEST_PG_URL;

if (process.env.KLARA_REQUIRE_ALL === "1" && !pgUrl) {
  throw new Error("KLARA_REQUIRE_ALL=1 but KLARA_TEST_PG_URL is not set: the PostgreSQL suites cannot run.");
}

export const DIALECTS: DialectName[] = pgUrl ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase {
  db: KlaraDb;
  target: string;
  cleanup(): Promise<void>;
}

let counter = 0;

/** A new, empty database of the dialect; migrated unless asked not to. */
export async function openTestDb(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "klara-test-"));
    const target = join(dir, "klara.db");
    const db = openDatabase(target);
    if (migrate) await migrateToLatest(db);
    return {
      db,
      target,
      async cleanup() {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!pgUrl) throw new Error("KLARA_TEST_PG_URL is not set");
  const base = new URL(pgUrl);
  if (!base.pathname.includes("test"))
    throw new Error("Refusing to test against a database whose name lacks 'test'.");
  counter += 1;
  const name = `klara_test_${process.pid}_${counter}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const target = url.toString();
  const db = openDatabase(target, { poolSize: 4 });
  if (migrate) await migrateToLatest(db);
  return {
    db,
    target,
    async cleanup() {
      await db.destroy();
      const a = new pg.Client({ connectionString: pgUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
