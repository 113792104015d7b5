/** Staff registration of a complaint received by phone, letter, in person or e-mail (back-dating allowed). */
import type { ComplaintCase } from "../domain/case.js";
import { forbidden } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";
import { createCase, reload } from "./create-case.js";
import type { RegisterCaseBody } from "./schemas.js";

export function registerCase(deps: AppDeps, actor: Actor, body: RegisterCaseBody): Promise<ComplaintCase> {
  if (!actor.roles.some((r) => ["receiver", "coordinator", "handler", "admin"].includes(r))) {
    throw forbidden("Registering complaints needs the receiver, coordinator, handler or admin role.");
  }
  return inTransaction(deps, async (tx) => {
    const { case: c } = await createCase(deps, tx, body, actor);
    return reload(tx, c.id);
  });
}
