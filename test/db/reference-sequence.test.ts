/**
 * Reference numbers when as many registrations as the pool has connections ask for a new
 * organisation-and-year at the same moment (the first burst after a start, the new year): each
 * holds a pool connection in its transaction, so PostgreSQL's sequence is made on a connection of
 * its own, else every one of them waited for a free one for ever (H31). Both databases: the
 * numbers are 1..n, each once.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisationRow } from "../support/fixtures.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

const CONCURRENT = 4; // openTestDb's PostgreSQL pool size

describe.each(DIALECTS)("reference numbers under a burst (%s)", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    await t.db.kysely
      .insertInto("organisations")
      .values({ ...organisationRow("org-burst"), name: "Burst" })
      .execute();
  });
  afterAll(() => t.cleanup());

  it("gives every one of a burst its own number and none waits for ever", async () => {
    let arrived = 0;
    let release: () => void = () => {};
    const allHoldAConnection = new Promise<void>((resolve) => {
      release = resolve;
    });
    const draw = () =>
      t.db.transaction(async (tx) => {
        // each transaction holds its connection before any asks for the number (SQLite's group
        // commit runs one use case at a time in one connection: nothing to wait for there)
        await sql`select 1`.execute(tx);
        arrived += 1;
        if (arrived === CONCURRENT) release();
        if (dialect === "postgres") await allHoldAConnection;
        return t.db.dialect.nextReferenceNumber(tx, "org-burst", 2031);
      });
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("the burst waited for a connection for ever")), 10_000);
    });
    try {
      const numbers = await Promise.race([Promise.all(Array.from({ length: CONCURRENT }, draw)), stuck]);
      expect([...numbers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    } finally {
      clearTimeout(timer);
    }
    // and the next one, after the burst, goes on from there
    expect(await t.db.transaction((tx) => t.db.dialect.nextReferenceNumber(tx, "org-burst", 2031))).toBe(5);
  }, 20_000);
});
