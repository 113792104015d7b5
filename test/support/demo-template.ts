/**
 * The demo loaded once per test run and dialect, then copied for each suite that needs it: a file
 * copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL. Loading the demo plays a few dozen
 * cases through the use cases and renders their printed letters as PDFs (seconds of CPU); some 45
 * suites start from exactly that state at the same fixed instant, so each gets its own copy of it.
 * `klara demo` itself is tested from scratch in test/app/demo.test.ts and the CLI suites.
 *
 * The first suite of the run to ask builds the template while the others wait on a lock directory;
 * the run's directory comes from the global set-up (`inject("klaraRunDir")`), which removes it and
 * drops the PostgreSQL templates when the run ends. National ids are sealed with a key made for the
 * template and handed to every copy (each worker's own random key could not open them).
 */
import { randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import type { DialectName } from "../../src/db/dialect.js";
import { createKeyring, KEY_BYTES } from "../../src/db/national-id-cipher.js";
import { FixedClock } from "../../src/domain/clock.js";
import { openTestDb, type TestDatabase } from "./test-db.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** a directory of this test run, removed when it ends (test/support/global-setup.ts) */
    klaraRunDir: string;
  }
}

export interface DemoCopy {
  t: TestDatabase;
  passwords: Record<string, string>;
  tokens: Record<string, string>;
}

/** What a built template is: where it is, and what its load returned. */
export interface DemoTemplate {
  /** the SQLite file, or the PostgreSQL database's name */
  source: string;
  /** the key the template's national ids are sealed with (base64) */
  key: string;
  passwords: Record<string, string>;
  tokens: Record<string, string>;
}

const WAIT_MS = 100;
const GIVE_UP_MS = 120_000;

/** A new database of the dialect holding the demo as `klara demo` loads it at `now`. */
export async function demoCopy(dialect: DialectName, now: string): Promise<DemoCopy> {
  const runDir = runDirectory();
  if (!runDir) {
    // run without the global set-up: load the demo into the suite's own database
    const t = await openTestDb(dialect);
    const { passwords, tokens } = await loadDemo(createDeps(t.db, FixedClock.at(now)));
    return { t, passwords, tokens };
  }
  const template = await templateOf(runDir, dialect, now);
  const keyring = createKeyring([Buffer.from(template.key, "base64")]);
  const t = await openTestDb(dialect, { template: template.source, keyring });
  return { t, passwords: template.passwords, tokens: template.tokens };
}

function runDirectory(): string | undefined {
  try {
    return inject("klaraRunDir");
  } catch {
    return undefined;
  }
}

async function templateOf(runDir: string, dialect: DialectName, now: string): Promise<DemoTemplate> {
  const stem = join(runDir, `demo-${dialect}-${now.replace(/\W/g, "")}-${sourceStamp()}`);
  let built = false;
  try {
    mkdirSync(`${stem}.lock`);
    built = true;
  } catch {
    // another suite of this run builds it
  }
  if (built) {
    try {
      const template = await buildTemplate(runDir, dialect, now);
      writeFileSync(`${stem}.tmp`, JSON.stringify(template));
      renameSync(`${stem}.tmp`, `${stem}.json`);
    } catch (error) {
      writeFileSync(`${stem}.error`, String(error instanceof Error ? error.stack : error));
      throw error;
    }
  }
  const deadline = Date.now() + GIVE_UP_MS;
  for (;;) {
    if (existsSync(`${stem}.json`)) return JSON.parse(readFileSync(`${stem}.json`, "utf8")) as DemoTemplate;
    if (existsSync(`${stem}.error`))
      throw new Error(`Loading the demo template failed:\n${readFileSync(`${stem}.error`, "utf8")}`);
    if (Date.now() > deadline) throw new Error(`The demo template ${stem} was not built in time.`);
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
}

/**
 * When src/ last changed: a watching Vitest keeps its run directory across re-runs, and a template
 * loaded by older code (its migrations, the demo's cases) must not be copied after an edit.
 */
function sourceStamp(): string {
  const src = join(import.meta.dirname, "..", "..", "src");
  let latest = 0;
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return Math.floor(latest).toString(36);
}

async function buildTemplate(runDir: string, dialect: DialectName, now: string): Promise<DemoTemplate> {
  const key = randomBytes(KEY_BYTES);
  const keyring = createKeyring([key]);
  const t = await openTestDb(dialect, { keyring, dir: mkdtempSync(join(runDir, "template-")) });
  let loaded: Awaited<ReturnType<typeof loadDemo>>;
  try {
    loaded = await loadDemo(createDeps(t.db, FixedClock.at(now)));
  } catch (error) {
    await t.cleanup();
    throw error;
  }
  // closed, so the SQLite file is whole without its WAL and PostgreSQL can copy the database
  await t.db.destroy();
  const source = dialect === "sqlite" ? t.target : new URL(t.target).pathname.slice(1);
  return { source, key: key.toString("base64"), passwords: loaded.passwords, tokens: loaded.tokens };
}

/** Drops the PostgreSQL templates the run made (the global set-up's tear-down). */
export async function dropPgTemplates(runDir: string, pgUrl: string | undefined): Promise<void> {
  if (!pgUrl || !existsSync(runDir)) return;
  const names = readdirSync(runDir)
    .filter((f) => f.startsWith("demo-postgres-") && f.endsWith(".json"))
    .map((f) => (JSON.parse(readFileSync(join(runDir, f), "utf8")) as DemoTemplate).source);
  if (names.length === 0) return;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  try {
    for (const name of names) await admin.query(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
