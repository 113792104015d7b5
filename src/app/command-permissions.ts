/** Who may run which case command: by role, and a handler of the case on their own case. */
import type { ComplaintCase } from "../domain/case.js";
import type { CommandName } from "../domain/lifecycle.js";
import type { Role } from "../domain/vocabulary.js";
import type { Actor } from "./actor.js";

/** Roles that may run a command; a handler of the case may always work on it. */
const WORK: Role[] = ["handler", "coordinator", "admin"];
const INTAKE: Role[] = ["receiver", "coordinator", "admin"];
const ROLES: Record<CommandName, Role[]> = {
  "confirm-complaint": INTAKE,
  "mark-not-a-complaint": INTAKE,
  acknowledge: INTAKE,
  classify: [...INTAKE, "handler"],
  assign: INTAKE,
  "record-contact": [...INTAKE, "handler", "manager"],
  "add-note": ["receiver", "coordinator", "handler", "approver", "legal", "manager", "admin"],
  "complete-task": WORK,
  "submit-draft": WORK,
  approve: ["approver", "manager"],
  "return-draft": ["approver", "manager"],
  "send-reply": [...WORK, "approver"],
  "notify-delay": WORK,
  "set-deadline": ["coordinator", "admin"],
  "decide-reassessment": WORK,
  "forward-to-appeals-board": [...WORK, "legal"],
  "record-appeals-decision": [...WORK, "legal"],
  link: [...INTAKE, "handler"],
  withdraw: [...INTAKE, "handler"],
  close: [...INTAKE, "handler"],
  reopen: INTAKE,
};

/** Commands that being the case's handler does not open. */
const ROLE_ONLY = new Set<CommandName>(["set-deadline"]);

export function mayRunCommand(
  actor: Pick<Actor, "personId" | "roles">,
  c: Pick<ComplaintCase, "handlers">,
  command: CommandName,
): boolean {
  if (actor.roles.some((r) => ROLES[command].includes(r))) return true;
  // a handler moves their own deadline only by a delay notice, which the complainant receives
  return !ROLE_ONLY.has(command) && c.handlers.some((h) => h.personId === actor.personId);
}
