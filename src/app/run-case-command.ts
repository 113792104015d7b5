/**
 * One command of API.md on one case, in one transaction: load, authorise, let the domain decide
 * (through the command's registry entry), write the case, its journal, its outbox and notifications,
 * and answer with the new case.
 */
import type { z } from "zod";
import { findCase, insertLink } from "../db/case.repository.js";
import { findProcedure } from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import * as commands from "../domain/case-commands.js";
import type { CommandContext } from "../domain/case-effects.js";
import { forbidden, invalidInput, KlaraError } from "../domain/errors.js";
import { type CommandName, canRunFrom } from "../domain/lifecycle.js";
import type { Actor } from "./actor.js";
import { type CaseInView, loadCaseFor } from "./case-access.js";
import { CASE_COMMANDS, type CaseCommand } from "./case-command.registry.js";
import { storeChangedCase } from "./case-store.js";
import { mayRunCommand } from "./command-permissions.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { reload } from "./create-case.js";
import { journalLinkOnOtherCase } from "./link-journal.js";

type Body<C extends CommandName> = z.output<(typeof CASE_COMMANDS)[C]["body"]>;

function parseCommandBody<C extends CommandName>(command: C, rawBody: unknown): Body<C> {
  const parsed = CASE_COMMANDS[command].body.safeParse(rawBody ?? {});
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  }
  return parsed.data as Body<C>;
}

export async function runCaseCommand<C extends CommandName>(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  command: C,
  rawBody: unknown,
): Promise<ComplaintCase> {
  const body = parseCommandBody(command, rawBody);
  return inTransaction(deps, (tx) => applyCaseCommand(deps, tx, actor, caseId, command, body));
}

/** The same command inside the caller's transaction (the demo loader runs many in one). */
export function runCaseCommandInTx<C extends CommandName>(
  deps: AppDeps,
  tx: Tx,
  actor: Actor,
  caseId: string,
  command: C,
  rawBody: unknown,
): Promise<ComplaintCase> {
  return applyCaseCommand(deps, tx, actor, caseId, command, parseCommandBody(command, rawBody));
}

async function applyCaseCommand<C extends CommandName>(
  deps: AppDeps,
  tx: Tx,
  actor: Actor,
  caseId: string,
  command: C,
  body: Body<C>,
): Promise<ComplaintCase> {
  const view = await loadCaseFor(tx, actor, caseId);
  if (!mayRunCommand(actor, view.case, command)) {
    throw forbidden(`Your roles do not allow "${command}".`);
  }
  const procedure = await findProcedure(
    tx,
    view.case.procedureId,
    view.case.procedureVersion,
    deps.db.procedureCache,
  );
  if (!procedure) throw new KlaraError("unavailable", "The case's procedure version is missing.");
  const now = nowIso(deps);
  const ctx = commandContext(view, actor, procedure.definition, now);
  const entry: CaseCommand = CASE_COMMANDS[command];
  const result = await entry.run({ tx, view, body, ctx });
  if (command === "link") {
    const added = result.case.links.find((l) => !view.case.links.some((o) => o.caseId === l.caseId));
    if (added) {
      await insertLink(tx, view.case.id, added.caseId, added.leadCaseId, now);
      // the other case's journal tells it too
      const author = { id: actor.personId, name: actor.name };
      await journalLinkOnOtherCase(deps, tx, view.organisation, view.case, added, author, now);
    }
  }
  if (command === "send-reply") await answerMergedCases(deps, tx, view, result.case, ctx);
  await storeChangedCase(
    deps,
    tx,
    view.organisation,
    view.case,
    result.case,
    result.effects,
    { id: actor.personId, name: actor.name },
    now,
  );
  return reload(tx, caseId);
}

/** What the domain knows of who runs the command and where. */
export function commandContext(
  view: CaseInView,
  actor: Pick<Actor, "personId" | "name" | "roles">,
  procedure: CommandContext["procedure"],
  now: string,
): CommandContext {
  return {
    now,
    actor: { personId: actor.personId, name: actor.name, roles: actor.roles },
    procedure,
    calendar: view.organisation,
    directory: view.directory,
  };
}

/** The open cases merged into this one (it is their lead) are answered with its reply. */
async function answerMergedCases(
  deps: AppDeps,
  tx: Tx,
  view: CaseInView,
  lead: ComplaintCase,
  ctx: CommandContext,
) {
  for (const link of lead.links) {
    if (link.leadCaseId !== lead.id) continue;
    const merged = await findCase(tx, link.caseId);
    if (!merged || !canRunFrom("send-reply", merged.status)) continue;
    const procedure = await findProcedure(
      tx,
      merged.procedureId,
      merged.procedureVersion,
      deps.db.procedureCache,
    );
    if (!procedure) continue;
    const result = commands.answerWithLead(merged, lead, { ...ctx, procedure: procedure.definition });
    const author = { id: ctx.actor.personId, name: ctx.actor.name };
    await storeChangedCase(deps, tx, view.organisation, merged, result.case, result.effects, author, ctx.now);
  }
}
