/**
 * Every difference between SQLite and PostgreSQL lives here: how a database is opened, full-text
 * search, how reference numbers are drawn, and how errors are recognised. Everything else is plain Kysely that both understand.
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SQLite from "better-sqlite3";
import { type Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { maskNationalIdsInText } from "../domain/national-id.js";
import type { Database } from "./schema.js";

export type DialectName = "sqlite" | "postgres";

/** The search configuration per organisation language. */
export type SearchLanguage = "danish" | "norwegian" | "english";

export interface DialectSupport {
  readonly name: DialectName;
  readonly kyselyDialect: SqliteDialect | PostgresDialect;
  /** creates the full-text index (a migration step) */
  createSearchIndex<DB>(db: Kysely<DB>): Promise<void>;
  dropSearchIndex<DB>(db: Kysely<DB>): Promise<void>;
  /** adds one searchable document (subject + description, or one journal entry) of a case */
  addSearchDocument<DB>(
    db: Kysely<DB>,
    caseId: string,
    body: string,
    language: SearchLanguage,
  ): Promise<void>;
  /** SQL for "cases.id is one of the cases matching q", a condition on the table `cases` */
  caseMatches(q: string, language: SearchLanguage): ReturnType<typeof sql<boolean>>;
  /**
   * The next number of an organisation's reference series for a year. SQLite counts in a row of
   * reference_counters inside the transaction (one writer at a time anyway: no gaps). PostgreSQL
   * draws from a sequence per organisation and year, which never blocks: a counter row would be
   * locked by every registration until it commits, so intake would run one at a time. A
   * registration that fails after drawing leaves a gap in the series.
   */
  nextReferenceNumber(db: Kysely<Database>, organisationId: string, year: number): Promise<number>;
  /**
   * In a statistics rebuild's transaction: no case write nor fold changes the statistics until it
   * ends. SQLite has one writer anyway. PostgreSQL locks the facts table, which case writes and
   * folds write (plain reads go on); taken first, so it never waits holding anything else.
   */
  excludeStatsWriters(tx: Kysely<Database>): Promise<void>;
  /**
   * For a statistics rebuild: a page cache large enough for its indexes (SQLite's default is 2 MB;
   * at 10M cases each month's facts rows land all over a 500 MB primary key), and back after.
   */
  bulkCache(db: Kysely<Database>, on: boolean): Promise<void>;
  close(): Promise<void>;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//.test(target);
}

export function createDialect(target: string, options: { poolSize?: number } = {}): DialectSupport {
  return isPostgresUrl(target) ? postgres(target, options.poolSize ?? 10) : sqlite(target);
}

function sqlite(path: string): DialectSupport {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  database.pragma("journal_mode = WAL");
  // FULL: an acknowledged complaint survives a power cut.
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return {
    name: "sqlite",
    kyselyDialect: new SqliteDialect({ database: withStatementCache(database) }),
    async createSearchIndex(db) {
      await sql`create virtual table search_documents using fts5(case_id unindexed, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(
        db,
      );
    },
    async dropSearchIndex(db) {
      await sql`drop table if exists search_documents`.execute(db);
    },
    async addSearchDocument(db, caseId, text) {
      const body = searchable(text);
      await sql`insert into search_documents (case_id, body) values (${caseId}, ${body})`.execute(db);
    },
    caseMatches(q) {
      return sql<boolean>`cases.id in (select case_id from search_documents where search_documents match ${ftsQuery(q)})`;
    },
    nextReferenceNumber: countedReferenceNumber,
    async excludeStatsWriters() {},
    async bulkCache(db, on) {
      // KiB when negative: 512 MB for the rebuild, SQLite's default after
      await sql.raw(`pragma cache_size = ${on ? -524_288 : -2000}`).execute(db);
    },
    async close() {
      database.close();
    },
  };
}

async function countedReferenceNumber(db: Kysely<Database>, organisationId: string, year: number) {
  const updated = await db
    .updateTable("reference_counters")
    .set((eb) => ({ last_number: eb("last_number", "+", 1) }))
    .where("organisation_id", "=", organisationId)
    .where("year", "=", year)
    .returning("last_number")
    .executeTakeFirst();
  if (updated) return updated.last_number;
  await db
    .insertInto("reference_counters")
    .values({ organisation_id: organisationId, year, last_number: 1 })
    .execute();
  return 1;
}

/**
 * Kysely prepares every query anew; preparing costs as much as running a small statement, so
 * prepared statements are kept per SQL text (the set of distinct SQL texts is small and fixed).
 */
function withStatementCache(database: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (!statement) {
        statement = database.prepare(sqlText);
        if (cache.size >= 1000) cache.clear();
        cache.set(sqlText, statement);
      }
      return statement;
    },
    close() {
      cache.clear();
      database.close();
    },
  };
}

/**
 * The text as indexed: a national id someone typed into a subject, description or note is masked,
 * so the index neither stores it nor finds the case by it (the journal keeps the text as written).
 */
function searchable(text: string): string {
  return maskNationalIdsInText(text);
}

/** Each word becomes a quoted prefix term, so user input can never be FTS5 syntax. */
function ftsQuery(q: string): string {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length === 0 ? '""' : words.map((w) => `"${w}"*`).join(" ");
}

function postgres(url: string, poolSize: number): DialectSupport {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: PreparingClient });
  const sequences = new Set<string>();
  const creating = new Map<string, Promise<void>>();
  // Keep the server process alive when an idle connection drops (the database restarted).
  pool.on("error", () => {});
  return {
    name: "postgres",
    kyselyDialect: new PostgresDialect({ pool }),
    async createSearchIndex(db) {
      await sql`create table search_documents (id bigserial primary key, case_id text not null references cases(id) on delete cascade, body text not null, tsv tsvector not null)`.execute(
        db,
      );
      await sql`create index search_documents_tsv on search_documents using gin (tsv)`.execute(db);
      await sql`create index search_documents_case on search_documents (case_id)`.execute(db);
    },
    async dropSearchIndex(db) {
      await sql`drop table if exists search_documents`.execute(db);
    },
    async addSearchDocument(db, caseId, text, language) {
      const body = searchable(text);
      await sql`insert into search_documents (case_id, body, tsv) values (${caseId}, ${body}, to_tsvector(${language}::regconfig, ${body}))`.execute(
        db,
      );
    },
    caseMatches(q, language) {
      // The matches are collected first (an InitPlan over the GIN index), then looked up by primary
      // key: with a plain `in (subquery)` the planner walks the sort index and probes per case.
      return sql<boolean>`cases.id = any(array(select case_id from search_documents where tsv @@ plainto_tsquery(${language}::regconfig, ${q})))`;
    },
    async bulkCache() {},
    async excludeStatsWriters(tx) {
      // EXCLUSIVE: also a fold's "for update" (ROW SHARE) waits, which would otherwise hold rows
      // this month's delete waits for while the fold waits for this lock to write them
      await sql`lock table stats_facts in exclusive mode`.execute(tx);
    },
    async nextReferenceNumber(db, organisationId, year) {
      const name = `reference_${createHash("sha256").update(organisationId).digest("hex").slice(0, 20)}_${year}`;
      if (!sequences.has(name)) {
        // once per name however many intakes ask at the same moment
        let made = creating.get(name);
        if (!made) {
          made = createSequence(url, name).finally(() => creating.delete(name));
          creating.set(name, made);
        }
        await made;
        sequences.add(name);
      }
      const r = await sql<{ n: number }>`select nextval(${name}) as n`.execute(db);
      return Number(r.rows[0]?.n);
    },
    async close() {
      await pool.end();
    },
  };
}

/**
 * PostgreSQL parses and plans an unnamed statement anew each time (naming every statement of an
 * intake cut the server's CPU per intake by about a third, H31). Inserts of values, bulk ones
 * aside, are prepared once per connection under a name made from their text, like SQLite's
 * statement cache: their plan is the same whatever the values, and with no result columns (no
 * `returning`) they cannot fail when a migration changes a table ("cached plan must not change
 * result type"). Reads, updates and deletes stay unnamed, so each is planned for its own values (a
 * generic plan can be far worse on skewed data).
 */
class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query overloads, passed on unchanged
  override query(config: any, values?: any, callback?: any): any {
    if (
      typeof config === "string" &&
      Array.isArray(values) &&
      config.length <= MAX_PREPARED_TEXT &&
      PREPARED.test(config) &&
      !/\breturning\b/i.test(config)
    ) {
      return super.query({ text: config, values, name: statementName(config) }, callback);
    }
    return super.query(config, values, callback);
  }
}

const PREPARED = /^\s*insert into [^()]+\([^()]*\) values \(/i;
/** A bulk insert's text differs with its row count: kept per connection, each would hold server memory. */
const MAX_PREPARED_TEXT = 4000;
const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `klara_${createHash("sha256").update(text).digest("hex").slice(0, 32)}`;
    if (statementNames.size >= 5000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A reference sequence is created outside the caller's transaction, so a registration that rolls
 * back keeps it, and on a connection of its own, not the pool's: the caller's transaction holds
 * one of the pool's, and when as many intakes as the pool has connections asked at once (the first
 * burst after a start, the new year) each waited for another connection for ever (H31).
 */
async function createSequence(url: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(`create sequence if not exists ${name}`);
  } catch (error) {
    // two processes creating it at the same moment: the other one won, which is as good
    if (!isUniqueViolation(error) && (error as { code?: string }).code !== "42P07") throw error;
  } finally {
    await client.end();
  }
}

// BIGINT counts come back as strings from pg; parse them as numbers (counts stay far below 2^53).
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "57P01",
  "57P03",
  "08006",
  "08001",
  "08003",
  "SQLITE_CANTOPEN",
  "SQLITE_BUSY",
]);

/** True when an error means the database cannot be reached now (→ 503), not that a query is wrong. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : "";
  return /Connection terminated|connect ECONNREFUSED|database system is (shutting down|starting up)/.test(
    message,
  );
}

/** True for a unique or primary-key violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
