/** Adding a person to an organisation (CLI `klara user add`, the demo loader): one transaction. */
import { argon2id, hash } from "argon2";
import {
  findPersonByEmail,
  findUnitByCodeOrId,
  insertPerson,
  listOrganisations,
} from "../db/organisation.repository.js";
import { invalidInput, KlaraError } from "../domain/errors.js";
import type { Person, Unit } from "../domain/organisation.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { AddPersonInput } from "./schemas.js";

/** A password as stored: argon2id with the library's defaults (salted, memory-hard). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { type: argon2id });
}

export async function addPerson(
  deps: AppDeps,
  input: AddPersonInput & { organisationId?: string },
): Promise<Person> {
  const { organisationId, ...rest } = input;
  const parsed = AddPersonInput.safeParse(rest);
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  const data = parsed.data;
  const passwordHash = data.password ? await hashPassword(data.password) : null;
  return inTransaction(deps, async (tx) => {
    const unit = await unitByCode(tx, data.unit, organisationId);
    const email = data.email.toLowerCase();
    if (await findPersonByEmail(tx, email)) {
      throw new KlaraError("conflict", `A person with the e-mail ${email} already exists.`);
    }
    const person: Person = {
      id: deps.newId(),
      organisationId: unit.organisationId,
      unitId: unit.id,
      email,
      name: data.name,
      roles: [...new Set(data.roles)],
      active: true,
    };
    await insertPerson(tx, person, nowIso(deps), passwordHash);
    return person;
  });
}

/** The unit with this code (or id): in the organisation given, else the only one in any organisation. */
async function unitByCode(tx: Tx, code: string, organisationId?: string): Promise<Unit> {
  const organisations = organisationId ? [organisationId] : (await listOrganisations(tx)).map((o) => o.id);
  const found: Unit[] = [];
  for (const id of organisations) {
    const u = await findUnitByCodeOrId(tx, id, code);
    if (u?.active) found.push(u);
  }
  if (found.length === 0) throw invalidInput([{ path: "unit", message: `There is no unit "${code}".` }]);
  if (found.length > 1) {
    throw invalidInput([
      { path: "unit", message: `Several organisations have a unit "${code}"; name the organisation.` },
    ]);
  }
  return found[0]!;
}
