/**
 * Sending a letter by Digital Post from the outbox (called by the delivery, src/app/deliver-mail.ts):
 * the journalised PDF/A goes through the configured adapter, then the row is marked sent and the
 * case's journal says "Letter sent by Digital Post" with the file and its SHA-256, in one
 * transaction. A refusal throws: the delivery counts the attempt and retries as for e-mail.
 * Also the mock adapter (KLARA_DIGITAL_POST=mock), which records what it was given (decision 0021).
 */
import { appendJournal, findCase, lastJournalEntry } from "../db/case.repository.js";
import type { KlaraDb } from "../db/create-db.js";
import { recordDigitalPost } from "../db/digital-post.repository.js";
import { documentContent, documentsOf } from "../db/document.repository.js";
import { findOrganisation } from "../db/organisation.repository.js";
import { recordAttempt, type StoredLetter } from "../db/outbox.repository.js";
import { documentJournalLine } from "../domain/documents.js";
import { appendEntries } from "../domain/journal.js";
import { titled } from "../domain/journal-events.js";
import { maskNationalId } from "../domain/national-id.js";
import { searchLanguage } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import type { DigitalPostSender } from "./digital-post.js";
import { letterPdfFilename } from "./letter-pdf.js";

const SYSTEM = { id: null, name: "Klara (mail delivery)" };

export async function sendByDigitalPost(
  deps: AppDeps,
  letter: StoredLetter,
  claimant: string,
  attempts: number,
): Promise<void> {
  if (!deps.digitalPost) throw new Error("Digital Post is not configured (KLARA_DIGITAL_POST).");
  const db = deps.db.kysely;
  const c = letter.caseId ? await findCase(db, letter.caseId) : null;
  const org = await findOrganisation(db, letter.organisationId);
  if (!c || !org || !c.complainant.nationalId) throw new Error("The letter's case or recipient is gone.");
  const filename = letterPdfFilename(c.reference, letter.createdAt, letter.id);
  const stored = (await documentsOf(db, c.id)).find((d) => d.filename === filename);
  const pdf = stored ? await documentContent(db, c.id, stored.id) : null;
  if (!stored || !pdf) throw new Error("The letter's PDF is not in the case's documents.");
  await deps.digitalPost.send({
    outboxId: letter.id,
    organisationId: org.id,
    caseId: c.id,
    reference: c.reference,
    nationalId: c.complainant.nationalId,
    recipientName: letter.recipientName ?? "",
    subject: letter.subject ?? "",
    filename,
    sha256: stored.sha256,
    content: pdf.content,
  });
  const at = nowIso(deps);
  await inTransaction(deps, async (tx) => {
    const still = await recordAttempt(tx, letter.id, claimant, {
      state: "sent",
      attempts,
      sentAt: at,
      nextAttemptAt: null,
      lastError: null,
    });
    if (!still) return;
    const file = documentJournalLine({
      filename,
      mediaType: "application/pdf",
      size: stored.size,
      sha256: stored.sha256,
    });
    const draft = {
      kind: "letter_sent",
      ...titled("letter_digital_post"),
      body: `To: ${letter.recipientName ?? ""} (Digital Post)\nSubject: ${letter.subject ?? ""}\nPDF: ${file}`,
    };
    const entries = appendEntries(c.id, await lastJournalEntry(tx, c.id), [draft], at, SYSTEM);
    await appendJournal(tx, deps.db.dialect, c.id, entries, searchLanguage(org));
  });
}

/** The mock adapter: keeps each letter it is given (with the national id masked) in a table. */
export function mockDigitalPost(db: KlaraDb, now: () => string): DigitalPostSender {
  return {
    async send(letter) {
      await recordDigitalPost(db.kysely, {
        outboxId: letter.outboxId,
        organisationId: letter.organisationId,
        caseId: letter.caseId,
        recipient: maskNationalId(letter.nationalId) ?? "",
        subject: letter.subject,
        filename: letter.filename,
        sha256: letter.sha256,
        content: letter.content,
        sentAt: now(),
      });
    },
  };
}

/** The deps with the configured Digital Post adapter (KLARA_DIGITAL_POST); unset: none, letters for print. */
export function withDigitalPost(deps: AppDeps, config: { digitalPost?: "mock" }): AppDeps {
  if (config.digitalPost !== "mock") return deps;
  return { ...deps, digitalPost: mockDigitalPost(deps.db, () => nowIso(deps)) };
}
