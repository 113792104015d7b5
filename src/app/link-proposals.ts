/**
 * Cases about the same matter as this one, for the case page to propose linking (procedures with
 * `proposeLinks`, dk-central-unit): open cases received within 90 days with the same complainant,
 * or in the same unit with a similar text. Already linked cases are left out.
 */
import { linkCandidatesNear } from "../db/link-candidates.repository.js";
import { findProcedure } from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { type LinkProposal, proposeLinks } from "../domain/link-proposals.js";
import { type AppDeps, inTransaction } from "./context.js";

export type { LinkProposal };

const WINDOW_DAYS = 90;
const ENDED = new Set(["closed", "withdrawn", "not_a_complaint"]);
const MAX_CANDIDATES = 500;

/**
 * For a case the caller has already read and cleared for the reader (`getCase`): the candidates
 * themselves are never personnel cases, so nothing here widens what the reader may see.
 */
export function linkProposals(deps: AppDeps, c: ComplaintCase): Promise<LinkProposal[]> {
  return inTransaction(deps, async (tx) => {
    const procedure = await findProcedure(tx, c.procedureId, c.procedureVersion, deps.db.procedureCache);
    if (!procedure?.definition.proposeLinks || ENDED.has(c.status)) return [];
    const linked = new Set(c.links.map((l) => l.caseId));
    const others = (
      await linkCandidatesNear(tx, c.organisationId, c.receivedAt, WINDOW_DAYS, MAX_CANDIDATES)
    ).filter((o) => !linked.has(o.id));
    return proposeLinks(
      {
        id: c.id,
        reference: c.reference,
        subject: c.subject,
        description: c.description,
        unitId: c.unitId,
        complainantEmail: c.complainant.email,
        complainantPhone: c.complainant.phone,
      },
      others,
    );
  });
}
