/**
 * Letters as PDF documents of their case. A letter for print (the recipient has no e-mail address)
 * is rendered as PDF/A in the transaction that writes it: its journal line names the file with its
 * SHA-256 and the exact bytes are stored as a document under that journal entry. Any letter can be
 * read as PDF by those who may see its case: the stored document when there is one, else rendered
 * now from the outbox row (the same deterministic rendering, so the same bytes).
 */
import { lastJournalEntry } from "../db/case.repository.js";
import { documentContent, documentsOf, insertDocuments } from "../db/document.repository.js";
import { findLetter, type OutboxMessage, type StoredLetter } from "../db/outbox.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { JournalDraft } from "../domain/case-effects.js";
import { documentJournalLine } from "../domain/documents.js";
import { notFound } from "../domain/errors.js";
import type { Locale, Organisation } from "../domain/organisation.js";
import type { Actor } from "./actor.js";
import { loadCaseFor } from "./case-access.js";
import { type AppDeps, inTransaction, type Tx } from "./context.js";
import { withoutLinkTokens } from "./handler-link-tokens.js";
import { type LetterPdf, renderLetterPdf } from "./letter-pdf.js";

type LetterText = Pick<
  StoredLetter,
  "id" | "createdAt" | "recipientName" | "recipientAddress" | "subject" | "body"
> & { language: string | null };

const LOCALES = new Set<string>(["da", "nb", "en"]);

function pdfOf(org: Organisation, c: ComplaintCase, l: LetterText): Promise<LetterPdf> {
  return renderLetterPdf(
    {
      organisationName: org.name,
      timeZone: org.timeZone,
      language: (l.language && LOCALES.has(l.language) ? l.language : org.locale) as Locale,
      reference: c.reference,
      date: l.createdAt,
      recipientName: l.recipientName ?? "",
      recipientAddress: l.recipientAddress,
      subject: l.subject ?? "",
      body: l.body ?? "",
      nationalId: c.complainant.nationalId,
    },
    l.id,
  );
}

/**
 * Renders each letter for print, notes its file and SHA-256 in the letter's journal draft and stores
 * the bytes as a document under that entry. Called before the command's journal is appended (the
 * text must be final first), in the same transaction: the entry's number is the case's last one plus
 * the draft's place among the command's drafts, as `appendEntries` numbers them.
 */
export async function journalPrintedLetters(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  c: ComplaintCase,
  drafts: readonly JournalDraft[],
  letters: readonly { message: OutboxMessage; record: JournalDraft }[],
  at: string,
): Promise<void> {
  // Digital Post sends the same PDF/A (decision 0021)
  const forPrint = letters.filter((x) => x.message.letter && x.message.letter.channel !== "email");
  if (forPrint.length === 0) return;
  const lastSeq = (await lastJournalEntry(tx, c.id))?.seq ?? 0;
  const documents = [];
  for (const { message, record } of forPrint) {
    const l = message.letter;
    if (!l) continue;
    const pdf = await pdfOf(org, c, { id: message.id, createdAt: message.createdAt, ...l });
    const line = documentJournalLine({
      filename: pdf.filename,
      mediaType: "application/pdf",
      size: pdf.content.byteLength,
      sha256: pdf.sha256,
    });
    record.body = `${record.body ?? ""}\n\nPDF: ${line}`;
    documents.push({
      id: deps.newId(),
      caseId: c.id,
      journalSeq: lastSeq + drafts.indexOf(record) + 1,
      filename: pdf.filename,
      mediaType: "application/pdf",
      size: pdf.content.byteLength,
      sha256: pdf.sha256,
      createdAt: at,
      content: pdf.content,
    });
  }
  await insertDocuments(tx, documents);
}

/** A letter of the case as PDF, for someone who may see the case. */
export function readLetterPdf(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  letterId: string,
): Promise<{ filename: string; content: Uint8Array }> {
  return inTransaction(deps, async (tx) => {
    const view = await loadCaseFor(tx, actor, caseId, deps.db.procedureCache);
    const letter = await findLetter(tx, letterId);
    if (!letter || letter.caseId !== caseId || letter.kind !== "letter" || letter.subject === null)
      throw notFound("The letter");
    const c = view.case;
    // staff read an e-mail letter without its link tokens (decisions 0017, 0025); a letter for
    // print is the stored document below, as printed and posted, link and all
    const pdf = await pdfOf(view.organisation, c, {
      ...letter,
      body: withoutLinkTokens(letter.body ?? ""),
    });
    // the journalised bytes when the letter was for print: what was printed, even if a name changed since
    const stored = (await documentsOf(tx, caseId)).find((d) => d.filename === pdf.filename);
    const content = stored ? (await documentContent(tx, caseId, stored.id))?.content : undefined;
    return { filename: pdf.filename, content: content ?? pdf.content };
  });
}
