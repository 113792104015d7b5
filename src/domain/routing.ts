/**
 * Routing (SPEC §1, §5): who handles a new complaint, who coordinates it, who is notified and whether
 * it is a personnel case. Pure functions over a Directory; every step is explained in plain English.
 *
 * Invariants: a handler is always an active person of the directory, and never the person complained
 * about (routing walks further up instead); when nothing gives a handler, the coordinator handles.
 */
import type { Directory, Person, Unit } from "./organisation.js";
import type { ProcedureDefinition } from "./procedure.js";
import type { Confidentiality, Source } from "./vocabulary.js";

export interface RoutingRequest {
  procedure: ProcedureDefinition;
  category: string | null;
  /** dk-employment: the topic that picks a unit from procedure.topicUnits (default: the category) */
  topic?: string | null;
  /** the unit complained about */
  unitId: string | null;
  personComplainedAboutId: string | null;
  /** the complainant when they are a person of the directory (no-workplace: an employee) */
  complainantPersonId?: string | null;
  source: Source;
}

export interface RoutingDecision {
  handlerIds: string[];
  coordinatorId: string | null;
  confidentiality: Confidentiality;
  notifyPersonIds: string[];
  /** the unit that screens the complaint first (dk-employment: complaints to the mayor) */
  screeningUnitId: string | null;
  explanation: string[];
}

const byNameThenId = (a: Person, b: Person): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

const label = (p: Person): string => `${p.name} (${p.id})`;
const unitLabel = (u: Unit): string => `${u.name} (${u.code})`;

/** The unit and its ancestors, nearest first; safe against cycles and dangling parents. */
function ancestry(unitId: string | null, dir: Directory): Unit[] {
  const chain: Unit[] = [];
  const seen = new Set<string>();
  let unit = unitId ? dir.units.get(unitId) : undefined;
  while (unit && !seen.has(unit.id)) {
    seen.add(unit.id);
    chain.push(unit);
    unit = unit.parentId ? dir.units.get(unit.parentId) : undefined;
  }
  return chain;
}

function activePerson(id: string | null | undefined, dir: Directory): Person | null {
  const p = id ? dir.people.get(id) : undefined;
  return p?.active ? p : null;
}

/** The first active manager of the unit or, walking up, its ancestors, skipping excluded people. */
function managerFrom(unitId: string | null, dir: Directory, exclude: ReadonlySet<string>): Person | null {
  for (const unit of ancestry(unitId, dir)) {
    const m = activePerson(unit.managerId, dir);
    if (m && !exclude.has(m.id)) return m;
  }
  return null;
}

function unitByCode(code: string, dir: Directory): Unit | null {
  for (const u of dir.units.values()) {
    if (u.code === code && u.organisationId === dir.organisation.id) return u;
  }
  return null;
}

/**
 * The nearest manager of a person: the manager of their unit, or of its parent (walking up) when they
 * manage their own unit; inactive managers are skipped by walking up. Null at the top of the tree.
 */
export function nearestManager(personId: string, dir: Directory): Person | null {
  const p = dir.people.get(personId);
  return p ? managerFrom(p.unitId, dir, new Set([personId])) : null;
}

/** Every active manager above a person, nearest first, each once (who may see a personnel case). */
export function managersOf(personId: string, dir: Directory): Person[] {
  const p = dir.people.get(personId);
  if (!p) return [];
  const found = new Map<string, Person>();
  for (const unit of ancestry(p.unitId, dir)) {
    const m = activePerson(unit.managerId, dir);
    if (m && m.id !== personId && !found.has(m.id)) found.set(m.id, m);
  }
  return [...found.values()];
}

/** The general manager: the active manager of the organisation's root unit (by name, then id). */
export function generalManager(dir: Directory): Person | null {
  const roots = [...dir.units.values()]
    .filter((u) => u.organisationId === dir.organisation.id && (!u.parentId || !dir.units.has(u.parentId)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  for (const root of roots) {
    const m = activePerson(root.managerId, dir);
    if (m) return m;
  }
  return null;
}

/**
 * The nearest active coordinator: in the unit or, walking up, its ancestors; else any active
 * coordinator of the organisation. Ties are broken by name, then id. `exclude` skips people (the
 * person complained about).
 */
export function findCoordinator(
  unitId: string | null,
  dir: Directory,
  exclude: ReadonlySet<string> = new Set(),
): Person | null {
  const coordinators = [...dir.people.values()]
    .filter(
      (p) =>
        p.active &&
        p.roles.includes("coordinator") &&
        p.organisationId === dir.organisation.id &&
        !exclude.has(p.id),
    )
    .sort(byNameThenId);
  for (const unit of ancestry(unitId, dir)) {
    const c = coordinators.find((p) => p.unitId === unit.id);
    if (c) return c;
  }
  return coordinators[0] ?? null;
}

interface Ctx {
  req: RoutingRequest;
  dir: Directory;
  /** the person complained about: never a handler, never notified */
  exclude: ReadonlySet<string>;
  subject: Person | null;
  unit: Unit | null;
  category: ProcedureDefinition["categories"][number] | null;
  why: string[];
}

/** A step that applied: its handler (null: fall back to the coordinator), and why it is personnel. */
type Step = { handler: Person | null; personnel?: string } | null;

/** Screening by source first (dk-employment: complaints to the mayor go to the secretariat). */
function screen({ req, dir, exclude, why }: Ctx): (Step & { unitId: string }) | null {
  const screening = req.procedure.screening;
  if (!screening?.sources.includes(req.source)) return null;
  const su = unitByCode(screening.unitCode, dir);
  if (!su) {
    why.push(`Source "${req.source}" is screened by unit ${screening.unitCode}, which does not exist.`);
    return null;
  }
  const handler = managerFrom(su.id, dir, exclude);
  why.push(
    `Source "${req.source}" is screened first by ${unitLabel(su)}` +
      (handler ? `: its manager ${label(handler)} handles it.` : ", which has no active manager."),
  );
  return { handler, unitId: su.id };
}

/** no-workplace: the complainant's nearest superior, or the general manager when it concerns them. */
function complainantsSuperior({ req, dir, exclude, why }: Ctx): Step {
  if (!req.procedure.routeToComplainantsSuperior) return null;
  const complainant = req.complainantPersonId ? dir.people.get(req.complainantPersonId) : undefined;
  if (!complainant) {
    why.push("The complainant is not a person of the organisation; routing by category.");
    return null;
  }
  const superior = nearestManager(complainant.id, dir);
  if (!superior) {
    why.push(`${label(complainant)} has no active superior; routing by category.`);
    return null;
  }
  if (!exclude.has(superior.id)) {
    why.push(`${label(superior)} is the nearest superior of the complainant ${label(complainant)}.`);
    return { handler: superior };
  }
  const gm = generalManager(dir);
  const handler = gm && !exclude.has(gm.id) ? gm : null;
  why.push(
    `The complaint concerns ${label(superior)}, the complainant's nearest superior, ` +
      (handler ? `so the general manager ${label(handler)} handles it.` : "who is also the general manager."),
  );
  return { handler, personnel: `it concerns ${label(superior)}, the complainant's nearest superior` };
}

/** The category's HandlerRule (SPEC §5). */
function byCategory({ req, dir, exclude, subject, unit, category, why }: Ctx): Step {
  const { procedure } = req;
  const topics = [req.topic, category?.code].filter((t): t is string => !!t && t in procedure.topicUnits);
  const rule = category?.handler ?? (topics.length > 0 ? "topic_unit" : "coordinator");
  why.push(
    category ? `Category "${category.code}" uses the rule ${rule}.` : `Without a category, rule ${rule}.`,
  );
  const unitManager = (): Step => {
    const handler = managerFrom(unit?.id ?? null, dir, exclude);
    if (handler) why.push(`${label(handler)} is the nearest available manager of ${unitLabel(unit!)}.`);
    else why.push(unit ? `No available manager at or above ${unitLabel(unit)}.` : "No unit was given.");
    return { handler };
  };
  switch (rule) {
    case "unit_manager":
      return unitManager();
    case "nearest_manager_of_person": {
      if (!subject) {
        why.push("No person complained about was given; the unit's manager is used.");
        return unitManager();
      }
      const handler = managersOf(subject.id, dir)[0] ?? null;
      why.push(
        handler
          ? `${label(handler)} is the nearest manager of ${label(subject)}.`
          : `${label(subject)} has no active manager.`,
      );
      return { handler, personnel: `the handler is the nearest manager of ${label(subject)}` };
    }
    case "unit_routing_table":
      for (const u of ancestry(unit?.id ?? null, dir)) {
        const id = category ? u.routing[category.code] : undefined;
        const p = activePerson(id, dir);
        if (p && !exclude.has(p.id)) {
          why.push(`The routing table of ${unitLabel(u)} names ${label(p)} for "${category?.code}".`);
          return { handler: p };
        }
        if (id)
          why.push(
            `The routing table of ${unitLabel(u)} names ${id}, who is unavailable or complained about.`,
          );
      }
      why.push("No routing table names an available handler.");
      return { handler: null };
    case "topic_unit": {
      const code = topics[0] ? procedure.topicUnits[topics[0]] : undefined;
      const tu = code ? unitByCode(code, dir) : null;
      if (!tu) {
        why.push(code ? `Topic unit ${code} does not exist.` : "No topic with a unit was given.");
        return { handler: null };
      }
      const own = activePerson(tu.managerId, dir);
      const firstHandler = [...dir.people.values()]
        .filter((p) => p.unitId === tu.id && p.active && p.roles.includes("handler") && !exclude.has(p.id))
        .sort(byNameThenId)[0];
      const handler = own && !exclude.has(own.id) ? own : (firstHandler ?? managerFrom(tu.id, dir, exclude));
      why.push(
        `Topic "${topics[0]}" goes to ${unitLabel(tu)}` +
          (handler ? `: ${label(handler)}.` : ", where nobody is available."),
      );
      return { handler };
    }
    case "coordinator":
      return { handler: null };
  }
}

/** Decides handler, coordinator, confidentiality and notifications for a new complaint. */
export function route(req: RoutingRequest, dir: Directory): RoutingDecision {
  const why: string[] = [];
  const subjectId = req.personComplainedAboutId ?? null;
  const subject = subjectId ? (dir.people.get(subjectId) ?? null) : null;
  if (subjectId && !subject) why.push(`The person complained about (${subjectId}) is not in the directory.`);
  if (subject) why.push(`The complaint concerns ${label(subject)}, who will never handle it.`);
  const category = req.category
    ? (req.procedure.categories.find((c) => c.code === req.category) ?? null)
    : null;
  if (req.category && !category)
    why.push(`Category "${req.category}" is not in procedure ${req.procedure.id}.`);
  const unit = req.unitId ? (dir.units.get(req.unitId) ?? null) : null;
  if (req.unitId && !unit) why.push(`The unit complained about (${req.unitId}) is not in the directory.`);
  // A personnel category with nobody named (a public complaint about "the leadership") may concern
  // the unit's own leader: they never handle, coordinate or hear of it; the next manager up does.
  const presumed =
    !subject && category?.confidentiality === "personnel" ? activePerson(unit?.managerId, dir) : null;
  if (presumed) {
    why.push(
      `Nobody is named, so the complaint may concern ${label(presumed)}, the leader of ${unitLabel(unit!)}, ` +
        "who will never handle it.",
    );
  }
  const exclude: ReadonlySet<string> = new Set([subjectId, presumed?.id].filter((x): x is string => !!x));
  const ctx: Ctx = { req, dir, exclude, subject, unit, category, why };

  let confidentiality: Confidentiality = category?.confidentiality ?? "normal";
  if (confidentiality === "personnel") why.push(`Category "${category?.code}" makes this a personnel case.`);
  if (confidentiality !== "personnel" && subjectId) {
    confidentiality = "personnel";
    why.push("A complaint about a named person is a personnel case, whatever its category.");
  }
  if (confidentiality !== "personnel" && req.procedure.confidentialByDefault) {
    confidentiality = "personnel";
    why.push(`Procedure ${req.procedure.id} keeps every complaint confidential.`);
  }
  const screened = screen(ctx);
  const step = screened ?? complainantsSuperior(ctx) ?? byCategory(ctx);
  if (step?.personnel && confidentiality !== "personnel") {
    confidentiality = "personnel";
    why.push(`This is a personnel case: ${step.personnel}.`);
  }

  // The coordinator of the case; also its handler when no step gave an available person.
  const complainantUnitId = req.complainantPersonId ? dir.people.get(req.complainantPersonId)?.unitId : null;
  const coordinator = findCoordinator(
    unit?.id ?? screened?.unitId ?? complainantUnitId ?? null,
    dir,
    exclude,
  );
  let handler = step?.handler ?? null;
  if (!handler) {
    handler = coordinator;
    why.push(
      coordinator
        ? `The coordinator ${label(coordinator)} handles it.`
        : "No active coordinator exists: unassigned.",
    );
  } else if (coordinator) {
    why.push(`${label(coordinator)} coordinates the case.`);
  }

  // Notifications (no-workplace: the general manager learns of every complaint).
  const notify = new Set<string>();
  for (const who of req.procedure.notifyOnEveryComplaint) {
    const p = who === "general_manager" ? generalManager(dir) : coordinator;
    const role = who === "general_manager" ? "general manager" : "coordinator";
    if (!p) why.push(`No active ${role} can be notified.`);
    else if (exclude.has(p.id)) why.push(`The ${role} ${label(p)} is complained about and is not notified.`);
    else if (!notify.has(p.id)) {
      notify.add(p.id);
      why.push(`The ${role} ${label(p)} is notified of every complaint.`);
    }
  }

  return {
    handlerIds: handler ? [handler.id] : [],
    coordinatorId: coordinator?.id ?? null,
    confidentiality,
    notifyPersonIds: [...notify],
    screeningUnitId: screened?.unitId ?? null,
    explanation: why,
  };
}
