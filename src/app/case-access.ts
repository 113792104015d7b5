/**
 * Loading a case for a person: unknown or another organisation's → 404, one they may not see → 403.
 * What they may see is the policy's (src/domain/case-policy.ts) over their scope.
 */
import { findCase } from "../db/case.repository.js";
import {
  findOrganisation,
  findProcedure,
  listProcedures,
  loadDirectory,
} from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { type CaseScope, factsOf, readsCaseContents, scopeOf, seesCase } from "../domain/case-policy.js";
import { forbidden, KlaraError, notFound } from "../domain/errors.js";
import type { Directory, Organisation } from "../domain/organisation.js";
import type { ProcedureVersion } from "../domain/procedure.js";
import type { Actor } from "./actor.js";
import type { Tx } from "./context.js";

export interface CaseInView {
  case: ComplaintCase;
  organisation: Organisation;
  directory: Directory;
  /** what the reader may see, for the cases this one refers to (links); read when absent */
  scope?: CaseScope;
}

export function requireCaseReader(actor: Actor): void {
  if (!readsCaseContents(actor)) throw forbidden("Your role sees numbers, not case contents.");
}

/**
 * The reader's scope: their directory and the visibility of their organisation's procedures (the
 * current version's setting: who works with a procedure now, not a rule of a case's handling).
 */
export async function caseScopeFor(
  tx: Tx,
  actor: Actor,
  directory: Directory,
  procedureCache?: Map<string, ProcedureVersion>,
): Promise<CaseScope> {
  const heads = await listProcedures(tx, actor.organisationId);
  const procedures = await Promise.all(
    heads.map(async (h) => {
      // versions never change: read once per database handle
      const p = await findProcedure(tx, h.id, h.version, procedureCache);
      return { id: h.id, visibility: p?.definition.visibility ?? "need_to_know" };
    }),
  );
  return scopeOf(actor, directory, procedures);
}

export async function loadCaseFor(
  tx: Tx,
  actor: Actor,
  id: string,
  procedureCache?: Map<string, ProcedureVersion>,
): Promise<CaseInView> {
  requireCaseReader(actor);
  const c = await findCase(tx, id);
  if (!c || c.organisationId !== actor.organisationId) throw notFound("The case");
  const directory = await loadDirectory(tx, c.organisationId);
  const organisation = directory?.organisation ?? (await findOrganisation(tx, c.organisationId));
  if (!directory || !organisation)
    throw new KlaraError("not_found", "The case's organisation was not found.");
  const scope = await caseScopeFor(tx, actor, directory, procedureCache);
  if (!seesCase(scope, factsOf(c))) {
    throw forbidden(
      c.confidentiality === "normal"
        ? "This case belongs to other units; you see the cases of your units and those you work on."
        : "This is a personnel case; only its handlers, the managers concerned, legal and admins may see it.",
    );
  }
  return { case: c, organisation, directory, scope };
}
