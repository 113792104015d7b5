/**
 * What a citizen sees by the private tracking token: the reference, the state and the dates.
 * Nothing personal, so a leaked link reveals no more than that a complaint exists.
 */
import { findCaseByTrackingHash } from "../db/case.repository.js";
import { notFound } from "../domain/errors.js";
import { type AppDeps, inTransaction } from "./context.js";
import { publicDeadlines } from "./receipts.js";
import { hashSecret } from "./secrets.js";

export interface ComplaintStatus {
  reference: string;
  status: string;
  deadlines: { kind: string; dueDate: string; metAt: string | null }[];
  lastUpdatedAt: string;
}

export function complaintStatus(deps: AppDeps, trackingToken: string): Promise<ComplaintStatus> {
  return inTransaction(deps, async (tx) => {
    const c = await findCaseByTrackingHash(tx, hashSecret(trackingToken));
    if (!c) throw notFound("No complaint with this tracking link");
    return {
      reference: c.reference,
      status: c.status,
      deadlines: publicDeadlines(c),
      lastUpdatedAt: c.updatedAt,
    };
  });
}
