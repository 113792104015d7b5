/**
 * A test organisation built through the real repositories, in one transaction:
 *
 *   ROOT (manager: director)
 *   ├── SKOLE  school department (manager: manager; routing administration_conduct → handler2)
 *   │   ├── SKOLE-A  school A (manager: leaderA; teacherA)
 *   │   └── SKOLE-B  school B (manager: leaderB; teacherB)
 *   └── BESK  employment administration (no manager)
 *       ├── JOBCENTER  (no manager; handler1)
 *       ├── YDELSE     (no manager; handler2)
 *       └── LEDSEK     management secretariat (no manager)
 *
 * receiver, coordinator and approver sit in SKOLE; approver2 in BESK; legal, analyst and admin in ROOT.
 * Procedures are global by id: one organisation per database, or a `procedureIdSuffix` per extra one.
 */
import type { Actor } from "../../src/app/actor.js";
import { type AppDeps, createDeps, inTransaction, nowIso } from "../../src/app/context.js";
import type { KlaraDb } from "../../src/db/create-db.js";
import {
  insertOrganisation,
  insertPerson,
  insertProcedureVersion,
  insertUnit,
  updateUnitManagement,
} from "../../src/db/organisation.repository.js";
import { FixedClock } from "../../src/domain/clock.js";
import type { Organisation, Person, Unit } from "../../src/domain/organisation.js";
import type { ProcedureDefinition } from "../../src/domain/procedure.js";
import { SHIPPED_PROCEDURES } from "../../src/domain/procedures/index.js";
import type { Country, Role } from "../../src/domain/vocabulary.js";

/** Monday 2 March 2026, 10:00 in Copenhagen: the default "now" of database tests. */
export const DEFAULT_NOW = "2026-03-02T09:00:00.000Z";

/** A bare organisations row (no procedures, units or people), for tests below the use cases. */
export function organisationRow(id: string) {
  return {
    id,
    name: `Organisation ${id}`,
    country: "DK",
    time_zone: "Europe/Copenhagen",
    closing_days: "[]",
    locale: "da",
    created_at: "2026-12-02T00:00:00.000Z",
    accessibility_statement_url: null,
    accessibility_statement: null,
  };
}

export type UnitKey =
  | "root"
  | "schoolDept"
  | "schoolA"
  | "schoolB"
  | "employment"
  | "jobcentre"
  | "ydelse"
  | "ledsek";

export type PersonKey =
  | "director"
  | "manager"
  | "leaderA"
  | "leaderB"
  | "teacherA"
  | "teacherB"
  | "receiver"
  | "coordinator"
  | "handler1"
  | "handler2"
  | "approver"
  | "approver2"
  | "legal"
  | "analyst"
  | "admin";

const UNITS: Record<UnitKey, { code: string; name: string; parent: UnitKey | null }> = {
  root: { code: "ROOT", name: "Organisation", parent: null },
  schoolDept: { code: "SKOLE", name: "Skoleafdelingen", parent: "root" },
  schoolA: { code: "SKOLE-A", name: "Aaskolen", parent: "schoolDept" },
  schoolB: { code: "SKOLE-B", name: "Bakkeskolen", parent: "schoolDept" },
  employment: { code: "BESK", name: "Beskæftigelsesforvaltningen", parent: "root" },
  jobcentre: { code: "JOBCENTER", name: "Jobcentre", parent: "employment" },
  ydelse: { code: "YDELSE", name: "Ydelsesservice", parent: "employment" },
  ledsek: { code: "LEDSEK", name: "Ledelsessekretariatet", parent: "employment" },
};

/** Names sort in the order routing's ties are broken by (name, then id). */
const PEOPLE: Record<PersonKey, { name: string; unit: UnitKey; roles: Role[] }> = {
  director: { name: "Dagny Direktør", unit: "root", roles: ["manager", "approver"] },
  manager: { name: "Mads Afdelingsleder", unit: "schoolDept", roles: ["manager"] },
  leaderA: { name: "Lise Skoleleder A", unit: "schoolA", roles: ["handler", "approver"] },
  leaderB: { name: "Lars Skoleleder B", unit: "schoolB", roles: ["handler", "approver"] },
  teacherA: { name: "Tina Lærer A", unit: "schoolA", roles: [] },
  teacherB: { name: "Tom Lærer B", unit: "schoolB", roles: [] },
  receiver: { name: "Rita Modtager", unit: "schoolDept", roles: ["receiver"] },
  coordinator: { name: "Karl Koordinator", unit: "schoolDept", roles: ["coordinator"] },
  handler1: { name: "Hanne Behandler", unit: "jobcentre", roles: ["handler"] },
  handler2: { name: "Henrik Behandler", unit: "ydelse", roles: ["handler"] },
  approver: { name: "Anna Godkender", unit: "schoolDept", roles: ["approver"] },
  approver2: { name: "Axel Godkender", unit: "employment", roles: ["approver"] },
  legal: { name: "Julie Jurist", unit: "root", roles: ["legal"] },
  analyst: { name: "Ib Analytiker", unit: "root", roles: ["analyst"] },
  admin: { name: "Ada Administrator", unit: "root", roles: ["admin"] },
};

/** Unit → its manager, set after the people exist. */
const MANAGERS: Partial<Record<UnitKey, PersonKey>> = {
  root: "director",
  schoolDept: "manager",
  schoolA: "leaderA",
  schoolB: "leaderB",
};

export interface SeedOptions {
  country: Country;
  /** appended to every installed procedure id, for a second organisation in the same database */
  procedureIdSuffix?: string;
  /** which shipped procedures to install (default: those of the organisation's country) */
  procedures?: readonly string[];
}

export interface SeededOrganisation {
  organisation: Organisation;
  units: Record<UnitKey, Unit>;
  people: Record<PersonKey, Person>;
  actors: Record<PersonKey, Actor>;
  /** shipped procedure id → the id it was installed under */
  procedureIds: Record<string, string>;
  /** installed id → the definition as installed */
  procedures: Record<string, ProcedureDefinition>;
}

export function actorOf(p: Person): Actor {
  return { personId: p.id, organisationId: p.organisationId, name: p.name, roles: [...p.roles] };
}

/** Deps over a FixedClock the test can move. */
export function testDeps(db: KlaraDb, now = DEFAULT_NOW): AppDeps & { clock: FixedClock } {
  const clock = FixedClock.at(now);
  return { ...createDeps(db, clock), clock };
}

export async function seedOrganisation(deps: AppDeps, options: SeedOptions): Promise<SeededOrganisation> {
  const { country } = options;
  const suffix = options.procedureIdSuffix ?? "";
  const at = nowIso(deps);
  const organisation: Organisation = {
    id: deps.newId(),
    name: country === "DK" ? "Test Kommune" : "Test ASVO",
    country,
    timeZone: country === "DK" ? "Europe/Copenhagen" : "Europe/Oslo",
    closingDays: [],
    locale: country === "DK" ? "da" : "nb",
  };
  const domain = country === "DK" ? "kommune.example" : "asvo.example";
  const tag = organisation.id
    .replace(/[^a-z0-9]/gi, "")
    .slice(0, 8)
    .toLowerCase();

  const units = {} as Record<UnitKey, Unit>;
  for (const key of Object.keys(UNITS) as UnitKey[]) {
    const spec = UNITS[key];
    units[key] = {
      id: deps.newId(),
      organisationId: organisation.id,
      code: spec.code,
      name: spec.name,
      parentId: spec.parent ? units[spec.parent].id : null,
      managerId: null,
      routing: {},
      active: true,
    };
  }
  const people = {} as Record<PersonKey, Person>;
  for (const key of Object.keys(PEOPLE) as PersonKey[]) {
    const spec = PEOPLE[key];
    people[key] = {
      id: deps.newId(),
      organisationId: organisation.id,
      unitId: units[spec.unit].id,
      email: `${key.toLowerCase()}.${tag}@${domain}`,
      name: spec.name,
      roles: [...spec.roles],
      active: true,
    };
  }
  for (const [unitKey, personKey] of Object.entries(MANAGERS) as [UnitKey, PersonKey][]) {
    units[unitKey].managerId = people[personKey].id;
  }
  units.schoolDept.routing = { administration_conduct: people.handler2.id };

  const wanted =
    options.procedures ?? SHIPPED_PROCEDURES.filter((p) => p.country === country).map((p) => p.id);
  const procedureIds: Record<string, string> = {};
  const procedures: Record<string, ProcedureDefinition> = {};
  for (const id of wanted) {
    const shipped = SHIPPED_PROCEDURES.find((p) => p.id === id);
    if (!shipped) throw new Error(`No shipped procedure "${id}"`);
    const definition: ProcedureDefinition = { ...structuredClone(shipped), id: `${shipped.id}${suffix}` };
    procedureIds[id] = definition.id;
    procedures[definition.id] = definition;
  }

  await inTransaction(deps, async (tx) => {
    await insertOrganisation(tx, organisation, at);
    for (const u of Object.values(units)) await insertUnit(tx, { ...u, managerId: null, routing: {} });
    for (const p of Object.values(people)) await insertPerson(tx, p, at);
    for (const u of Object.values(units)) {
      if (u.managerId || Object.keys(u.routing).length > 0) {
        await updateUnitManagement(tx, u.id, u.managerId, u.routing);
      }
    }
    for (const definition of Object.values(procedures)) {
      await insertProcedureVersion(tx, organisation.id, definition, at);
    }
  });

  const actors = {} as Record<PersonKey, Actor>;
  for (const key of Object.keys(people) as PersonKey[]) actors[key] = actorOf(people[key]);
  return { organisation, units, people, actors, procedureIds, procedures };
}
