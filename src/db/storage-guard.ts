/**
 * A SQLite file removed or replaced while the server runs: the open handle keeps writing to the
 * old file, which is gone (deleted) or no longer the database (replaced), so every write after
 * that would be acknowledged and then lost. The guard remembers the file's device and inode at
 * open and compares them around each transaction (one stat, microseconds); a difference makes the
 * write fail as "unavailable" (503) instead of being acknowledged.
 */
import { statSync } from "node:fs";
import { KlaraError } from "../domain/errors.js";

export interface StorageGuard {
  /** throws KlaraError "unavailable" when the database file is not the one opened */
  check(): void;
}

const NONE: StorageGuard = { check() {} };

/** A guard for a SQLite file path; PostgreSQL and `:memory:` need none. */
export function storageGuard(path: string | null): StorageGuard {
  if (path === null || path === ":memory:" || path === "") return NONE;
  const identity = (): string | null => {
    try {
      const s = statSync(path, { bigint: true });
      return `${s.dev}:${s.ino}`;
    } catch {
      return null;
    }
  };
  const opened = identity();
  if (opened === null) return NONE;
  return {
    check() {
      const now = identity();
      if (now === opened) return;
      throw new KlaraError(
        "unavailable",
        now === null
          ? "The database file was removed while the server was running; nothing more can be stored. Restore it and restart Klara."
          : "The database file was replaced while the server was running; nothing more can be stored. Restart Klara.",
      );
    },
  };
}
