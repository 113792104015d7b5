/**
 * Intake speed (H31): a new case's write deletes nothing (it has no handler rows to replace), the
 * procedure and its organisation are read in one statement, and a personnel case routed at
 * registration still gets its handler rows.
 */
import type { KyselyPlugin, RootOperationNode } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app/context.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import type { KlaraDb } from "../../src/db/create-db.js";
import { seedOrganisation, testDeps } from "../support/fixtures.js";
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

  const complaint = (category: string) => ({
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning",
    description: "Min søn bliver mobbet.",
    category,
  });

  it("a new case has no handler rows to delete", async () => {
    kinds.length = 0;
    await submitComplaint(deps, complaint("school_conduct"));
    expect(kinds).toContain("InsertQueryNode cases");
    expect(kinds).not.toContain("DeleteQueryNode case_handlers");
  });

  it("reads the procedure and its organisation in one statement", async () => {
    kinds.length = 0;
    const { receipt } = await submitComplaint(deps, complaint("school_conduct"));
    expect(kinds[0]).toBe("SelectQueryNode procedures");
    expect(kinds).not.toContain("SelectQueryNode organisations");
    const stored = await findCase(t.db.kysely, receipt.id);
    expect(stored?.reference).toMatch(/^KLA-2026-\d{6}$/);
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
