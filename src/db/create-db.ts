import { Kysely, type Migration, Migrator, NO_MIGRATIONS } from "kysely";
import type { ProcedureVersion } from "../domain/procedure.js";
import { createDialect, type DialectSupport } from "./dialect.js";
import { GroupCommit } from "./group-commit.js";
import { cellKeySecret } from "./installation.repository.js";
import { initial } from "./migrations/2026-11-22-initial.js";
import { sessions } from "./migrations/2026-11-22-sessions.js";
import { sweepIndex } from "./migrations/2026-11-22-sweep-index.js";
import { documents } from "./migrations/2026-11-22T15-documents.js";
import { unitActive } from "./migrations/2026-11-30T08-unit-active.js";
import { encryptAtRest } from "./migrations/2026-12-01T15-encrypt-at-rest.js";
import { accessibilityStatement } from "./migrations/2026-12-01T16-accessibility-statement.js";
import { installation } from "./migrations/2026-12-01T17-installation.js";
import { settleAnsweredDeadlines } from "./migrations/2026-12-01T18-settle-answered-deadlines.js";
import { mailOutbox } from "./migrations/2026-12-01T19-mail-outbox.js";
import { mailbox } from "./migrations/2026-12-01T20-mailbox.js";
import { notificationSettings } from "./migrations/2026-12-01T21-notification-settings.js";
import { legalReview } from "./migrations/2026-12-01T22-legal-review.js";
import { personalLinks } from "./migrations/2026-12-01T23-personal-links.js";
import { bouncesDigest } from "./migrations/2026-12-01T24-bounces-digest.js";
import { journalEvents } from "./migrations/2026-12-01T25-journal-events.js";
import { appealsTargets } from "./migrations/2026-12-01T26-appeals-targets.js";
import { mailSettings } from "./migrations/2026-12-01T27-mail-settings.js";
import { statsRollups } from "./migrations/2026-12-01T30-stats-rollups.js";
import { cellKeys } from "./migrations/2026-12-01T31-cell-keys.js";
import { statsRestricted } from "./migrations/2026-12-01T32-stats-restricted.js";
import { statsFactsUnit } from "./migrations/2026-12-01T33-stats-facts-unit.js";
import { trackingTokenSealed } from "./migrations/2026-12-01T34-tracking-token-sealed.js";
import { statsAllProcedures } from "./migrations/2026-12-01T35-stats-all-procedures.js";
import { statsWholeHours } from "./migrations/2026-12-01T36-stats-whole-hours.js";
import { statsUnitDays } from "./migrations/2026-12-02T01-stats-unit-days.js";
import { statsTallyJson } from "./migrations/2026-12-02T02-stats-tally-json.js";
import { statsPending } from "./migrations/2026-12-02T03-stats-pending.js";
import { statsPairDays } from "./migrations/2026-12-02T04-stats-pair-days.js";
import { ephemeralKeyring, type Keyring, KeyringPlugin } from "./national-id-cipher.js";
import type { Database } from "./schema.js";
import { rebuildStatsIfStale } from "./stats-rebuild.repository.js";
import { storageGuard } from "./storage-guard.js";

export interface KlaraDb {
  readonly kysely: Kysely<Database>;
  readonly dialect: DialectSupport;
  /**
   * One transaction: all of the work is written, or none of it. `snapshot`: every statement sees
   * the same committed state (PostgreSQL repeatable read; SQLite's transactions always do).
   */
  transaction<T>(work: (tx: Kysely<Database>) => Promise<T>, options?: { snapshot?: boolean }): Promise<T>;
  /** immutable procedure versions already read through this handle */
  readonly procedureCache: Map<string, ProcedureVersion>;
  /** the keys national ids are encrypted with at rest */
  readonly keyring: Keyring;
  /**
   * The statistics' cell key secret once `migrateToLatest` made sure it is stored (committed, never
   * changed after): a case write then need not read it. Unset, it is read in the transaction.
   */
  cellKeySecret?: string;
  /** throws KlaraError "unavailable" when the SQLite file was removed or replaced since it was opened */
  checkStorage(): void;
  destroy(): Promise<void>;
}

export type Transaction = Kysely<Database>;

/** Opens a database: a file path (SQLite) or a postgres:// URL. Does not migrate. */
export function openDatabase(
  target: string,
  /** keyring: `klara` always passes one; without it a random key for this process (tests) */
  options: { poolSize?: number; keyring?: Keyring } = {},
): KlaraDb {
  const dialect = createDialect(target, options);
  const keyring = options.keyring ?? ephemeralKeyring();
  const kysely = new Kysely<Database>({
    dialect: dialect.kyselyDialect,
    plugins: [new KeyringPlugin(keyring)],
  });
  const group = dialect.name === "sqlite" ? new GroupCommit(kysely) : null;
  const guard = storageGuard(dialect.name === "sqlite" ? target : null);
  return {
    kysely,
    dialect,
    procedureCache: new Map(),
    keyring,
    checkStorage: () => guard.check(),
    // Checked before (nothing is attempted) and after the commit (a write that landed in a removed
    // file is not acknowledged).
    async transaction(work, options) {
      guard.check();
      const begin = options?.snapshot
        ? kysely.transaction().setIsolationLevel("repeatable read")
        : kysely.transaction();
      const result = await (group ? group.run(work) : begin.execute(work));
      guard.check();
      return result;
    },
    async destroy() {
      // Kysely's destroy ends the pool or closes the SQLite handle.
      await kysely.destroy();
    },
  };
}

/** Migrations are frozen in time and named by ISO date. */
function migrations(dialect: DialectSupport, keyring: Keyring): Record<string, Migration> {
  return {
    "2026-11-22-initial": initial(dialect.name),
    "2026-11-22-sweep-index": sweepIndex,
    "2026-11-22-sessions": sessions,
    "2026-11-22T15-documents": documents(dialect.name),
    "2026-11-30T08-unit-active": unitActive,
    "2026-12-01T15-encrypt-at-rest": encryptAtRest(keyring),
    "2026-12-01T16-accessibility-statement": accessibilityStatement,
    "2026-12-01T17-installation": installation,
    "2026-12-01T18-settle-answered-deadlines": settleAnsweredDeadlines,
    "2026-12-01T19-mail-outbox": mailOutbox,
    "2026-12-01T20-mailbox": mailbox,
    "2026-12-01T21-notification-settings": notificationSettings,
    "2026-12-01T22-legal-review": legalReview,
    "2026-12-01T30-stats-rollups": statsRollups(dialect.name),
    "2026-12-01T31-cell-keys": cellKeys,
    "2026-12-01T32-stats-restricted": statsRestricted,
    "2026-12-01T33-stats-facts-unit": statsFactsUnit(dialect.name),
    "2026-12-01T34-tracking-token-sealed": trackingTokenSealed,
    "2026-12-01T35-stats-all-procedures": statsAllProcedures(dialect.name),
    "2026-12-01T36-stats-whole-hours": statsWholeHours(dialect.name),
    "2026-12-02T01-stats-unit-days": statsUnitDays,
    "2026-12-02T02-stats-tally-json": statsTallyJson(dialect.name),
    "2026-12-02T03-stats-pending": statsPending,
    "2026-12-02T04-stats-pair-days": statsPairDays,
    "2026-12-01T25-journal-events": journalEvents,
    "2026-12-01T23-personal-links": personalLinks,
    "2026-12-01T27-mail-settings": mailSettings,
    "2026-12-01T24-bounces-digest": bouncesDigest(dialect.name),
    "2026-12-01T26-appeals-targets": appealsTargets,
  };
}

function migrator(db: KlaraDb): Migrator {
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations(db.dialect, db.keyring) },
  });
}

/**
 * `statsRebuild: "later"` leaves statistics a migration marked stale to be rebuilt by the caller
 * (`klara serve` does it in the background, answering meanwhile); by default they are rebuilt here.
 */
export async function migrateToLatest(
  db: KlaraDb,
  options: { statsRebuild?: "now" | "later" } = {},
): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) throw error;
  // statistics a migration marked stale are rebuilt by today's code (frozen migrations cannot)
  if (options.statsRebuild !== "later") await rebuildStatsIfStale(db);
  db.cellKeySecret = await cellKeySecret(db.kysely);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

export async function migrateDownAll(db: KlaraDb): Promise<void> {
  const { error } = await migrator(db).migrateTo(NO_MIGRATIONS);
  if (error) throw error;
}

/** Every migration's name, in the order they run. */
export function migrationNames(db: KlaraDb): string[] {
  return Object.keys(migrations(db.dialect, db.keyring)).sort();
}

/** Migrates up to and including the named migration (tests of a migration over older data). */
export async function migrateTo(db: KlaraDb, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw error;
}
