/**
 * PostgreSQL: inserts of values are prepared once per connection (intake speed, H31); reads,
 * inserts that return rows and bulk inserts stay unnamed.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { type KlaraDb, openDatabase } from "../../src/db/create-db.js";
import { organisationRow, seedOrganisation, testDeps } from "../support/fixtures.js";
import { schoolComplaint } from "../support/seeded-db.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

describe.runIf(DIALECTS.includes("postgres"))("prepared inserts (postgres)", () => {
  let t: TestDatabase;
  let one: KlaraDb;
  beforeAll(async () => {
    t = await openTestDb("postgres");
    // one connection, so the statements below all run in the session asked about
    one = openDatabase(t.target, { poolSize: 1 });
  });
  afterAll(async () => {
    await one.destroy();
    await t.cleanup();
  });

  it("prepares an insert once and runs it again by name; reads stay unprepared", async () => {
    await one.kysely.insertInto("organisations").values(organisationRow("org-1")).execute();
    await one.kysely.insertInto("organisations").values(organisationRow("org-2")).execute();
    await one.kysely.insertInto("organisations").values(organisationRow("org-3")).returning("id").execute();
    // a bulk insert (its text differs with the row count) is not kept
    const bulk = Array.from({ length: 100 }, (_, i) => organisationRow(`bulk-${String(i).padStart(3, "0")}`));
    await one.kysely.insertInto("organisations").values(bulk).execute();
    const read = await one.kysely.selectFrom("organisations").select("id").orderBy("id").execute();
    expect(read.map((r) => r.id)).toEqual([...bulk.map((o) => o.id), "org-1", "org-2", "org-3"]);
    const prepared = await sql<{ name: string; statement: string }>`
      select name, statement from pg_prepared_statements where not from_sql`.execute(one.kysely);
    expect(prepared.rows).toHaveLength(1);
    expect(prepared.rows[0]!.name).toMatch(/^klara_[0-9a-f]{32}$/);
    expect(prepared.rows[0]!.statement).toMatch(/^insert into "organisations" .* values \(/);
    expect(prepared.rows[0]!.statement).not.toMatch(/returning/);
  });

  it("prepares an intake's inserts (case, deadlines, journal, search document)", async () => {
    const deps = testDeps(one);
    await seedOrganisation(deps, { country: "DK" });
    await submitComplaint(deps, schoolComplaint());
    const prepared = await sql<{ statement: string }>`
      select statement from pg_prepared_statements where not from_sql`.execute(one.kysely);
    const tables = prepared.rows.map((r) => /^insert into "?([a-z_]+)"?/.exec(r.statement)?.[1]);
    expect(tables).toEqual(
      expect.arrayContaining(["cases", "deadlines", "journal_entries", "search_documents"]),
    );
  });
});
