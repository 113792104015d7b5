/**
 * The parts of command inputs that need the database or the directory: who is assigned (named
 * people, or the procedure's routing) and which case is linked (found and cleared for the person).
 */
import { caseIdByReference, findCase } from "../db/case.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { AssignInput } from "../domain/case-commands.js";
import type { CommandContext } from "../domain/case-effects.js";
import { canSeeCase, factsOf, peopleManagedBy, seesCase } from "../domain/case-policy.js";
import { invalidInput, invalidState } from "../domain/errors.js";
import { route } from "../domain/routing.js";
import type { CaseInView } from "./case-access.js";
import type { Tx } from "./context.js";
import { routingRequest } from "./routing-request.js";

type AssignBody = {
  handlers?: { person: string; part: string }[] | undefined;
  coordinator?: string | null | undefined;
};

/** Named handlers must be active people of the organisation; none named → the procedure routes. */
export function assignment(view: CaseInView, body: AssignBody, ctx: CommandContext): AssignInput {
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

/** The other case of a link, by its id or (as people know it) its reference. */
export async function findLinkTarget(
  tx: Tx,
  view: CaseInView,
  idOrReference: string,
  ctx: CommandContext,
): Promise<ComplaintCase> {
  const c = view.case;
  const otherId = (await caseIdByReference(tx, c.organisationId, idOrReference)) ?? idOrReference;
  const other = await findCase(tx, otherId);
  // a case the linker may not see is "no such case": linking must not reveal it exists (decision 0007)
  const viewer = { ...ctx.actor, organisationId: c.organisationId };
  const sees = (o: ComplaintCase) =>
    view.scope
      ? seesCase(view.scope, factsOf(o))
      : canSeeCase(viewer, o, peopleManagedBy(ctx.actor.personId, view.directory));
  if (!other || other.organisationId !== c.organisationId || !sees(other)) {
    throw invalidInput([{ path: "case", message: "No such case in this organisation." }]);
  }
  return other;
}

/** An active unit of the organisation, by its id or its code. */
export function unitIdOf(view: CaseInView, idOrCode: string): string {
  const units = [...view.directory.units.values()];
  const unit = units.find((u) => u.id === idOrCode) ?? units.find((u) => u.code === idOrCode);
  if (!unit?.active)
    throw invalidInput([{ path: "unit", message: "No such active unit in this organisation." }]);
  return unit.id;
}
