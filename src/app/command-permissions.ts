/**
 * Who may run which case command, derived from the command registry: by role, or as a handler of
 * the case; and the commands a person can run on a case now (allowedCommands of the API).
 */
import type { ComplaintCase } from "../domain/case.js";
import type { CommandContext } from "../domain/case-effects.js";
import { COMMANDS, type CommandName, canRunFrom } from "../domain/lifecycle.js";
import type { Actor } from "./actor.js";
import { CASE_COMMANDS } from "./case-command.registry.js";

export function mayRunCommand(
  actor: Pick<Actor, "personId" | "roles">,
  c: Pick<ComplaintCase, "handlers">,
  command: CommandName,
): boolean {
  const entry = CASE_COMMANDS[command];
  if (actor.roles.some((r) => entry.roles.includes(r))) return true;
  return entry.caseHandlers && c.handlers.some((h) => h.personId === actor.personId);
}

/**
 * The commands this person can run on the case now: their roles or part, the case's state and the
 * procedure's preconditions (nothing acknowledged twice, no reply without its draft and approvals,
 * no approval of one's own draft or by someone the stage does not name).
 */
export function allowedCommandsFor(c: ComplaintCase, ctx: CommandContext): CommandName[] {
  return COMMANDS.filter((name) => {
    const entry = CASE_COMMANDS[name];
    return (
      canRunFrom(name, c.status) && mayRunCommand(ctx.actor, c, name) && (entry.possible?.(c, ctx) ?? true)
    );
  });
}
