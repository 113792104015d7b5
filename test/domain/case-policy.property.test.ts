/**
 * The confidentiality policy and the case list's SQL give the same answer: over random organisations
 * (unit trees with managers), people with random roles, procedures with either visibility and cases of
 * every kind, each person's visible cases in memory (seesCase) equal those the list query returns, on
 * each database.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCaseRecords } from "../../src/db/case-list.repository.js";
import { type ProcedureVisibility, scopeOf, seesCase } from "../../src/domain/case-policy.js";
import type { Directory, Person, Unit } from "../../src/domain/organisation.js";
import { Role } from "../../src/domain/vocabulary.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

interface World {
  units: { parent: number | null; manager: number | null }[];
  people: { unit: number; roles: Role[] }[];
  visibility: ProcedureVisibility[];
  cases: {
    procedure: number;
    personnel: boolean;
    unit: number | null;
    about: number | null;
    handlers: number[];
    coordinator: number | null;
    approver: number | null;
  }[];
}

const roles = fc.subarray([...Role.options], { maxLength: 3 });

const world: fc.Arbitrary<World> = fc
  .record({ unitCount: fc.integer({ min: 1, max: 6 }), peopleCount: fc.integer({ min: 1, max: 7 }) })
  .chain(({ unitCount, peopleCount }) => {
    const person = fc.integer({ min: 0, max: peopleCount - 1 });
    const unit = fc.integer({ min: 0, max: unitCount - 1 });
    return fc.record({
      // a unit's parent comes before it (a tree, sometimes a forest)
      units: fc.tuple(
        ...Array.from({ length: unitCount }, (_, i) =>
          fc.record({
            parent: i === 0 ? fc.constant(null) : fc.option(fc.integer({ min: 0, max: i - 1 }), { freq: 5 }),
            manager: fc.option(person, { freq: 2 }),
          }),
        ),
      ),
      people: fc.array(fc.record({ unit, roles }), { minLength: peopleCount, maxLength: peopleCount }),
      visibility: fc.tuple(
        fc.constantFrom<ProcedureVisibility>("organisation", "need_to_know"),
        fc.constantFrom<ProcedureVisibility>("organisation", "need_to_know"),
      ),
      cases: fc.array(
        fc.record({
          procedure: fc.integer({ min: 0, max: 1 }),
          personnel: fc.boolean(),
          unit: fc.option(unit, { freq: 4 }),
          about: fc.option(person, { freq: 2 }),
          handlers: fc.uniqueArray(person, { maxLength: 2 }),
          coordinator: fc.option(person, { freq: 2 }),
          approver: fc.option(person, { freq: 3 }),
        }),
        { maxLength: 12 },
      ),
    });
  });

describe.each(DIALECTS)("the policy in memory and in SQL agree (%s)", (dialect) => {
  let t: TestDatabase;
  let run = 0;

  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  /** Writes the world as an organisation of its own; returns its directory and case ids. */
  async function store(w: World) {
    run += 1;
    const k = t.db.kysely;
    const org = `o${run}`;
    const unitId = (i: number) => `${org}-u${i}`;
    const personId = (i: number) => `${org}-p${i}`;
    const procedureId = (i: number) => `${org}-proc${i}`;
    await k
      .insertInto("organisations")
      .values({
        id: org,
        name: org,
        country: "DK",
        time_zone: "Europe/Copenhagen",
        closing_days: "[]",
        locale: "da",
        created_at: "2026-01-01T00:00:00.000Z",
      })
      .execute();
    for (const [i, u] of w.units.entries()) {
      await k
        .insertInto("units")
        .values({
          id: unitId(i),
          organisation_id: org,
          code: `U${i}`,
          name: `U${i}`,
          parent_id: u.parent === null ? null : unitId(u.parent),
          manager_id: null,
          routing: "{}",
          active: 1,
        })
        .execute();
    }
    for (const [i, p] of w.people.entries()) {
      await k
        .insertInto("people")
        .values({
          id: personId(i),
          organisation_id: org,
          unit_id: unitId(p.unit),
          email: `${personId(i)}@x.example`,
          name: personId(i),
          roles: JSON.stringify(p.roles),
          active: 1,
          password_hash: null,
          created_at: "2026-01-01T00:00:00.000Z",
        })
        .execute();
    }
    for (const [i, u] of w.units.entries()) {
      if (u.manager !== null)
        await k
          .updateTable("units")
          .set({ manager_id: personId(u.manager) })
          .where("id", "=", unitId(i))
          .execute();
    }
    for (const i of [0, 1]) {
      await k
        .insertInto("procedures")
        .values({ id: procedureId(i), organisation_id: org, name: "P", current_version: 1 })
        .execute();
    }
    for (const [i, c] of w.cases.entries()) {
      const id = `${org}-c${i}`;
      await k
        .insertInto("cases")
        .values({
          id,
          organisation_id: org,
          reference: `KLA-2026-${String(i).padStart(6, "0")}`,
          procedure_id: procedureId(c.procedure),
          procedure_version: 1,
          status: "received",
          type: "process",
          category: null,
          channel: "web",
          source: "citizen",
          confidentiality: c.personnel ? "personnel" : "normal",
          unit_id: c.unit === null ? null : unitId(c.unit),
          person_complained_about_id: c.about === null ? null : personId(c.about),
          subject: "s",
          description: "d",
          received_at: `2026-01-01T00:00:${String(i).padStart(2, "0")}.000Z`,
          received_date: "2026-01-01",
          outcome: null,
          next_due_date: null,
          next_due_kind: null,
          data: JSON.stringify({
            complainant: { name: "N", email: "n@x.example" },
            coordinatorId: c.coordinator === null ? null : personId(c.coordinator),
            approverId: c.approver === null ? null : personId(c.approver),
          }),
          tracking_token_hash: `${id}-token`,
          version: 1,
          created_at: "2026-01-01T00:00:00.000Z",
          updated_at: "2026-01-01T00:00:00.000Z",
          closed_at: null,
        })
        .execute();
      for (const [position, h] of c.handlers.entries()) {
        await k
          .insertInto("case_handlers")
          .values({ case_id: id, person_id: personId(h), part: "all", position })
          .execute();
      }
    }
    const units: Unit[] = w.units.map((u, i) => ({
      id: unitId(i),
      organisationId: org,
      code: `U${i}`,
      name: `U${i}`,
      parentId: u.parent === null ? null : unitId(u.parent),
      managerId: u.manager === null ? null : personId(u.manager),
      routing: {},
      active: true,
    }));
    const people: Person[] = w.people.map((p, i) => ({
      id: personId(i),
      organisationId: org,
      unitId: unitId(p.unit),
      email: `${personId(i)}@x.example`,
      name: personId(i),
      roles: p.roles,
      active: true,
    }));
    const dir: Directory = {
      organisation: {
        id: org,
        name: org,
        country: "DK",
        timeZone: "Europe/Copenhagen",
        closingDays: [],
        locale: "da",
      },
      units: new Map(units.map((u) => [u.id, u])),
      people: new Map(people.map((p) => [p.id, p])),
    };
    const facts = w.cases.map((c, i) => ({
      id: `${org}-c${i}`,
      organisationId: org,
      procedureId: procedureId(c.procedure),
      confidentiality: c.personnel ? "personnel" : "normal",
      unitId: c.unit === null ? null : unitId(c.unit),
      personComplainedAboutId: c.about === null ? null : personId(c.about),
      handlerIds: c.handlers.map(personId),
      coordinatorId: c.coordinator === null ? null : personId(c.coordinator),
      approverId: c.approver === null ? null : personId(c.approver),
    }));
    const procedures = w.visibility.map((visibility, i) => ({ id: procedureId(i), visibility }));
    return { org, dir, facts, procedures };
  }

  it("every person's visible cases are the same in memory and in the list query", async () => {
    let restrictedSeen = 0;
    let hidden = 0;
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { org, dir, facts, procedures } = await store(w);
        for (const p of dir.people.values()) {
          const scope = scopeOf({ personId: p.id, organisationId: org, roles: p.roles }, dir, procedures);
          const inMemory = facts.filter((c) => seesCase(scope, c)).map((c) => c.id);
          const rows = await listCaseRecords(
            t.db.kysely,
            t.db.dialect,
            { organisationId: org, scope },
            "received",
            1000,
            null,
          );
          expect(rows.map((r) => r.id).sort()).toEqual(inMemory.sort());
          restrictedSeen += facts.filter(
            (c) => c.confidentiality !== "normal" && inMemory.includes(c.id),
          ).length;
          hidden += facts.length - inMemory.length;
        }
      }),
      { numRuns: dialect === "sqlite" ? 80 : 40 },
    );
    // the worlds were varied enough to exercise both answers
    expect(restrictedSeen).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
  }, 120_000);
});
