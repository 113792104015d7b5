/** What a citizen is told: never anything personal, never another case's data. */
import type { ComplaintCase } from "../domain/case.js";

export interface SubmissionReceipt {
  id: string;
  reference: string;
  status: string;
  receivedAt: string;
  deadlines: { kind: string; dueDate: string; metAt: string | null }[];
  trackingToken: string;
}

export function presentSubmission(c: ComplaintCase, trackingToken: string): SubmissionReceipt {
  return {
    id: c.id,
    reference: c.reference,
    status: c.status,
    receivedAt: c.receivedAt,
    deadlines: publicDeadlines(c),
    trackingToken,
  };
}

export function publicDeadlines(c: ComplaintCase) {
  return c.deadlines.map((d) => ({ kind: d.kind, dueDate: d.dueDate, metAt: d.metAt }));
}
