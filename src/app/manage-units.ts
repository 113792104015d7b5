/**
 * Admins shape their organisation: units (a tree, each with an optional manager, which routing
 * and personnel confidentiality follow) and people's names, units and roles.
 */
import { isUniqueViolation } from "../db/dialect.js";
import {
  insertUnit,
  loadDirectory,
  setUnitActive,
  updatePerson,
  updateUnit,
} from "../db/organisation.repository.js";
import { isAdmin } from "../domain/case-policy.js";
import {
  type FieldError,
  forbidden,
  invalidInput,
  invalidState,
  KlaraError,
  notFound,
} from "../domain/errors.js";
import type { Directory } from "../domain/organisation.js";
import { Role } from "../domain/vocabulary.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, type Tx } from "./context.js";

export interface UnitInput {
  code?: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
  /**
   * the unit's routing table: category code -> the active person who handles that category here
   * (for categories routed by "unit_routing_table"); left out, the table stays as it is
   */
  routing?: Record<string, string>;
}

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden("Only admins manage units and people.");
}

async function directoryOf(tx: Tx, actor: Actor): Promise<Directory> {
  const d = await loadDirectory(tx, actor.organisationId);
  if (!d) throw notFound("Your organisation");
  return d;
}

function checkUnit(input: UnitInput, d: Directory, id: string | null): FieldError[] {
  const errors: FieldError[] = [];
  if (!input.name.trim()) errors.push({ path: "name", message: "A unit needs a name." });
  const parent = input.parentId ? d.units.get(input.parentId) : null;
  if (input.parentId && (!parent || (!parent.active && d.units.get(id ?? "")?.parentId !== parent.id)))
    errors.push({ path: "parentId", message: "No such active unit." });
  if (input.managerId && !d.people.get(input.managerId)?.active) {
    errors.push({ path: "managerId", message: "No such active person." });
  }
  // a unit cannot be placed under itself or one of its own units
  for (let p = input.parentId; p && id; p = d.units.get(p)?.parentId ?? null) {
    if (p === id) {
      errors.push({ path: "parentId", message: "A unit cannot be placed under itself." });
      break;
    }
  }
  return errors;
}

export async function addUnit(deps: AppDeps, actor: Actor, input: UnitInput): Promise<string> {
  requireAdmin(actor);
  const code = input.code?.trim().toUpperCase() ?? "";
  try {
    return await inTransaction(deps, async (tx) => {
      const d = await directoryOf(tx, actor);
      const errors = checkUnit(input, d, null);
      if (!/^[A-Z0-9][A-Z0-9_-]{0,31}$/.test(code)) {
        errors.unshift({ path: "code", message: "Letters, digits, - and _, at most 32." });
      }
      if (errors.length) throw invalidInput(errors);
      const id = deps.newId();
      await insertUnit(tx, {
        id,
        organisationId: actor.organisationId,
        code,
        name: input.name.trim(),
        parentId: input.parentId,
        managerId: input.managerId,
        routing: {},
        active: true,
      });
      return id;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new KlaraError("conflict", `A unit with the code ${code} already exists.`);
    throw error;
  }
}

export async function editUnit(deps: AppDeps, actor: Actor, id: string, input: UnitInput): Promise<void> {
  requireAdmin(actor);
  await inTransaction(deps, async (tx) => {
    const d = await directoryOf(tx, actor);
    if (!d.units.has(id)) throw notFound("The unit");
    const errors = checkUnit(input, d, id);
    for (const [code, personId] of Object.entries(input.routing ?? {})) {
      if (!d.people.get(personId)?.active)
        errors.push({ path: `routing.${code}`, message: "No such active person." });
    }
    if (errors.length) throw invalidInput(errors);
    await updateUnit(tx, actor.organisationId, {
      id,
      name: input.name.trim(),
      parentId: input.parentId,
      managerId: input.managerId,
      routing: input.routing ?? d.units.get(id)?.routing ?? {},
    });
  });
}

/**
 * Deactivates a unit (it takes no new complaints and is not offered in forms) or reactivates it.
 * A unit still holding active people or active units is refused: move them first, so nobody is
 * left in a unit that no longer exists.
 */
export async function setUnitActiveness(
  deps: AppDeps,
  actor: Actor,
  id: string,
  active: boolean,
): Promise<void> {
  requireAdmin(actor);
  await inTransaction(deps, async (tx) => {
    const d = await directoryOf(tx, actor);
    const unit = d.units.get(id);
    if (!unit) throw notFound("The unit");
    if (!active) {
      const people = [...d.people.values()].filter((p) => p.unitId === id && p.active).length;
      const units = [...d.units.values()].filter((u) => u.parentId === id && u.active).length;
      if (people > 0 || units > 0) {
        throw invalidState(
          "unit_in_use",
          `The unit still has ${people} active people and ${units} active units; move them first.`,
        );
      }
    }
    await setUnitActive(tx, actor.organisationId, id, active);
  });
}

export async function editPerson(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: { name: string; unitId: string; roles: readonly string[] },
): Promise<void> {
  requireAdmin(actor);
  await inTransaction(deps, async (tx) => {
    const d = await directoryOf(tx, actor);
    if (!d.people.has(id)) throw notFound("The person");
    const errors: FieldError[] = [];
    if (!input.name.trim()) errors.push({ path: "name", message: "A person needs a name." });
    const unit = d.units.get(input.unitId);
    // staying in a unit deactivated meanwhile is fine; moving into one is not
    if (!unit || (!unit.active && d.people.get(id)?.unitId !== unit.id))
      errors.push({ path: "unit", message: "No such active unit." });
    const roles = input.roles.filter((r) => Role.safeParse(r).success);
    if (roles.length !== input.roles.length) errors.push({ path: "roles", message: "Unknown role." });
    // an admin keeps their own admin role, so the organisation is never left without one by accident
    if (id === actor.personId && !roles.includes("admin")) {
      errors.push({ path: "roles", message: "You cannot remove your own admin role." });
    }
    if (errors.length) throw invalidInput(errors);
    await updatePerson(tx, actor.organisationId, {
      id,
      name: input.name.trim(),
      unitId: input.unitId,
      roles,
    });
  });
}
