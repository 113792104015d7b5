/** What every use case gets: the database, the clock, and a source of ids. */
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { KlaraDb } from "../db/create-db.js";
import type { Database } from "../db/schema.js";
import type { Clock } from "../domain/clock.js";
import type { DigitalPostSender } from "./digital-post.js";

export interface AppDeps {
  db: KlaraDb;
  clock: Clock;
  newId: () => string;
  /** KLARA_DIGITAL_POST: where Danish letters to a complainant known by CPR without e-mail go */
  digitalPost?: DigitalPostSender;
  /**
   * Klara's public address (KLARA_PUBLIC_URL), no trailing slash: links are made absolute when a
   * letter or e-mail is rendered, in its transaction (decision 0025)
   */
  publicUrl?: string;
  /** without KLARA_PUBLIC_URL: the address `klara serve` listens on, so local links are clickable */
  localUrl?: string;
}

/** Where links point when no address is known: `klara serve`'s default (decision 0025). */
export const LOCAL_PUBLIC_URL = "http://127.0.0.1:3000";

/** An absolute link to a path of Klara, for a letter or an e-mail: a bare path is no use to its reader. */
export function publicLink(deps: Pick<AppDeps, "publicUrl" | "localUrl">, path: string): string {
  return `${deps.publicUrl ?? deps.localUrl ?? LOCAL_PUBLIC_URL}${path}`;
}

export function createDeps(db: KlaraDb, clock: Clock): AppDeps {
  return { db, clock, newId: randomUUID };
}

export type Tx = Kysely<Database>;

/** One transaction per use case: all of it is written, or none of it. */
export function inTransaction<T>(deps: AppDeps, work: (tx: Tx) => Promise<T>): Promise<T> {
  return deps.db.transaction(work);
}

/**
 * A use case that reads tables another one changes together (the statistics rollups and the
 * pending facts rows a fold moves into them): every statement sees the same committed state.
 */
export function inSnapshot<T>(deps: AppDeps, work: (tx: Tx) => Promise<T>): Promise<T> {
  return deps.db.transaction(work, { snapshot: true });
}

/** The instant now, as stored: ISO 8601 UTC with milliseconds. */
export function nowIso(deps: AppDeps): string {
  // the same text as Temporal's toString to the millisecond, a twentieth of the polyfill's time
  return new Date(deps.clock.now().epochMilliseconds).toISOString();
}
