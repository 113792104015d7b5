import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDownAll, migrateTo, migrateToLatest } from "../../src/db/create-db.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

describe.each(DIALECTS)("migrations on %s", (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDb(dialect, { migrate: false });
  });
  afterAll(async () => t.cleanup());

  const tables = async () =>
    (await t.db.kysely.introspection.getTables())
      .map((x) => x.name)
      .filter((n) => !n.startsWith("kysely_") && !n.startsWith("search_documents_"));

  // Kysely applies migrations in the order of their names
  const MIGRATIONS = [
    "2026-11-22-initial",
    "2026-11-22-sessions",
    "2026-11-22-sweep-index",
    "2026-11-22T15-documents",
    "2026-11-30T08-unit-active",
    "2026-12-01T15-encrypt-at-rest",
    "2026-12-01T16-accessibility-statement",
    "2026-12-01T17-installation",
    "2026-12-01T18-settle-answered-deadlines",
    "2026-12-01T19-mail-outbox",
    "2026-12-01T20-mailbox",
    "2026-12-01T21-notification-settings",
    "2026-12-01T22-legal-review",
    "2026-12-01T23-personal-links",
    "2026-12-01T24-bounces-digest",
    "2026-12-01T25-journal-events",
    "2026-12-01T26-appeals-targets",
    "2026-12-01T27-mail-settings",
    "2026-12-01T30-stats-rollups",
    "2026-12-01T31-cell-keys",
    "2026-12-01T32-stats-restricted",
    "2026-12-01T33-stats-facts-unit",
    "2026-12-01T34-tracking-token-sealed",
    "2026-12-01T35-stats-all-procedures",
    "2026-12-01T36-stats-whole-hours",
    "2026-12-02T01-stats-unit-days",
    "2026-12-02T02-stats-tally-json",
    "2026-12-02T03-stats-pending",
    "2026-12-02T04-stats-pair-days",
  ];

  it("go up, down and up again", async () => {
    expect(await migrateToLatest(t.db)).toEqual(MIGRATIONS);
    const up = await tables();
    expect(up).toEqual(expect.arrayContaining(["cases", "journal_entries", "deadlines", "outbox"]));
    await migrateDownAll(t.db);
    expect(await tables()).toEqual([]);
    expect(await migrateToLatest(t.db)).toEqual(MIGRATIONS);
    expect((await tables()).sort()).toEqual(up.sort());
    // a second run has nothing to do
    expect(await migrateToLatest(t.db)).toEqual([]);
  });

  it("T33 fills the facts rows' unit column from their facts", async () => {
    await migrateDownAll(t.db);
    await migrateTo(t.db, "2026-12-01T32-stats-restricted");
    await sql`insert into stats_facts (case_id, organisation_id, procedure_id, received_date, open, normal,
      person_complained_about_id, facts) values ('c1', 'o1', 'p1', '2026-03-02', 0, 1, null,
      ${JSON.stringify({ unitId: "u7", type: "service" })}), ('c2', 'o1', 'p1', '2026-03-02', 0, 1, null,
      ${JSON.stringify({ unitId: null, type: "service" })})`.execute(t.db.kysely);
    await migrateToLatest(t.db);
    const rows = await sql<{ case_id: string; unit_id: string | null }>`
      select case_id, unit_id from stats_facts order by case_id`.execute(t.db.kysely);
    expect(rows.rows).toEqual([
      { case_id: "c1", unit_id: "u7" },
      { case_id: "c2", unit_id: null },
    ]);
  });

  it("T36 counts the rollups' hours to first contact in whole hours", async () => {
    await migrateDownAll(t.db);
    await migrateTo(t.db, "2026-12-01T35-stats-all-procedures");
    const tally = { n: 4, "h:24": 1, "h:25": 1, "h:30": 1, "h:0": 1, "d:3": 4 };
    await sql`insert into stats_rollup (organisation_id, dims, month, procedure_id, v1, v2, n, tally)
      values ('o1', 'type', '2026-03', 'p1', 'service', '', 4, ${JSON.stringify(tally)})`.execute(
      t.db.kysely,
    );
    await migrateToLatest(t.db);
    const rows = await sql<{ tally: string | object }>`select tally from stats_rollup`.execute(t.db.kysely);
    const stored = rows.rows[0]?.tally;
    // 2.4 h → 2, 2.5 h and 3.0 h → 3, 0 → 0; other keys as they were
    expect(typeof stored === "string" ? JSON.parse(stored) : stored).toEqual({
      n: 4,
      "h:2": 1,
      "h:3": 2,
      "h:0": 1,
      "d:3": 4,
    });
  });

  it("enforces foreign keys", async () => {
    await expect(
      sql`insert into units (id, organisation_id, code, name, routing) values ('u1', 'missing', 'X', 'X', '{}')`.execute(
        t.db.kysely,
      ),
    ).rejects.toThrow();
  });
});
