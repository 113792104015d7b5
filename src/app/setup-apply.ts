/**
 * `klara setup apply FILE`: creates or updates organisations, units, people and procedures from a
 * setup file, in one transaction. Idempotent: what already matches the file is not written, so a
 * second run changes nothing. Additive: people and units the file leaves out are kept as they are
 * (deactivate with `active: false`). Every error is named by its line; with any error nothing is written.
 */
import {
  findPersonByEmail,
  insertPerson,
  insertProcedureVersion,
  insertUnit,
  listOrganisations,
  listProcedures,
  loadDirectory,
  setPersonActive,
  setUnitActive,
  updateOrganisation,
  updatePerson,
  updateUnit,
} from "../db/organisation.repository.js";
import { parseIsoDate } from "../domain/calendar.js";
import { localDateOf } from "../domain/deadline.js";
import type { Organisation, Person, Unit } from "../domain/organisation.js";
import { shippedProcedure } from "../domain/procedures/index.js";
import { createOrganisation, DEFAULT_LOCALE, DEFAULT_TIME_ZONE, TOP_UNIT_CODE } from "./add-organisation.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import {
  describePath,
  parseSetupFile,
  type SetupError,
  type SetupFile,
  SetupFileError,
  type SetupPath,
} from "./setup-file.js";

export interface SetupApplied {
  /** one line per change, e.g. `Rødovre Kommune: added unit KLAGE`; empty when nothing changed */
  changes: string[];
}

type SetupOrganisation = SetupFile["organisations"][number];

interface Run {
  deps: AppDeps;
  tx: Tx;
  changes: string[];
  fail(path: SetupPath, message: string): void;
}

export async function applySetup(deps: AppDeps, text: string, file: string): Promise<SetupApplied> {
  const { setup, lineOf } = parseSetupFile(text, file);
  return inTransaction(deps, async (tx) => {
    const errors: SetupError[] = [];
    const run: Run = {
      deps,
      tx,
      changes: [],
      fail: (path, message) => errors.push({ line: lineOf(path), path: describePath(path), message }),
    };
    const seen = new Set<string>();
    for (const [i, o] of setup.organisations.entries()) {
      const path = ["organisations", i];
      if (seen.has(o.name.toLowerCase()))
        run.fail([...path, "name"], `"${o.name}" is named twice in the file`);
      seen.add(o.name.toLowerCase());
      const org = await applyOrganisation(run, path, o);
      if (org) await applyMembers(run, path, o, org);
    }
    // Thrown inside the transaction, so nothing of a file with errors is written.
    if (errors.length > 0)
      throw new SetupFileError(
        file,
        errors.sort((a, b) => a.line - b.line),
      );
    return { changes: run.changes };
  });
}

async function applyOrganisation(
  run: Run,
  path: SetupPath,
  o: SetupOrganisation,
): Promise<Organisation | null> {
  const all = await listOrganisations(run.tx);
  const existing = o.id
    ? all.find((x) => x.id === o.id)
    : all.find((x) => x.name.toLowerCase() === o.name.toLowerCase());
  if (o.id && !existing) {
    run.fail([...path, "id"], `there is no organisation with the id ${o.id}`);
    return null;
  }
  if (existing && o.id && all.some((x) => x.id !== o.id && x.name.toLowerCase() === o.name.toLowerCase())) {
    run.fail([...path, "name"], `another organisation is already named "${o.name}"`);
    return null;
  }
  const timeZone = o.timeZone ?? existing?.timeZone ?? DEFAULT_TIME_ZONE[o.country];
  const wanted = {
    name: o.name,
    country: o.country,
    timeZone,
    locale: o.locale ?? existing?.locale ?? DEFAULT_LOCALE[o.country],
    closingDays: closingDays(run, path, o, existing, timeZone),
  };
  if (!existing) {
    const created = await createOrganisation(run.deps, run.tx, wanted);
    run.changes.push(`${o.name}: added the organisation (${created.id})`);
    return created;
  }
  const changed = (Object.keys(wanted) as (keyof typeof wanted)[]).filter(
    (k) => JSON.stringify(wanted[k]) !== JSON.stringify(existing[k]),
  );
  if (changed.length > 0) {
    await updateOrganisation(run.tx, { id: existing.id, ...wanted });
    run.changes.push(`${o.name}: changed ${changed.join(", ")}`);
  }
  return { ...existing, ...wanted };
}

/** The file's closing days, sorted; a day not stored yet must not be in the past. */
function closingDays(
  run: Run,
  path: SetupPath,
  o: SetupOrganisation,
  existing: Organisation | undefined,
  timeZone: string,
): string[] {
  const stored = existing?.closingDays ?? [];
  if (!o.closingDays) return [...stored].sort();
  const today = localDateOf(nowIso(run.deps), timeZone);
  const days = new Set<string>();
  for (const [j, value] of o.closingDays.entries()) {
    const at = [...path, "closingDays", j];
    try {
      const day = parseIsoDate(value, describePath(at)).toString();
      if (!stored.includes(day) && day < today.toString()) {
        run.fail(at, `${day} is in the past; only today or later can be a closing day`);
      }
      days.add(day);
    } catch {
      run.fail(at, `"${value}" is not a date (YYYY-MM-DD)`);
    }
  }
  return [...days].sort();
}

async function applyMembers(run: Run, path: SetupPath, o: SetupOrganisation, org: Organisation) {
  const directory = await loadDirectory(run.tx, org.id);
  const units = new Map([...(directory?.units.values() ?? [])].map((u) => [u.code, u]));
  const people = new Map([...(directory?.people.values() ?? [])].map((p) => [p.email, p]));
  const say = (what: string) => run.changes.push(`${org.name}: ${what}`);

  // Units first (managers after the people, who may be new).
  const inFile = new Set<string>();
  for (const [i, u] of o.units.entries()) {
    const at = [...path, "units", i];
    if (inFile.has(u.code)) run.fail([...at, "code"], `the unit ${u.code} is listed twice`);
    inFile.add(u.code);
    const parentId = u.parent ? units.get(u.parent)?.id : null;
    if (parentId === undefined) {
      run.fail([...at, "parent"], `there is no unit "${u.parent}" (list a parent before its units)`);
      continue;
    }
    const existing = units.get(u.code);
    if (!existing) {
      const unit: Unit = {
        id: run.deps.newId(),
        organisationId: org.id,
        code: u.code,
        name: u.name,
        parentId,
        managerId: null,
        routing: {},
        active: u.active ?? true,
      };
      await insertUnit(run.tx, unit);
      units.set(u.code, unit);
      say(`added unit ${u.code}`);
      continue;
    }
    if (existing.name !== u.name || existing.parentId !== parentId) {
      if (parentId && createsCycle(units, existing.id, parentId)) {
        run.fail([...at, "parent"], `${u.parent} is below ${u.code}, so it cannot be its parent`);
        continue;
      }
      await updateUnit(run.tx, org.id, { ...existing, name: u.name, parentId });
      units.set(u.code, { ...existing, name: u.name, parentId });
      say(`changed unit ${u.code}`);
    }
    if (u.active !== undefined && u.active !== existing.active) {
      await setUnitActive(run.tx, org.id, existing.id, u.active);
      say(`${u.active ? "reactivated" : "deactivated"} unit ${u.code}`);
    }
  }

  for (const [i, p] of o.people.entries()) {
    const at = [...path, "people", i];
    const email = p.email.toLowerCase();
    const unit = units.get(p.unit);
    if (!unit) {
      run.fail([...at, "unit"], `there is no unit "${p.unit}"`);
      continue;
    }
    const roles = [...new Set(p.roles)];
    const existing = people.get(email) ?? (await findPersonByEmail(run.tx, email));
    if (existing && existing.organisationId !== org.id) {
      run.fail([...at, "email"], `${email} is a person of another organisation`);
      continue;
    }
    if (!existing) {
      const person: Person = {
        id: run.deps.newId(),
        organisationId: org.id,
        unitId: unit.id,
        email,
        name: p.name,
        roles,
        active: p.active ?? true,
      };
      await insertPerson(run.tx, person, nowIso(run.deps));
      people.set(email, person);
      say(`added ${email}`);
      continue;
    }
    const sameRoles = [...existing.roles].sort().join() === [...roles].sort().join();
    if (existing.name !== p.name || existing.unitId !== unit.id || !sameRoles) {
      await updatePerson(run.tx, org.id, { id: existing.id, name: p.name, unitId: unit.id, roles });
      say(`changed ${email}`);
    }
    if (p.active !== undefined && p.active !== existing.active) {
      await setPersonActive(run.tx, org.id, existing.id, p.active);
      say(`${p.active ? "reactivated" : "deactivated"} ${email}`);
    }
  }

  for (const [i, u] of o.units.entries()) {
    const unit = units.get(u.code);
    if (u.manager === undefined || !unit) continue;
    const manager = u.manager === null ? null : people.get(u.manager.toLowerCase());
    if (manager === undefined) {
      run.fail([...path, "units", i, "manager"], `${u.manager} is not a person of ${org.name}`);
      continue;
    }
    const managerId = manager?.id ?? null;
    if (unit.managerId !== managerId) {
      await updateUnit(run.tx, org.id, { ...unit, managerId });
      say(`set the manager of ${u.code}`);
    }
  }

  const installed = await listProcedures(run.tx);
  for (const [i, id] of o.procedures.entries()) {
    const at = [...path, "procedures", i];
    const found = installed.find((p) => p.id === id);
    if (found) {
      if (found.organisationId !== org.id)
        run.fail(at, `the procedure ${id} belongs to another organisation`);
      continue;
    }
    let definition: ReturnType<typeof shippedProcedure>;
    try {
      definition = shippedProcedure(id);
    } catch {
      run.fail(at, `there is no shipped procedure "${id}"`);
      continue;
    }
    await insertProcedureVersion(run.tx, org.id, definition, nowIso(run.deps));
    say(`installed the procedure ${id}`);
  }
  if (o.units.length === 0 && units.size === 0) {
    run.fail(path, `${org.name} needs a unit (e.g. ${TOP_UNIT_CODE})`);
  }
}

/** True when `parentId` is `unitId` or below it. */
function createsCycle(units: ReadonlyMap<string, Unit>, unitId: string, parentId: string): boolean {
  const byId = new Map([...units.values()].map((u) => [u.id, u]));
  let at: string | null = parentId;
  for (let steps = 0; at && steps < 1000; steps++) {
    if (at === unitId) return true;
    at = byId.get(at)?.parentId ?? null;
  }
  return false;
}
