/**
 * One command of API.md on one case, in one transaction: load, authorise, let the domain decide,
 * write the case, its journal, its outbox and notifications, and answer with the new case.
 */
import type { z } from "zod";
import { caseIdByReference, findCase, insertLink } from "../db/case.repository.js";
import { findProcedure } from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import * as commands from "../domain/case-commands.js";
import type { CommandContext, CommandResult } from "../domain/case-effects.js";
import { canSeeCase, peopleManagedBy } from "../domain/case-policy.js";
import { forbidden, invalidInput, invalidState, KlaraError } from "../domain/errors.js";
import { type CommandName, canRunFrom } from "../domain/lifecycle.js";
import { route } from "../domain/routing.js";
import type { Actor } from "./actor.js";
import { type CaseInView, loadCaseFor } from "./case-access.js";
import { storeChangedCase } from "./case-store.js";
import { mayRunCommand } from "./command-permissions.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { reload } from "./create-case.js";
import { journalLinkOnOtherCase } from "./link-journal.js";
import { routingRequest } from "./routing-request.js";
import { CommandBodies } from "./schemas.js";

type Body<C extends CommandName> = z.infer<(typeof CommandBodies)[C]>;

function parseCommandBody<C extends CommandName>(command: C, rawBody: unknown): Body<C> {
  const parsed = CommandBodies[command].safeParse(rawBody ?? {});
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
  const ctx: CommandContext = {
    now,
    actor: { personId: actor.personId, name: actor.name, roles: actor.roles },
    procedure: procedure.definition,
    calendar: view.organisation,
  };
  const result = await decide(tx, view, command, body, ctx);
  if (command === "link") {
    // the other case's journal tells it too
    const links = (await findCase(tx, caseId))?.links ?? [];
    const added = links.find((l) => !view.case.links.some((o) => o.caseId === l.caseId));
    const author = { id: actor.personId, name: actor.name };
    if (added) await journalLinkOnOtherCase(deps, tx, view.organisation, view.case, added, author, now);
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

async function decide(
  tx: Tx,
  view: CaseInView,
  command: CommandName,
  body: unknown,
  ctx: CommandContext,
): Promise<CommandResult> {
  const c = view.case;
  switch (command) {
    case "confirm-complaint":
      return commands.confirmComplaint(c, ctx);
    case "mark-not-a-complaint":
      return commands.markNotAComplaint(c, body as Body<"mark-not-a-complaint">, ctx);
    case "acknowledge":
      return commands.acknowledge(c, ctx);
    case "classify":
      return commands.classify(c, body as Body<"classify">, ctx);
    case "assign":
      return commands.assign(c, assignment(view, body as Body<"assign">, ctx), ctx);
    case "record-contact":
      return commands.recordContact(c, body as Body<"record-contact">, ctx);
    case "add-note":
      return commands.addNote(c, body as Body<"add-note">, ctx);
    case "complete-task":
      return commands.completeTask(c, body as Body<"complete-task">, ctx);
    case "submit-draft":
      return commands.submitDraft(c, body as Body<"submit-draft">, ctx);
    case "approve":
      return commands.approve(c, ctx);
    case "return-draft":
      return commands.returnDraft(c, body as Body<"return-draft">, ctx);
    case "send-reply": {
      const b = body as Body<"send-reply">;
      return commands.sendReply(c, { ...b, measures: b.measures ?? null }, ctx);
    }
    case "notify-delay":
      return commands.notifyDelay(c, body as Body<"notify-delay">, ctx);
    case "set-deadline":
      return commands.setDeadline(c, body as Body<"set-deadline">, ctx);
    case "decide-reassessment":
      return commands.decideReassessment(c, body as Body<"decide-reassessment">, ctx);
    case "forward-to-appeals-board":
      return commands.forwardToAppealsBoard(c, ctx);
    case "record-appeals-decision":
      return commands.recordAppealsDecision(c, body as Body<"record-appeals-decision">, ctx);
    case "link":
      return link(tx, view, body as Body<"link">, ctx);
    case "withdraw":
      return commands.withdraw(c, body as Body<"withdraw">, ctx);
    case "close":
      return commands.close(c, ctx);
    case "reopen":
      return commands.reopen(c, body as Body<"reopen">, ctx);
  }
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

/** Named handlers must be active people of the organisation; none named → the procedure routes. */
function assignment(view: CaseInView, body: Body<"assign">, ctx: CommandContext): commands.AssignInput {
  const { directory, case: c } = view;
  const coordinatorId = body.coordinator ?? null;
  if (coordinatorId && !directory.people.get(coordinatorId)?.active) {
    throw invalidInput([{ path: "coordinator", message: "No such active person in this organisation." }]);
  }
  if (body.handlers && body.handlers.length > 0) {
    const handlers = body.handlers.map((h, i) => {
      if (!directory.people.get(h.person)?.active) {
        throw invalidInput([
          { path: `handlers.${i}.person`, message: "No such active person in this organisation." },
        ]);
      }
      return { personId: h.person, part: h.part };
    });
    return { handlers, coordinatorId };
  }
  const decision = route(routingRequest(c, ctx.procedure, directory), directory);
  if (decision.handlerIds.length === 0) {
    throw invalidState("no_handler", "The procedure's routing found nobody; name the handlers.");
  }
  return {
    handlers: decision.handlerIds.map((personId) => ({ personId, part: "the whole complaint" })),
    coordinatorId: coordinatorId ?? decision.coordinatorId,
    routing: decision.explanation,
  };
}

/** Linking writes both cases' link rows; the journal of this case records it. */
async function link(
  tx: Tx,
  view: CaseInView,
  body: Body<"link">,
  ctx: CommandContext,
): Promise<CommandResult> {
  const c = view.case;
  // the other case by its id or, as people know it, its reference
  const otherId = (await caseIdByReference(tx, c.organisationId, body.case)) ?? body.case;
  const other = await findCase(tx, otherId);
  // a personnel case the linker may not see is "no such case": linking must not reveal it exists
  const viewer = { ...ctx.actor, organisationId: c.organisationId };
  if (
    !other ||
    other.organisationId !== c.organisationId ||
    !canSeeCase(viewer, other, peopleManagedBy(ctx.actor.personId, view.directory))
  ) {
    throw invalidInput([{ path: "case", message: "No such case in this organisation." }]);
  }
  if (other.id === c.id)
    throw invalidInput([{ path: "case", message: "A case cannot be linked to itself." }]);
  if (c.links.some((l) => l.caseId === other.id))
    throw invalidState("already_linked", "The cases are already linked.");
  const leadCaseId = body.lead ? other.id : null;
  await insertLink(tx, c.id, other.id, leadCaseId, ctx.now);
  const result = commands.addNote(
    c,
    { title: `Linked to ${other.reference}${body.lead ? " (lead)" : ""}`, body: "" },
    ctx,
  );
  result.effects.journal[0]!.kind = "link";
  return result;
}
