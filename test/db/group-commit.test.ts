import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDatabase } from "../support/test-db.js";

describe("SQLite group commit", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDb("sqlite");
    await sql`create table gc (id integer primary key, v text not null)`.execute(t.db.kysely);
  });
  afterAll(async () => t.cleanup());

  const insert = (id: number, fail = false) =>
    t.db.transaction(async (tx) => {
      await sql`insert into gc (id, v) values (${id}, 'a')`.execute(tx);
      await sql`insert into gc (id, v) values (${id + 1000}, 'b')`.execute(tx);
      if (fail) throw new Error(`use case ${id} failed`);
      return id;
    });

  it("commits the use cases of a batch together and rolls back a failing one alone", async () => {
    const results = await Promise.allSettled([insert(1), insert(2, true), insert(3), insert(4)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    const rows = await sql<{ id: number }>`select id from gc order by id`.execute(t.db.kysely);
    expect(rows.rows.map((r) => r.id)).toEqual([1, 3, 4, 1001, 1003, 1004]);
  });

  it("a statement error rolls back only that use case's earlier writes", async () => {
    const results = await Promise.allSettled([insert(10), insert(1), insert(11)]); // 1 exists
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const rows = await sql<{
      n: number;
    }>`select count(*) as n from gc where id in (10, 11, 1010, 1011)`.execute(t.db.kysely);
    expect(rows.rows[0]!.n).toBe(4);
  });

  it("a transaction opened inside another joins it instead of waiting for itself", async () => {
    const id = await t.db.transaction(async (tx) => {
      await sql`insert into gc (id, v) values (20, 'outer')`.execute(tx);
      return t.db.transaction(async (inner) => {
        const seen = await sql<{ n: number }>`select count(*) as n from gc where id = 20`.execute(inner);
        return seen.rows[0]!.n;
      });
    });
    expect(id).toBe(1);
  });
});
