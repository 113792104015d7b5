/**
 * Who may see a case (SPEC §2 confidentiality). A personnel case is visible only to its handlers,
 * the managers of the person complained about, legal and admins; analysts never see contents.
 */
import type { ComplaintCase } from "./case.js";
import type { Directory } from "./organisation.js";
import type { Role } from "./vocabulary.js";

export interface Viewer {
  personId: string;
  organisationId: string;
  roles: readonly Role[];
}

const CASE_ROLES: readonly Role[] = [
  "receiver",
  "coordinator",
  "handler",
  "approver",
  "legal",
  "manager",
  "admin",
];

export function readsCaseContents(viewer: Viewer): boolean {
  return viewer.roles.some((r) => CASE_ROLES.includes(r));
}

export function canSeeCase(
  viewer: Viewer,
  c: Pick<ComplaintCase, "organisationId" | "confidentiality" | "personComplainedAboutId"> & {
    handlers: readonly { personId: string }[];
  },
  managedPeople: ReadonlySet<string>,
): boolean {
  if (viewer.organisationId !== c.organisationId || !readsCaseContents(viewer)) return false;
  if (viewer.roles.includes("admin") || viewer.roles.includes("legal")) return true;
  if (c.confidentiality === "normal") return true;
  if (c.handlers.some((h) => h.personId === viewer.personId)) return true;
  return c.personComplainedAboutId !== null && managedPeople.has(c.personComplainedAboutId);
}

/**
 * The people whose chain of managers includes the viewer: everyone in the units the viewer
 * manages and below, except the viewer (whose own manager is further up).
 */
export function peopleManagedBy(personId: string, dir: Directory): Set<string> {
  const managedUnits = new Set<string>();
  for (const u of dir.units.values()) if (u.managerId === personId) managedUnits.add(u.id);
  let grew = managedUnits.size > 0;
  while (grew) {
    grew = false;
    for (const u of dir.units.values()) {
      if (u.parentId && managedUnits.has(u.parentId) && !managedUnits.has(u.id)) {
        managedUnits.add(u.id);
        grew = true;
      }
    }
  }
  const people = new Set<string>();
  for (const p of dir.people.values()) if (managedUnits.has(p.unitId) && p.id !== personId) people.add(p.id);
  return people;
}
