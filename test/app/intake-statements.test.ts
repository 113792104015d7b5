/**
 * Intake speed (H31): a new case's write deletes nothing (it has no handler rows to replace), the
 * procedure, its organisation and the unit are read in one statement (a unit of another
 * organisation, an unknown or an inactive one still refused), and a personnel case routed at
 * registration still gets its handler rows.
 */
import type { KyselyPlugin, RootOperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/context.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import type { KlaraDb } from "../../src/db/create-db.js";
import { seedOrganisation, testDeps } from "../support/fixtures.js";
import { schoolComplaint } from "../support/seeded-db.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

/** The statements the use cases run, as kind and table ("DeleteQueryNode case_handlers"). */
function recording(db: KlaraDb, kinds: string[]): KlaraDb {
  const plugin: KyselyPlugin = {
    transformQuery: ({ node }) => {
      const table = JSON.stringify(node).match(/"table":\{[^}]*"name":"([a-z_]+)"/)?.[1] ?? "";
      kinds.push(`${(node as RootOperationNode).kind} ${table}`);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { ...db, transaction: (work) => db.transaction((tx) => work(tx.withPlugin(plugin))) };
}

describe.each(DIALECTS)("the statements of an intake (%s)", (dialect) => {
  let t: TestDatabase;
  let deps: AppDeps;
  const kinds: string[] = [];
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const plain = testDeps(t.db);
    await seedOrganisation(plain, { country: "DK" });
    deps = { ...plain, db: recording(t.db, kinds) };
  });
  afterAll(() => t.cleanup());

  const complaint = (category: string) => schoolComplaint({ category });

  it("a new case has no handler rows to delete", async () => {
    kinds.length = 0;
    await submitComplaint(deps, complaint("school_conduct"));
    expect(kinds).toContain("InsertQueryNode cases");
    expect(kinds).not.toContain("DeleteQueryNode case_handlers");
  });

  it("writes the new case's statistics facts pending, reading nothing for them and writing no rollup row", async () => {
    kinds.length = 0;
    await submitComplaint(deps, complaint("school_conduct"));
    expect(kinds).toContain("InsertQueryNode stats_facts");
    expect(kinds).not.toContain("SelectQueryNode stats_facts");
    expect(kinds).not.toContain("SelectQueryNode installation");
    expect(kinds).not.toContain("InsertQueryNode stats_rollup");
  });

  it("reads the procedure, its organisation and the unit in one statement", async () => {
    kinds.length = 0;
    const { receipt } = await submitComplaint(deps, complaint("school_conduct"));
    expect(kinds[0]).toBe("SelectQueryNode procedures");
    expect(kinds).not.toContain("SelectQueryNode organisations");
    expect(kinds).not.toContain("SelectQueryNode units");
    const stored = await findCase(t.db.kysely, receipt.id);
    expect(stored?.reference).toMatch(/^KLA-2026-\d{6}$/);
  });

  it("finds the unit by code or id, and refuses one that is unknown, inactive or another organisation's", async () => {
    const unit = await t.db.kysely
      .selectFrom("units")
      .select(["id", "organisation_id"])
      .where("code", "=", "SKOLE-A")
      .executeTakeFirstOrThrow();
    const byId = await submitComplaint(deps, { ...complaint("school_conduct"), unit: unit.id });
    expect((await findCase(t.db.kysely, byId.receipt.id))?.unitId).toBe(unit.id);
    const byCode = await submitComplaint(deps, complaint("school_conduct"));
    expect((await findCase(t.db.kysely, byCode.receipt.id))?.unitId).toBe(unit.id);
    const noUnit = await submitComplaint(deps, { ...complaint("school_conduct"), unit: undefined });
    expect((await findCase(t.db.kysely, noUnit.receipt.id))?.unitId).toBeNull();
    await expect(
      submitComplaint(deps, { ...complaint("school_conduct"), unit: "NO-SUCH" }),
    ).rejects.toMatchObject({
      details: { fieldErrors: [{ path: "unit" }] },
    });
    await t.db.kysely
      .insertInto("organisations")
      .values({
        id: "org-elsewhere",
        name: "Elsewhere",
        country: "DK",
        time_zone: "Europe/Copenhagen",
        closing_days: "[]",
        locale: "da",
        created_at: "2026-03-01T00:00:00.000Z",
        accessibility_statement_url: null,
        accessibility_statement: null,
      })
      .execute();
    await t.db.kysely
      .insertInto("units")
      .values({
        id: "unit-elsewhere",
        organisation_id: "org-elsewhere",
        code: "ELSEWHERE",
        name: "Elsewhere",
        parent_id: null,
        manager_id: null,
        routing: "{}",
        active: 1,
      })
      .execute();
    await expect(
      submitComplaint(deps, { ...complaint("school_conduct"), unit: "ELSEWHERE" }),
    ).rejects.toMatchObject({
      details: { fieldErrors: [{ path: "unit" }] },
    });
    await t.db.kysely.updateTable("units").set({ active: 0 }).where("id", "=", unit.id).execute();
    try {
      await expect(submitComplaint(deps, complaint("school_conduct"))).rejects.toMatchObject({
        details: { fieldErrors: [{ path: "unit", message: "This unit no longer takes complaints." }] },
      });
    } finally {
      await t.db.kysely.updateTable("units").set({ active: 1 }).where("id", "=", unit.id).execute();
    }
  });

  it("still refuses a procedure that does not exist, naming the field", async () => {
    await expect(
      submitComplaint(deps, { ...complaint("school_conduct"), procedure: "no-such" }),
    ).rejects.toMatchObject({
      details: { fieldErrors: [{ path: "procedure" }] },
    });
  });

  it("a personnel case routed at registration is stored with its handlers", async () => {
    kinds.length = 0;
    const { receipt } = await submitComplaint(deps, complaint("leadership"));
    expect(kinds).toContain("InsertQueryNode case_handlers");
    expect(kinds).not.toContain("DeleteQueryNode case_handlers");
    const rows = await t.db.kysely
      .selectFrom("case_handlers")
      .select(["person_id", "position"])
      .where("case_id", "=", receipt.id)
      .orderBy("position")
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    const stored = await findCase(t.db.kysely, receipt.id);
    expect(stored?.handlers.map((h) => h.personId)).toEqual(rows.map((r) => r.person_id));
  });
});
