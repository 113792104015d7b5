/** Staff registration of a complaint received by phone, letter, in person or e-mail (back-dating allowed). */
import { loadDirectory } from "../db/organisation.repository.js";
import { mayRegisterCases } from "../domain/case-policy.js";
import { forbidden, KlaraError } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";
import { createCase, reload } from "./create-case.js";
import { type CaseDetail, detailOf } from "./get-case.js";
import type { RegisterCaseBody } from "./schemas.js";

/**
 * Answers with the case as registered, even when its confidentiality means the registrant will
 * not see it again (a personnel case goes straight to the nearest manager).
 */
export function registerCase(deps: AppDeps, actor: Actor, body: RegisterCaseBody): Promise<CaseDetail> {
  if (!mayRegisterCases(actor)) {
    throw forbidden("Registering complaints needs the receiver, coordinator, handler or admin role.");
  }
  return inTransaction(deps, async (tx) => {
    const { case: created } = await createCase(deps, tx, body, actor);
    const directory = await loadDirectory(tx, created.organisationId);
    if (!directory) throw new KlaraError("not_found", "The case's organisation was not found.");
    const view = { case: created, organisation: directory.organisation, directory };
    return detailOf(deps, tx, await reload(tx, created.id), { actor, view });
  });
}
