/**
 * Digital Post (SPEC §6; seed 000-11: "reply by Digital Post (CPR) or e-mail"). A letter to a
 * complainant of a Danish organisation whose national id is known and who has no e-mail address goes
 * to Digital Post as its PDF/A letter, through this port. The only adapter here is a mock that
 * records what it was given (KLARA_DIGITAL_POST=mock, src/app/digital-post-delivery.ts); without an
 * adapter such a letter is for print, as before. A real adapter implements `send` (decision 0021).
 */
import type { ComplaintCase } from "../domain/case.js";
import type { Organisation } from "../domain/organisation.js";

export interface DigitalPostLetter {
  /** the outbox row: a resend after a crash carries the same id (the provider's idempotency key) */
  outboxId: string;
  organisationId: string;
  caseId: string;
  reference: string;
  /** the recipient's CPR number in full: what Digital Post addresses by */
  nationalId: string;
  recipientName: string;
  subject: string;
  /** the journalised PDF/A letter */
  filename: string;
  sha256: string;
  content: Uint8Array;
}

export interface DigitalPostSender {
  /** throws when the letter was not accepted: the delivery retries it as it retries e-mail */
  send(letter: DigitalPostLetter): Promise<void>;
}

/** Whether a letter goes by Digital Post: to the complainant, in Denmark, known by CPR, no e-mail. */
export function goesByDigitalPost(
  org: Pick<Organisation, "country">,
  c: Pick<ComplaintCase, "complainant">,
  to: string,
  channel: string,
): boolean {
  return org.country === "DK" && to === "complainant" && channel === "print" && !!c.complainant.nationalId;
}
