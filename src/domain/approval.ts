/**
 * Who approves a draft (issue 7 point 2): each stage of a procedure names its approvers from the
 * chain of units above the unit that handles the case; stages go in order; nobody approves their
 * own draft or two stages. Pure: the directory is passed in.
 */
import type { ComplaintCase } from "./case.js";
import type { Directory, Person, Unit } from "./organisation.js";
import type { ApprovalStage, ProcedureDefinition } from "./procedure.js";

/** Decision authority: a leader or an approver. */
const AUTHORITY_ROLES = ["approver", "manager"] as const;

/**
 * The unit handling the case: the unit it concerns; without one, the unit of its first handler.
 * (dk-central-unit's complaint unit drafts, but the leader over the unit concerned decides.)
 */
export function handlingUnitId(
  c: Pick<ComplaintCase, "unitId" | "handlers">,
  dir: Pick<Directory, "people">,
): string | null {
  if (c.unitId) return c.unitId;
  const first = c.handlers[0];
  return first ? (dir.people.get(first.personId)?.unitId ?? null) : null;
}

/** The units from the top of the organisation down to `unitId` (index = depth). */
export function chainFromTop(unitId: string | null, dir: Pick<Directory, "units">): Unit[] {
  const chain: Unit[] = [];
  const seen = new Set<string>();
  let u = unitId ? dir.units.get(unitId) : undefined;
  while (u && !seen.has(u.id)) {
    seen.add(u.id);
    chain.unshift(u);
    u = u.parentId ? dir.units.get(u.parentId) : undefined;
  }
  return chain;
}

function authoritiesIn(unit: Unit, dir: Directory): Person[] {
  const people = [...dir.people.values()].filter(
    (p) =>
      p.active &&
      (p.id === unit.managerId ||
        (p.unitId === unit.id && p.roles.some((r) => (AUTHORITY_ROLES as readonly string[]).includes(r)))),
  );
  return people.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * The people a stage names for this case, before excluding the drafter and earlier approvers.
 * null: the stage names nobody by rule (a procedure version without `approvers`): the role decides.
 */
export function stageApprovers(
  c: Pick<ComplaintCase, "unitId" | "handlers">,
  stage: ApprovalStage,
  dir: Directory,
): Person[] | null {
  if (!stage.approvers) return null;
  const chain = chainFromTop(handlingUnitId(c, dir), dir);
  const level = stage.approvers.level;
  if (level === undefined) {
    const all = chain.flatMap((u) => authoritiesIn(u, dir));
    return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i);
  }
  // the unit at that depth, else the nearest one above it that has someone with authority
  for (let depth = Math.min(level, chain.length - 1); depth >= 0; depth--) {
    const people = authoritiesIn(chain[depth]!, dir);
    if (people.length > 0) return people;
  }
  return [];
}

export interface ExpectedApproval {
  stage: ApprovalStage;
  index: number;
  /** who may approve now; null when the stage goes by role only */
  people: Person[] | null;
}

/** The stage the draft waits for and who may approve it; null when nothing waits. */
export function expectedApproval(
  c: Pick<ComplaintCase, "unitId" | "handlers" | "draft" | "status">,
  procedure: Pick<ProcedureDefinition, "approval">,
  dir: Directory,
): ExpectedApproval | null {
  const draft = c.draft;
  if (!draft || c.status !== "awaiting_approval") return null;
  const index = draft.approvals.length;
  const stage = procedure.approval[index];
  if (!stage) return null;
  const named = stageApprovers(c, stage, dir);
  const excluded = new Set([
    ...draft.approvals.map((a) => a.personId),
    ...(stage.fourEyes ? [draft.drafterId] : []),
  ]);
  return { stage, index, people: named === null ? null : named.filter((p) => !excluded.has(p.id)) };
}

/** Why this person may not approve (or return) at the stage, or null when they may. */
export function approvalRefusal(
  actor: { personId: string; roles: readonly string[] },
  stage: ApprovalStage,
  named: Person[] | null,
): string | null {
  if (named === null) {
    return actor.roles.includes(stage.role)
      ? null
      : `Approval at the stage "${stage.name}" needs the role ${stage.role}.`;
  }
  if (named.some((p) => p.id === actor.personId)) return null;
  const who = named.map((p) => p.name).join(", ") || "nobody with decision authority";
  return `The stage "${stage.name}" is approved by the leader with decision authority over the unit handling the case: ${who}.`;
}
