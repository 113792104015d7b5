/** Loading a case for a person: unknown or another organisation's → 404, confidential → 403. */
import { findCase } from "../db/case.repository.js";
import { findOrganisation, loadDirectory } from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { canSeeCase, peopleManagedBy, readsCaseContents } from "../domain/case-policy.js";
import { forbidden, KlaraError, notFound } from "../domain/errors.js";
import type { Directory, Organisation } from "../domain/organisation.js";
import type { Actor } from "./actor.js";
import type { Tx } from "./context.js";

export interface CaseInView {
  case: ComplaintCase;
  organisation: Organisation;
  directory: Directory;
}

export function requireCaseReader(actor: Actor): void {
  if (!readsCaseContents(actor)) throw forbidden("Your role sees numbers, not case contents.");
}

export async function loadCaseFor(tx: Tx, actor: Actor, id: string): Promise<CaseInView> {
  requireCaseReader(actor);
  const c = await findCase(tx, id);
  if (!c || c.organisationId !== actor.organisationId) throw notFound("The case");
  const directory = await loadDirectory(tx, c.organisationId);
  const organisation = directory?.organisation ?? (await findOrganisation(tx, c.organisationId));
  if (!directory || !organisation)
    throw new KlaraError("not_found", "The case's organisation was not found.");
  if (!canSeeCase(actor, c, peopleManagedBy(actor.personId, directory))) {
    throw forbidden(
      "This is a personnel case; only its handlers, the managers concerned, legal and admins may see it.",
    );
  }
  return { case: c, organisation, directory };
}
