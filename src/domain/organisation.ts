/** Organisations, units (a tree, each with an optional manager) and people (SPEC §1). */
import type { Country, Role } from "./vocabulary.js";

export type Locale = "da" | "nb" | "en";

export interface Organisation {
  id: string;
  name: string;
  country: Country;
  /** IANA zone: Europe/Copenhagen or Europe/Oslo */
  timeZone: string;
  /** the organisation's own closing days, YYYY-MM-DD, beyond public holidays */
  closingDays: string[];
  locale: Locale;
}

export interface Unit {
  id: string;
  organisationId: string;
  code: string;
  name: string;
  parentId: string | null;
  managerId: string | null;
  /** category code -> person id: who handles that category for this unit */
  routing: Record<string, string>;
  /** a deactivated unit takes no new complaints; its cases keep it */
  active: boolean;
}

export interface Person {
  id: string;
  organisationId: string;
  unitId: string;
  email: string;
  name: string;
  roles: Role[];
  active: boolean;
}

/** An organisation's units and people, as routing and authorisation need them. */
export interface Directory {
  organisation: Organisation;
  units: ReadonlyMap<string, Unit>;
  people: ReadonlyMap<string, Person>;
}

export function hasRole(person: Pick<Person, "roles">, ...roles: Role[]): boolean {
  return roles.some((r) => person.roles.includes(r));
}
