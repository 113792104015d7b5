/** Open cases received near a case, as candidates for "about the same matter". */
import type { Kysely } from "kysely";
import type { Complainant } from "../domain/case.js";
import type { LinkCandidate } from "../domain/link-proposals.js";
import type { Database } from "./schema.js";

/**
 * Open (not ended), non-personnel cases of the organisation received within `days` of `receivedAt` (the
 * `cases_received` index), newest first, at most `limit`. Personnel cases are never proposed:
 * a proposal would tell the reader that such a case exists.
 */
export async function linkCandidatesNear(
  db: Kysely<Database>,
  organisationId: string,
  receivedAt: string,
  days: number,
  limit: number,
): Promise<LinkCandidate[]> {
  const at = Date.parse(receivedAt);
  const day = 86_400_000;
  const rows = await db
    .selectFrom("cases")
    .select(["id", "reference", "subject", "description", "unit_id", "data"])
    .where("organisation_id", "=", organisationId)
    .where("received_at", ">=", new Date(at - days * day).toISOString())
    .where("received_at", "<=", new Date(at + days * day).toISOString())
    // ended cases (closed, withdrawn, not a complaint) are about nothing that is still open
    .where("status", "not in", ["closed", "withdrawn", "not_a_complaint"])
    .where("confidentiality", "=", "normal")
    .orderBy("received_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const complainant = (JSON.parse(r.data) as { complainant?: Partial<Complainant> }).complainant;
    return {
      id: r.id,
      reference: r.reference,
      subject: r.subject,
      description: r.description,
      unitId: r.unit_id,
      complainantEmail: complainant?.email ?? null,
      complainantPhone: complainant?.phone ?? null,
    };
  });
}
