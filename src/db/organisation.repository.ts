/** Organisations, units, people, API tokens and procedure versions. */
import type { Kysely, Selectable } from "kysely";
import type { Directory, Locale, Organisation, Person, Unit } from "../domain/organisation.js";
import { ProcedureDefinition, type ProcedureVersion } from "../domain/procedure.js";
import type { Country, Role } from "../domain/vocabulary.js";
import type { Database, OrganisationsTable, PeopleTable, UnitsTable } from "./schema.js";

type Db = Kysely<Database>;

const toOrganisation = (r: Selectable<OrganisationsTable>): Organisation => ({
  id: r.id,
  name: r.name,
  country: r.country as Country,
  timeZone: r.time_zone,
  closingDays: JSON.parse(r.closing_days),
  locale: r.locale as Locale,
});

const toUnit = (r: Selectable<UnitsTable>): Unit => ({
  id: r.id,
  organisationId: r.organisation_id,
  code: r.code,
  name: r.name,
  parentId: r.parent_id,
  managerId: r.manager_id,
  routing: JSON.parse(r.routing),
  active: r.active === 1,
});

export const toPerson = (r: Selectable<PeopleTable>): Person => ({
  id: r.id,
  organisationId: r.organisation_id,
  unitId: r.unit_id,
  email: r.email,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
  active: r.active === 1,
});

export async function insertOrganisation(db: Db, o: Organisation, at: string): Promise<void> {
  await db
    .insertInto("organisations")
    .values({
      id: o.id,
      name: o.name,
      country: o.country,
      time_zone: o.timeZone,
      closing_days: JSON.stringify(o.closingDays),
      locale: o.locale,
      created_at: at,
    })
    .execute();
}

export async function insertUnit(db: Db, u: Unit): Promise<void> {
  await db
    .insertInto("units")
    .values({
      id: u.id,
      organisation_id: u.organisationId,
      code: u.code,
      name: u.name,
      parent_id: u.parentId,
      manager_id: u.managerId,
      routing: JSON.stringify(u.routing),
      active: u.active ? 1 : 0,
    })
    .execute();
}

export async function updateUnitManagement(
  db: Db,
  unitId: string,
  managerId: string | null,
  routing: Record<string, string>,
) {
  await db
    .updateTable("units")
    .set({ manager_id: managerId, routing: JSON.stringify(routing) })
    .where("id", "=", unitId)
    .execute();
}

export async function insertPerson(
  db: Db,
  p: Person,
  at: string,
  passwordHash: string | null = null,
): Promise<void> {
  await db
    .insertInto("people")
    .values({
      id: p.id,
      organisation_id: p.organisationId,
      unit_id: p.unitId,
      email: p.email,
      name: p.name,
      roles: JSON.stringify(p.roles),
      active: p.active ? 1 : 0,
      password_hash: passwordHash,
      created_at: at,
    })
    .execute();
}

export async function findOrganisation(db: Db, id: string): Promise<Organisation | null> {
  const r = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  return r ? toOrganisation(r) : null;
}

export async function listOrganisations(db: Db): Promise<Organisation[]> {
  return (await db.selectFrom("organisations").selectAll().orderBy("name").execute()).map(toOrganisation);
}

export async function findPersonByEmail(db: Db, email: string): Promise<Person | null> {
  const r = await db
    .selectFrom("people")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return r ? toPerson(r) : null;
}

export async function findUnitByCodeOrId(
  db: Db,
  organisationId: string,
  codeOrId: string,
): Promise<Unit | null> {
  const r = await db
    .selectFrom("units")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where((eb) => eb.or([eb("code", "=", codeOrId), eb("id", "=", codeOrId)]))
    .executeTakeFirst();
  return r ? toUnit(r) : null;
}

export async function loadDirectory(db: Db, organisationId: string): Promise<Directory | null> {
  const organisation = await findOrganisation(db, organisationId);
  if (!organisation) return null;
  const [units, people] = await Promise.all([
    db
      .selectFrom("units")
      .selectAll()
      .where("organisation_id", "=", organisationId)
      .orderBy("code")
      .execute(),
    db
      .selectFrom("people")
      .selectAll()
      .where("organisation_id", "=", organisationId)
      .orderBy("name")
      .execute(),
  ]);
  return {
    organisation,
    units: new Map(units.map((u) => [u.id, toUnit(u)])),
    people: new Map(people.map((p) => [p.id, toPerson(p)])),
  };
}

export async function countAll(db: Db): Promise<number> {
  const r = await db
    .selectFrom("organisations")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertApiToken(db: Db, id: string, personId: string, tokenHash: string, at: string) {
  await db
    .insertInto("api_tokens")
    .values({ id, person_id: personId, token_hash: tokenHash, created_at: at, last_used_at: null })
    .execute();
}

export async function findPersonByTokenHash(db: Db, tokenHash: string): Promise<Person | null> {
  const r = await db
    .selectFrom("api_tokens")
    .innerJoin("people", "people.id", "api_tokens.person_id")
    .selectAll("people")
    .where("api_tokens.token_hash", "=", tokenHash)
    .executeTakeFirst();
  return r ? toPerson(r) : null;
}

export async function insertProcedureVersion(
  db: Db,
  organisationId: string,
  definition: ProcedureDefinition,
  at: string,
): Promise<number> {
  const existing = await db
    .selectFrom("procedures")
    .select("current_version")
    .where("id", "=", definition.id)
    .executeTakeFirst();
  const version = (existing?.current_version ?? 0) + 1;
  if (existing) {
    await db
      .updateTable("procedures")
      .set({ current_version: version, name: definition.name })
      .where("id", "=", definition.id)
      .execute();
  } else {
    await db
      .insertInto("procedures")
      .values({
        id: definition.id,
        organisation_id: organisationId,
        name: definition.name,
        current_version: version,
      })
      .execute();
  }
  await db
    .insertInto("procedure_versions")
    .values({ procedure_id: definition.id, version, definition: JSON.stringify(definition), created_at: at })
    .execute();
  return version;
}

/**
 * A procedure's current version, its organisation and (when asked) the organisation's unit by code
 * or id, read in one statement (intake: two round trips fewer per complaint, H31); the version's
 * definition comes from the cache when it holds it. `unit` is null when no unit matched.
 */
export async function findCurrentProcedureWithOrganisation(
  db: Db,
  id: string,
  options: { cache?: Map<string, ProcedureVersion>; unitCodeOrId?: string } = {},
): Promise<{ procedure: ProcedureVersion; organisation: Organisation; unit: Unit | null } | null> {
  const codeOrId = options.unitCodeOrId;
  const row = await db
    .selectFrom("procedures")
    .innerJoin("organisations", "organisations.id", "procedures.organisation_id")
    // the same match as findUnitByCodeOrId; with no unit asked for, a join that matches nothing
    .leftJoin("units", (join) =>
      join
        .onRef("units.organisation_id", "=", "procedures.organisation_id")
        .on((eb) =>
          codeOrId === undefined
            ? eb.lit(false)
            : eb.or([eb("units.code", "=", codeOrId), eb("units.id", "=", codeOrId)]),
        ),
    )
    .selectAll("organisations")
    .select([
      "procedures.current_version",
      "units.id as unit_id",
      "units.organisation_id as unit_organisation_id",
      "units.code as unit_code",
      "units.name as unit_name",
      "units.parent_id as unit_parent_id",
      "units.manager_id as unit_manager_id",
      "units.routing as unit_routing",
      "units.active as unit_active",
    ])
    .where("procedures.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const {
    current_version,
    unit_id,
    unit_organisation_id,
    unit_code,
    unit_name,
    unit_parent_id,
    unit_manager_id,
    unit_routing,
    unit_active,
    ...organisation
  } = row;
  const procedure = await findProcedure(db, id, current_version, options.cache);
  if (!procedure) return null;
  const unit =
    unit_id === null || unit_organisation_id === null || unit_code === null || unit_name === null
      ? null
      : toUnit({
          id: unit_id,
          organisation_id: unit_organisation_id,
          code: unit_code,
          name: unit_name,
          parent_id: unit_parent_id,
          manager_id: unit_manager_id,
          routing: unit_routing ?? "{}",
          active: unit_active ?? 1,
        });
  return { procedure, organisation: toOrganisation(organisation), unit };
}

/**
 * A procedure at a version, or its current version. Stored versions never change, so a caller may
 * pass a cache (one per database handle) and a version read once is not read or parsed again.
 */
export async function findProcedure(
  db: Db,
  id: string,
  version?: number,
  cache?: Map<string, ProcedureVersion>,
): Promise<ProcedureVersion | null> {
  let v = version;
  if (v === undefined) {
    const head = await db
      .selectFrom("procedures")
      .select("current_version")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!head) return null;
    v = head.current_version;
  }
  const cached = cache?.get(`${id}@${v}`);
  if (cached) return cached;
  const row = await db
    .selectFrom("procedure_versions")
    .innerJoin("procedures", "procedures.id", "procedure_versions.procedure_id")
    .select(["procedure_versions.definition", "procedures.organisation_id"])
    .where("procedure_versions.procedure_id", "=", id)
    .where("procedure_versions.version", "=", v)
    .executeTakeFirst();
  if (!row) return null;
  const found: ProcedureVersion = {
    id,
    version: v,
    organisationId: row.organisation_id,
    definition: deepFreeze(ProcedureDefinition.parse(JSON.parse(row.definition))),
  };
  if (cache) {
    if (cache.size >= 500) cache.clear();
    cache.set(`${id}@${v}`, found);
  }
  return found;
}

/** Cached definitions are shared, so they are frozen: nothing may change one in place. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export async function listProcedures(db: Db, organisationId?: string) {
  let q = db
    .selectFrom("procedures")
    .select(["id", "name", "organisation_id", "current_version"])
    .orderBy("id");
  if (organisationId) q = q.where("organisation_id", "=", organisationId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    name: r.name,
    organisationId: r.organisation_id,
    version: r.current_version,
  }));
}

/** Deactivating keeps the person (and every journal entry that names them); they can no longer sign in. */
export async function setPersonActive(
  db: Db,
  organisationId: string,
  personId: string,
  active: boolean,
): Promise<boolean> {
  const r = await db
    .updateTable("people")
    .set({ active: active ? 1 : 0 })
    .where("organisation_id", "=", organisationId)
    .where("id", "=", personId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateUnit(
  db: Db,
  organisationId: string,
  u: {
    id: string;
    name: string;
    parentId: string | null;
    managerId: string | null;
    routing: Record<string, string>;
  },
): Promise<boolean> {
  const r = await db
    .updateTable("units")
    .set({
      name: u.name,
      parent_id: u.parentId,
      manager_id: u.managerId,
      routing: JSON.stringify(u.routing),
    })
    .where("organisation_id", "=", organisationId)
    .where("id", "=", u.id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setUnitActive(
  db: Db,
  organisationId: string,
  id: string,
  active: boolean,
): Promise<void> {
  await db
    .updateTable("units")
    .set({ active: active ? 1 : 0 })
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id)
    .execute();
}

export async function updatePerson(
  db: Db,
  organisationId: string,
  p: { id: string; name: string; unitId: string; roles: readonly string[] },
): Promise<boolean> {
  const r = await db
    .updateTable("people")
    .set({ name: p.name, unit_id: p.unitId, roles: JSON.stringify(p.roles) })
    .where("organisation_id", "=", organisationId)
    .where("id", "=", p.id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateClosingDays(
  db: Db,
  organisationId: string,
  days: readonly string[],
): Promise<void> {
  await db
    .updateTable("organisations")
    .set({ closing_days: JSON.stringify(days) })
    .where("id", "=", organisationId)
    .execute();
}

/** The fields a setup file may change on an organisation (its id and creation stay). */
export async function updateOrganisation(
  db: Db,
  o: Pick<Organisation, "id" | "name" | "country" | "timeZone" | "locale" | "closingDays">,
): Promise<void> {
  await db
    .updateTable("organisations")
    .set({
      name: o.name,
      country: o.country,
      time_zone: o.timeZone,
      locale: o.locale,
      closing_days: JSON.stringify(o.closingDays),
    })
    .where("id", "=", o.id)
    .execute();
}

/** Sets a person's password hash (argon2); false when there is no such person. */
export async function updatePasswordHash(db: Db, personId: string, passwordHash: string): Promise<boolean> {
  const r = await db
    .updateTable("people")
    .set({ password_hash: passwordHash })
    .where("id", "=", personId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
