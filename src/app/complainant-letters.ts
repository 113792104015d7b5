/**
 * The letters a complainant was sent, as the tracking page and the public status show them: only
 * letters addressed to the complainant's side (the complainant, or the representative who gets the
 * letters once the power of attorney is in), never the note to a handler, the forwarding to the
 * appeals board or the copy to the citizens' advisor. The text is the exact text sent, with every
 * national id masked as the letter's PDF has it.
 */
import { findCaseByTrackingHash } from "../db/case.repository.js";
import { documentContent, documentsOf } from "../db/document.repository.js";
import { outboxFor, type StoredLetter } from "../db/outbox.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { notFound } from "../domain/errors.js";
import { type AppDeps, inTransaction, type Tx } from "./context.js";
import { letterPdfFilename, maskedText } from "./letter-pdf.js";
import { hashSecret } from "./secrets.js";

/** How the letter reaches the complainant, as the citizen reads it (not Klara's internal states). */
export type CitizenDelivery =
  | "email_sent"
  | "email_waiting"
  | "email_failed"
  | "post_waiting"
  | "post_sent"
  | "digital_post_sent"
  | "digital_post_waiting";

export interface CitizenLetter {
  id: string;
  /** the letter's key (acknowledgement, reply, delay_notice, …) */
  letter: string;
  delivery: CitizenDelivery;
  /** when it was written (the case change) */
  createdAt: string;
  subject: string;
  body: string;
  /** the letter's language (the organisation's when it was written) */
  language: string;
  /** the PDF made of it (a letter for print), by file name; null when none was made */
  pdf: string | null;
}

/** Public: what the API's status says of each letter, nothing personal. */
export interface PublicLetter {
  letter: string;
  delivery: CitizenDelivery;
  createdAt: string;
}

const TO_THE_COMPLAINANT = new Set(["complainant", "representative"]);

function deliveryOf(l: StoredLetter): CitizenDelivery {
  if (l.channel === "print") return l.state === "printed" ? "post_sent" : "post_waiting";
  if (l.state === "failed" || l.state === "bounced") return "email_failed";
  if (l.channel === "digital_post") return l.state === "sent" ? "digital_post_sent" : "digital_post_waiting";
  // captured: no mail server is configured, Klara kept it as if sent (the demo)
  return l.state === "sent" || l.state === "captured" ? "email_sent" : "email_waiting";
}

/** The rendered letters to the complainant's side of a case, oldest first. */
export async function lettersToComplainant(tx: Tx, c: ComplaintCase): Promise<CitizenLetter[]> {
  const rows = await outboxFor(tx, c.id);
  const documents = new Set((await documentsOf(tx, c.id)).map((d) => d.filename));
  return rows
    .filter((l) => {
      const to = (l.payload as { to?: unknown } | null)?.to;
      return (
        l.kind === "letter" && l.subject !== null && typeof to === "string" && TO_THE_COMPLAINANT.has(to)
      );
    })
    .map((l) => {
      const filename = letterPdfFilename(c.reference, l.createdAt, l.id);
      return {
        id: l.id,
        letter: String((l.payload as { template?: unknown }).template ?? ""),
        delivery: deliveryOf(l),
        createdAt: l.createdAt,
        subject: maskedText(l.subject ?? "", c.complainant.nationalId),
        body: maskedText(l.body ?? "", c.complainant.nationalId),
        language: l.language ?? "",
        pdf: documents.has(filename) ? filename : null,
      };
    });
}

/**
 * The public API's list of the letters (GET /api/v1/complaints/status/{token}/letters): which letter,
 * how and when, nothing personal, like the status itself. A separate endpoint, so the status keeps
 * exactly the fields its contract names.
 */
export function complainantLetters(
  deps: AppDeps,
  trackingToken: string,
): Promise<{ reference: string; letters: PublicLetter[] }> {
  return inTransaction(deps, async (tx) => {
    const c = await findCaseByTrackingHash(tx, hashSecret(trackingToken));
    if (!c) throw notFound("No complaint with this tracking link");
    const letters = await lettersToComplainant(tx, c);
    return {
      reference: c.reference,
      letters: letters.map(({ letter, delivery, createdAt }) => ({ letter, delivery, createdAt })),
    };
  });
}

/**
 * A letter's PDF for the holder of the tracking link: the journalised bytes of a letter to the
 * complainant's side that was made as PDF (for print). Anything else is "not found", the same answer
 * as an unknown token, so the link reveals nothing about other letters.
 */
export function complainantLetterPdf(
  deps: AppDeps,
  trackingToken: string,
  letterId: string,
): Promise<{ filename: string; content: Uint8Array }> {
  return inTransaction(deps, async (tx) => {
    const c = await findCaseByTrackingHash(tx, hashSecret(trackingToken));
    if (!c) throw notFound("No complaint with this tracking link");
    const letter = (await lettersToComplainant(tx, c)).find((l) => l.id === letterId);
    const stored = letter?.pdf
      ? (await documentsOf(tx, c.id)).find((d) => d.filename === letter.pdf)
      : undefined;
    const content = stored ? await documentContent(tx, c.id, stored.id) : null;
    if (!content) throw notFound("The letter's PDF");
    return { filename: content.filename, content: content.content };
  });
}
