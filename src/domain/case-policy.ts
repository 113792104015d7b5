/**
 * Who may see a case, find it, count it with its details and be told of it (SPEC §2, decision 0007),
 * and the role checks that go with it (admin, registering, statistics). One place: the case list's SQL
 * (src/db/case-list.repository.ts) implements `seesCase` over the same CaseScope, and a property test
 * holds the two to the same answers.
 *
 * Need to know: a person sees the normal cases of their unit and the units below it, the units they
 * manage and below, and the cases they handle, coordinate or approved; intake roles (receiver,
 * coordinator) see every normal case, and a procedure with visibility "organisation" shows its normal
 * cases to everyone with a case role. A restricted (personnel) case is seen only by its handlers, the
 * managers of the person complained about, the managers above the case's unit (never that unit's own
 * manager, whom it may concern), legal and admins. Nobody ever sees a complaint about themselves.
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
/** see every case (but one about themselves) */
const ALL_CASES_ROLES: readonly Role[] = ["admin", "legal"];
/** the organisation's intake: see every normal case, to register, acknowledge and route it */
const INTAKE_ROLES: readonly Role[] = ["receiver", "coordinator"];
export const REGISTERING_ROLES: readonly Role[] = ["receiver", "coordinator", "handler", "admin"];
const STATS_ROLES: readonly Role[] = ["analyst", "manager", "admin"];

const has = (viewer: Pick<Viewer, "roles">, roles: readonly Role[]): boolean =>
  viewer.roles.some((r) => roles.includes(r));

export const readsCaseContents = (viewer: Pick<Viewer, "roles">): boolean => has(viewer, CASE_ROLES);
export const isAdmin = (viewer: Pick<Viewer, "roles">): boolean => viewer.roles.includes("admin");
export const mayRegisterCases = (viewer: Pick<Viewer, "roles">): boolean => has(viewer, REGISTERING_ROLES);
export const seesStatistics = (viewer: Pick<Viewer, "roles">): boolean => has(viewer, STATS_ROLES);
/** analysts see numbers with small groups merged (SPEC §8); an admin who is also analyst does not */
export const mergesSmallGroups = (viewer: Pick<Viewer, "roles">): boolean =>
  viewer.roles.includes("analyst") && !isAdmin(viewer);
/** the directory (people, units) is for people with any role at all */
export const seesDirectory = (viewer: Pick<Viewer, "roles">): boolean => viewer.roles.length > 0;

export type ProcedureVisibility = "organisation" | "need_to_know";

/** What the policy needs of a case (rows carry the same). */
export interface CaseFacts {
  organisationId: string;
  procedureId: string;
  /** "normal", or restricted ("personnel") */
  confidentiality: string;
  unitId: string | null;
  personComplainedAboutId: string | null;
  handlerIds: readonly string[];
  coordinatorId: string | null;
  approverId: string | null;
}

export function factsOf(c: ComplaintCase): CaseFacts {
  return {
    organisationId: c.organisationId,
    procedureId: c.procedureId,
    confidentiality: c.confidentiality,
    unitId: c.unitId,
    personComplainedAboutId: c.personComplainedAboutId,
    handlerIds: c.handlers.map((h) => h.personId),
    coordinatorId: c.coordinatorId,
    approverId: c.approverId,
  };
}

/** What one person may see, worked out once from the directory and the procedures' settings. */
export interface CaseScope {
  organisationId: string;
  personId: string;
  /** has a case role at all (analysts and people without a role see numbers or nothing) */
  readsContents: boolean;
  /** admin, legal */
  everyCase: boolean;
  /** intake roles */
  everyNormalCase: boolean;
  /** procedures whose normal cases every case role sees (visibility "organisation") */
  openProcedures: readonly string[];
  /** normal cases: the person's unit and below, the units they manage and below */
  units: readonly string[];
  /** normal cases without a unit: people of a root unit */
  unitlessCases: boolean;
  /** restricted cases: units strictly below the units they manage */
  restrictedUnits: readonly string[];
  /** restricted cases without a unit: managers of a root unit (the general manager) */
  restrictedUnitless: boolean;
  /** people whose chain of managers includes the person */
  managedPeople: readonly string[];
}

/** The unit ids of the given units and everything below them. */
function subtrees(roots: Iterable<string>, dir: Directory): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of dir.units.values()) {
    if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const found = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const id = stack.pop()!;
    if (found.has(id)) continue;
    found.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return found;
}

const isRoot = (unitId: string, dir: Directory): boolean => {
  const u = dir.units.get(unitId);
  return !!u && (!u.parentId || !dir.units.has(u.parentId));
};

export function scopeOf(
  viewer: Viewer,
  dir: Directory,
  procedures: Iterable<{ id: string; visibility: ProcedureVisibility }>,
): CaseScope {
  const managed = [...dir.units.values()].filter((u) => u.managerId === viewer.personId).map((u) => u.id);
  const own = dir.people.get(viewer.personId)?.unitId;
  const units = subtrees(own ? [own, ...managed] : managed, dir);
  const below = subtrees(
    [...dir.units.values()].filter((u) => u.parentId && managed.includes(u.parentId)).map((u) => u.id),
    dir,
  );
  return {
    organisationId: viewer.organisationId,
    personId: viewer.personId,
    readsContents: readsCaseContents(viewer),
    everyCase: has(viewer, ALL_CASES_ROLES),
    everyNormalCase: has(viewer, INTAKE_ROLES),
    openProcedures: [...procedures].filter((p) => p.visibility === "organisation").map((p) => p.id),
    units: [...units],
    unitlessCases: [...units].some((id) => isRoot(id, dir)),
    // never the unit's own manager, whom a complaint about the unit may concern
    restrictedUnits: [...below].filter((id) => !managed.includes(id)),
    restrictedUnitless: managed.some((id) => isRoot(id, dir)),
    managedPeople: [...peopleManagedBy(viewer.personId, dir)],
  };
}

export const isRestricted = (c: Pick<CaseFacts, "confidentiality">): boolean =>
  c.confidentiality !== "normal";

/** May see and find the case (its contents, in lists and search). */
export function seesCase(scope: CaseScope, c: CaseFacts): boolean {
  if (c.organisationId !== scope.organisationId || !scope.readsContents) return false;
  const me = scope.personId;
  if (c.personComplainedAboutId === me) return false;
  if (scope.everyCase) return true;
  if (c.handlerIds.includes(me) || c.approverId === me) return true;
  if (isRestricted(c)) {
    if (c.personComplainedAboutId !== null && scope.managedPeople.includes(c.personComplainedAboutId))
      return true;
    return c.unitId !== null ? scope.restrictedUnits.includes(c.unitId) : scope.restrictedUnitless;
  }
  if (c.coordinatorId === me || scope.everyNormalCase) return true;
  if (scope.openProcedures.includes(c.procedureId)) return true;
  return c.unitId !== null ? scope.units.includes(c.unitId) : scope.unitlessCases;
}

/**
 * Counted with its details (broken out by key in statistics): every normal case for everyone who
 * sees statistics; a restricted case for those who may see it; and, in figures whose small cells
 * are suppressed (analysts), a case restricted only because its procedure keeps every complaint
 * confidential: confidentiality limits who reads its contents, not its count by type
 * (docs/statistics-privacy.md). A personnel case is never broken out for those who may not see it.
 */
export function countsWithDetails(
  scope: CaseScope,
  c: CaseFacts,
  how: { smallCellsSuppressed?: boolean; restrictedOnlyByDefault?: boolean } = {},
): boolean {
  if (c.personComplainedAboutId === scope.personId) return false;
  if (!isRestricted(c) || seesCase(scope, c)) return true;
  return !!how.smallCellsSuppressed && !!how.restrictedOnlyByDefault;
}

/**
 * Restricted only by its procedure's default (no-workplace, seed 003): nobody is complained
 * about and its category is no personnel category, so it points to no person. A case raised to
 * personnel by hand under such a procedure cannot be told from it (the level is the same).
 */
export function restrictedOnlyByDefault(
  c: Pick<CaseFacts, "confidentiality" | "personComplainedAboutId"> & { category: string | null },
  procedure:
    | {
        confidentialByDefault: boolean;
        categories: readonly { code: string; confidentiality: string }[];
      }
    | undefined,
): boolean {
  if (!isRestricted(c) || !procedure?.confidentialByDefault || c.personComplainedAboutId !== null)
    return false;
  const category = procedure.categories.find((k) => k.code === c.category);
  return category?.confidentiality !== "personnel";
}

/** May be told of the case (a notification naming its reference): never the person it is about. */
export function mayBeToldOf(personId: string, c: Pick<CaseFacts, "personComplainedAboutId">): boolean {
  return c.personComplainedAboutId !== personId;
}

/**
 * The personnel rules alone, without need to know (for a caller that has no scope at hand): its
 * handlers, the managers of the person complained about, legal and admins; never the person it is about.
 */
export function canSeeCase(
  viewer: Viewer,
  c: Pick<ComplaintCase, "organisationId" | "confidentiality" | "personComplainedAboutId"> & {
    handlers: readonly { personId: string }[];
  },
  managedPeople: ReadonlySet<string>,
): boolean {
  if (viewer.organisationId !== c.organisationId || !readsCaseContents(viewer)) return false;
  if (c.personComplainedAboutId === viewer.personId) return false;
  if (has(viewer, ALL_CASES_ROLES)) return true;
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
