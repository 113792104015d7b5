/**
 * Every database suite runs once per dialect: SQLite always (a real file), PostgreSQL when
 * KLARA_TEST_PG_URL points at a server (a fresh database per suite, dropped afterwards).
 * Under KLARA_REQUIRE_ALL=1 a missing PostgreSQL fails instead of skipping.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type KlaraDb, migrateToLatest, openDatabase } from "../../src/db/create-db.js";
import type { DialectName } from "../../src/db/dialect.js";
import type { Keyring } from "../../src/db/national-id-cipher.js";

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

export interface TestDbOptions {
  /** false: not migrated */
  migrate?: boolean;
  /** a copy of this database (a SQLite file, or a PostgreSQL database's name) instead of an empty one */
  template?: string;
  /** the keys national ids are sealed with; the process's random key when left out */
  keyring?: Keyring;
  /** SQLite: the directory the file is made in (a new temporary one when left out) */
  dir?: string;
}

/** A new, empty database of the dialect (or a copy of a template); migrated unless asked not to. */
export async function openTestDb(dialect: DialectName, options: TestDbOptions = {}): Promise<TestDatabase> {
  const migrate = (options.migrate ?? true) && !options.template;
  const { keyring } = options;
  if (dialect === "sqlite") {
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), "klara-test-"));
    const target = join(dir, "klara.db");
    if (options.template) copyFileSync(options.template, target);
    const db = openDatabase(target, { keyring });
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
  await admin.query(`create database ${name}${options.template ? ` template ${options.template}` : ""}`);
  await admin.end();
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  const target = url.toString();
  const db = openDatabase(target, { poolSize: 4, keyring });
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
