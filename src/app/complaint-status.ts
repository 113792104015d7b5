/**
 * What a citizen sees by the private tracking token: the reference, the state and the dates.
 * Nothing personal, so a leaked link reveals no more than that a complaint exists.
 */
import { findCaseByTrackingHash } from "../db/case.repository.js";
import { findOrganisation } from "../db/organisation.repository.js";
import { notFound } from "../domain/errors.js";
import { type CitizenLetter, lettersToComplainant } from "./complainant-letters.js";
import { type AppDeps, inTransaction } from "./context.js";
import { publicDeadlines } from "./receipts.js";
import { hashSecret } from "./secrets.js";

export interface ComplaintStatus {
  reference: string;
  status: string;
  deadlines: { kind: string; dueDate: string; metAt: string | null }[];
  lastUpdatedAt: string;
}

export async function complaintStatus(deps: AppDeps, trackingToken: string): Promise<ComplaintStatus> {
  const { reference, status, deadlines, lastUpdatedAt } = await citizenStatus(deps, trackingToken);
  return { reference, status, deadlines, lastUpdatedAt };
}

/** The tracking page's view: the status plus what is needed to show its dates in local time. */
export interface CitizenStatus extends ComplaintStatus {
  /** the letters with their text, for the page only (decision 0018) */
  letters: CitizenLetter[];
  /** the procedure filed under, for "file another complaint" */
  procedureId: string;
  organisationName: string;
  timeZone: string;
  locale: string;
}

export function citizenStatus(deps: AppDeps, trackingToken: string): Promise<CitizenStatus> {
  return inTransaction(deps, async (tx) => {
    const c = await findCaseByTrackingHash(tx, hashSecret(trackingToken));
    if (!c) throw notFound("No complaint with this tracking link");
    const organisation = await findOrganisation(tx, c.organisationId);
    if (!organisation) throw notFound("The complaint's organisation");
    return {
      procedureId: c.procedureId,
      reference: c.reference,
      status: c.status,
      deadlines: publicDeadlines(c),
      lastUpdatedAt: c.updatedAt,
      organisationName: organisation.name,
      timeZone: organisation.timeZone,
      locale: organisation.locale,
      letters: await lettersToComplainant(tx, c),
    };
  });
}
