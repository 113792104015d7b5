import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateToken } from "../../src/app/authenticate.js";
import { type AppDeps, createDeps } from "../../src/app/context.js";
import { DEMO_ORGANISATIONS } from "../../src/app/demo-data.js";
import { type DemoLoaded, loadDemo } from "../../src/app/load-demo.js";
import { verifyJournals } from "../../src/app/verify-journal.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { listOrganisations, loadDirectory } from "../../src/db/organisation.repository.js";
import { FixedClock } from "../../src/domain/clock.js";
import { KlaraError } from "../../src/domain/errors.js";
import { CASE_STATUSES, Role } from "../../src/domain/vocabulary.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

/** Wednesday 15 April 2026, 11:00 in Copenhagen. */
const NOW = "2026-04-15T09:00:00.000Z";

async function counts(deps: AppDeps) {
  const db = deps.db.kysely;
  const n = async (table: "organisations" | "people" | "cases" | "journal_entries" | "api_tokens") =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    organisations: await n("organisations"),
    people: await n("people"),
    cases: await n("cases"),
    journal: await n("journal_entries"),
    tokens: await n("api_tokens"),
  };
}

describe.each(DIALECTS)("the demo (%s)", (dialect) => {
  let t: TestDatabase;
  let deps: AppDeps;
  let loaded: DemoLoaded;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    deps = createDeps(t.db, FixedClock.at(NOW));
    loaded = await loadDemo(deps);
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it("creates Demo Kommune (DK) and Demo ASVO (NO)", async () => {
    const orgs = await listOrganisations(t.db.kysely);
    expect(orgs.map((o) => [o.name, o.country, o.timeZone, o.locale, o.closingDays])).toEqual([
      ["Demo ASVO", "NO", "Europe/Oslo", "nb", []],
      ["Demo Kommune", "DK", "Europe/Copenhagen", "da", []],
    ]);
    const kommune = await loadDirectory(t.db.kysely, orgs[1]!.id);
    const codes = [...kommune!.units.values()].map((u) => u.code).sort();
    expect(codes).toEqual(
      ["BESK", "JOBCENTER", "KLAGE", "KOMMUNE", "LEDSEK", "SKOLE", "SKOLE-A", "SKOLE-B", "YDELSE"].sort(),
    );
    const byCode = new Map([...kommune!.units.values()].map((u) => [u.code, u]));
    const managerEmail = (code: string) => kommune!.people.get(byCode.get(code)!.managerId!)?.email;
    expect(managerEmail("KOMMUNE")).toBe("leder@kommune.example");
    expect(managerEmail("SKOLE-A")).toBe("skoleleder.a@kommune.example");
    expect(managerEmail("SKOLE-B")).toBe("skoleleder.b@kommune.example");
    const procedures = await t.db.kysely
      .selectFrom("procedures")
      .select(["id", "organisation_id"])
      .orderBy("id")
      .execute();
    expect(procedures.map((p) => [p.id, p.organisation_id === orgs[1]!.id ? "kommune" : "asvo"])).toEqual([
      ["dk-abc", "kommune"],
      ["dk-central-unit", "kommune"],
      ["dk-employment", "kommune"],
      ["dk-school", "kommune"],
      ["no-workplace", "asvo"],
    ]);
  });

  it("gives every role a person in each organisation, each with a token and a password", async () => {
    for (const org of await listOrganisations(t.db.kysely)) {
      const dir = await loadDirectory(t.db.kysely, org.id);
      const roles = new Set([...dir!.people.values()].flatMap((p) => p.roles));
      for (const role of Role.options) expect(roles, `${org.name} lacks ${role}`).toContain(role);
    }
    const emails = DEMO_ORGANISATIONS.flatMap((o) => o.people.map((p) => p.email)).sort();
    expect(Object.keys(loaded.tokens).sort()).toEqual(emails);
    expect(Object.keys(loaded.passwords).sort()).toEqual(emails);
    expect(loaded.passwords["modtager@kommune.example"]).toBe("demo-modtager-2026");
    const hash = await t.db.kysely
      .selectFrom("people")
      .select("password_hash")
      .where("email", "=", "modtager@kommune.example")
      .executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("has a case in every state, a few dozen in all, and some overdue", async () => {
    const rows = await t.db.kysely.selectFrom("cases").select(["status", "procedure_id"]).execute();
    expect(rows.length).toBe(loaded.cases);
    expect(rows.length).toBeGreaterThanOrEqual(30);
    const statuses = new Set(rows.map((r) => r.status));
    for (const s of CASE_STATUSES) expect(statuses, `no case is ${s}`).toContain(s);
    expect(new Set(rows.map((r) => r.procedure_id)).size).toBe(5);
    const overdue = await t.db.kysely
      .selectFrom("deadlines")
      .innerJoin("cases", "cases.id", "deadlines.case_id")
      .select("cases.id")
      .where("deadlines.met_at", "is", null)
      .where("deadlines.kind", "!=", "complaintWindow")
      .where("deadlines.due_date", "<", "2026-04-15")
      .where("cases.status", "not in", ["closed", "withdrawn", "not_a_complaint"])
      .distinct()
      .execute();
    expect(overdue.length).toBeGreaterThanOrEqual(3);
  });

  it("includes the scenarios the spec names", async () => {
    const ids = await t.db.kysely.selectFrom("cases").select("id").execute();
    const cases = await Promise.all(ids.map(async (r) => (await findCase(t.db.kysely, r.id))!));
    const personnel = cases.filter((c) => c.confidentiality === "personnel");
    // no-workplace keeps every complaint confidential (decision 0007); elsewhere one leadership case
    expect(personnel.filter((c) => c.procedureId !== "no-workplace").map((c) => c.procedureId)).toEqual([
      "dk-school",
    ]);
    expect(
      cases.filter((c) => c.procedureId === "no-workplace").every((c) => c.confidentiality === "personnel"),
    ).toBe(true);
    const leadership = personnel.find((c) => c.procedureId === "dk-school")!;
    expect(leadership.category).toBe("leadership");
    expect(leadership.personComplainedAboutId).not.toBeNull();
    expect(leadership.handlers.map((h) => h.personId)).not.toContain(leadership.personComplainedAboutId);
    const twoHandlers = cases.filter((c) => c.handlers.length === 2);
    expect(twoHandlers).toHaveLength(1);
    expect(twoHandlers[0]!.coordinatorId).not.toBeNull();
    expect(twoHandlers[0]!.draft?.combined).toBe(true);
    const boardDecided = cases.filter(
      (c) =>
        c.procedureId === "dk-employment" && c.status === "closed" && c.appealsBoard?.result === "upheld",
    );
    expect(boardDecided).toHaveLength(1);
    expect(boardDecided[0]!.reassessment?.result).toBe("upheld");
    const advisor = cases.filter((c) => c.source === "citizens_advisor" && c.type === "process");
    expect(advisor.map((c) => c.status)).toContain("answered");
    const anonymous = cases.filter((c) => c.procedureId === "no-workplace" && c.complainant.anonymous);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]!.complainant.name).toBeNull();
    const informal = cases.filter((c) => c.procedureId === "dk-abc" && c.resolution === "informal");
    expect(informal).toHaveLength(1);
    // Back-dated: receipt days to weeks before now, and the steps in between.
    const oldest = cases.map((c) => c.receivedAt).sort()[0]!;
    expect(oldest < "2026-03-01").toBe(true);
    expect(cases.every((c) => c.receivedAt <= NOW && c.updatedAt <= NOW)).toBe(true);
  });

  it("writes journals whose every chain verifies", async () => {
    const result = await verifyJournals(deps);
    expect(result).toMatchObject({ ok: true, cases: loaded.cases });
    if (result.ok) expect(result.entries).toBeGreaterThan(loaded.cases * 3);
    const anyCase = await t.db.kysely.selectFrom("cases").select("id").executeTakeFirstOrThrow();
    expect((await journalOf(t.db.kysely, anyCase.id)).length).toBeGreaterThan(0);
  });

  it("authenticates a returned token and refuses a wrong one", async () => {
    const actor = await authenticateToken(deps, loaded.tokens["koordinator@kommune.example"]!);
    expect(actor).toMatchObject({ name: "Karl Koordinator", roles: ["coordinator"] });
    expect(await authenticateToken(deps, `${loaded.tokens["koordinator@kommune.example"]}x`)).toBeNull();
    expect(await authenticateToken(deps, "kla_nothing")).toBeNull();
  });

  it("refuses a second load and changes nothing", async () => {
    const before = await counts(deps);
    const error = await loadDemo(deps).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KlaraError);
    expect(error).toMatchObject({ code: "conflict", message: "The demo only loads into an empty database." });
    expect(await counts(deps)).toEqual(before);
  });
});
