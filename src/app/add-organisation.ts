/**
 * `klara organisation add`: a real authority sets itself up without the demo. Creates the
 * organisation with its top unit (code ORG, named like the organisation) and, when asked, its first
 * admin with an initial password that is printed once and stored only as its argon2 hash.
 */
import { z } from "zod";
import {
  findPersonByEmail,
  insertOrganisation,
  insertPerson,
  insertUnit,
  listOrganisations,
} from "../db/organisation.repository.js";
import { invalidInput, KlaraError } from "../domain/errors.js";
import type { Organisation, Person, Unit } from "../domain/organisation.js";
import { Country } from "../domain/vocabulary.js";
import { hashPassword } from "./add-person.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { newInitialPassword } from "./setup-password.js";

const DEFAULT_TIME_ZONE = { DK: "Europe/Copenhagen", NO: "Europe/Oslo" } as const;
const DEFAULT_LOCALE: Record<Country, "da" | "nb"> = { DK: "da", NO: "nb" };

/** The code of the unit every new organisation starts with. */
export const TOP_UNIT_CODE = "ORG";

export const TimeZone = z
  .string()
  .trim()
  .refine((tz) => isTimeZone(tz), { message: "is not a time zone (e.g. Europe/Copenhagen)" });

export const Locale = z.enum(["da", "nb", "en"]);

export const AddOrganisationInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    country: Country,
    timeZone: TimeZone.optional(),
    locale: Locale.optional(),
    admin: z
      .object({ email: z.email().max(254), name: z.string().trim().min(1).max(200) })
      .strict()
      .optional(),
  })
  .strict();
export type AddOrganisationInput = z.input<typeof AddOrganisationInput>;

export interface OrganisationAdded {
  organisation: Organisation;
  topUnit: Unit;
  admin?: { person: Person; password: string };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return tz.includes("/") || tz === "UTC";
  } catch {
    return false;
  }
}

export async function addOrganisation(deps: AppDeps, raw: AddOrganisationInput): Promise<OrganisationAdded> {
  const parsed = AddOrganisationInput.safeParse(raw);
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  const input = parsed.data;
  const password = input.admin ? newInitialPassword() : null;
  const passwordHash = password ? await hashPassword(password) : null;
  return inTransaction(deps, async (tx) => {
    const organisation = await createOrganisation(deps, tx, {
      name: input.name,
      country: input.country,
      timeZone: input.timeZone ?? DEFAULT_TIME_ZONE[input.country],
      locale: input.locale ?? DEFAULT_LOCALE[input.country],
      closingDays: [],
    });
    const topUnit: Unit = {
      id: deps.newId(),
      organisationId: organisation.id,
      code: TOP_UNIT_CODE,
      name: organisation.name,
      parentId: null,
      managerId: null,
      routing: {},
      active: true,
    };
    await insertUnit(tx, topUnit);
    if (!input.admin || !password) return { organisation, topUnit };
    const email = input.admin.email.toLowerCase();
    if (await findPersonByEmail(tx, email)) {
      throw new KlaraError("conflict", `A person with the e-mail ${email} already exists.`);
    }
    const person: Person = {
      id: deps.newId(),
      organisationId: organisation.id,
      unitId: topUnit.id,
      email,
      name: input.admin.name,
      roles: ["admin"],
      active: true,
    };
    await insertPerson(tx, person, nowIso(deps), passwordHash);
    return { organisation, topUnit, admin: { person, password } };
  });
}

/** Inserts an organisation; names are unique, because a setup file names organisations by name. */
export async function createOrganisation(
  deps: AppDeps,
  tx: Tx,
  fields: Omit<Organisation, "id">,
): Promise<Organisation> {
  const existing = await listOrganisations(tx);
  if (existing.some((o) => o.name.toLowerCase() === fields.name.toLowerCase())) {
    throw new KlaraError("conflict", `An organisation named "${fields.name}" already exists.`);
  }
  const organisation: Organisation = { id: deps.newId(), ...fields };
  await insertOrganisation(tx, organisation, nowIso(deps));
  return organisation;
}

export { DEFAULT_LOCALE, DEFAULT_TIME_ZONE };
