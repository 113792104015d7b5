/** Admins manage their own organisation's people: list everyone, add, deactivate and reactivate. */
import {
  findProcedure,
  listProcedures,
  loadDirectory,
  setPersonActive,
} from "../db/organisation.repository.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, invalidInput, notFound } from "../domain/errors.js";
import type { Person, Unit } from "../domain/organisation.js";
import type { ProcedureVersion } from "../domain/procedure.js";
import type { Actor } from "./actor.js";
import { addPerson } from "./add-person.js";
import { type AppDeps, inTransaction } from "./context.js";
import type { AddPersonInput } from "./schemas.js";

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden("Only admins manage people and procedures.");
}

export async function listPeopleAndUnits(
  deps: AppDeps,
  actor: Actor,
): Promise<{ people: Person[]; units: Unit[] }> {
  requireAdmin(actor);
  const directory = await inTransaction(deps, (tx) => loadDirectory(tx, actor.organisationId));
  if (!directory) throw notFound("Your organisation");
  return { people: [...directory.people.values()], units: [...directory.units.values()] };
}

export async function addPersonAsAdmin(deps: AppDeps, actor: Actor, input: AddPersonInput): Promise<Person> {
  requireAdmin(actor);
  return addPerson(deps, { ...input, organisationId: actor.organisationId });
}

export async function setPersonActiveAsAdmin(
  deps: AppDeps,
  actor: Actor,
  personId: string,
  active: boolean,
): Promise<void> {
  requireAdmin(actor);
  if (personId === actor.personId && !active) {
    throw invalidInput([{ path: "person", message: "You cannot deactivate yourself." }]);
  }
  await inTransaction(deps, async (tx) => {
    if (!(await setPersonActive(tx, actor.organisationId, personId, active))) throw notFound("The person");
  });
}

/** Every procedure of the organisation in its current version, with all its rules. */
export async function listProcedureDefinitions(deps: AppDeps, actor: Actor): Promise<ProcedureVersion[]> {
  requireAdmin(actor);
  return inTransaction(deps, async (tx) => {
    const heads = await listProcedures(tx, actor.organisationId);
    const found = await Promise.all(
      heads.map((h) => findProcedure(tx, h.id, h.version, deps.db.procedureCache)),
    );
    return found.filter((p): p is ProcedureVersion => p !== null);
  });
}
