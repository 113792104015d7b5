/**
 * Reading and setting the appeals board's target band (issue 9). Everyone who sees statistics
 * reads it (the dashboard draws it); admins set it for the organisation or one of its procedures.
 */
import { z } from "zod";
import { listAppealsTargets, saveAppealsTarget } from "../db/appeals-target.repository.js";
import { listProcedures } from "../db/organisation.repository.js";
import type { StoredTarget } from "../domain/appeals-target.js";
import { isAdmin, seesStatistics } from "../domain/case-policy.js";
import { forbidden, invalidInput } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";

const Percent = z.coerce.number().int().min(0).max(100);

export const AppealsTargetInput = z
  .object({
    /** empty or absent: the organisation's own target */
    procedure: z.string().max(64).optional(),
    low: Percent,
    high: Percent,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.low > v.high)
      ctx.addIssue({ code: "custom", path: ["high"], message: "The band ends below its start." });
  });
export type AppealsTargetInput = z.infer<typeof AppealsTargetInput>;

export async function getAppealsTargets(deps: AppDeps, actor: Actor): Promise<StoredTarget[]> {
  if (!seesStatistics(actor)) throw forbidden("Statistics are for analysts, managers and admins.");
  return inTransaction(deps, (tx) => listAppealsTargets(tx, actor.organisationId));
}

export async function setAppealsTarget(
  deps: AppDeps,
  actor: Actor,
  input: AppealsTargetInput,
): Promise<StoredTarget> {
  if (!isAdmin(actor)) throw forbidden("Only admins set the appeals board's target.");
  return inTransaction(deps, async (tx) => {
    const procedureId = input.procedure ? input.procedure : null;
    if (procedureId) {
      const own = await listProcedures(tx, actor.organisationId);
      if (!own.some((p) => p.id === procedureId))
        throw invalidInput([
          { path: "procedure", message: "No procedure of your organisation with this id." },
        ]);
    }
    const target = { procedureId, lowPercent: input.low, highPercent: input.high };
    await saveAppealsTarget(tx, actor.organisationId, target, nowIso(deps));
    return target;
  });
}
