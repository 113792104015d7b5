/**
 * Letters for print: a complainant with only a phone number or a postal address (and the appeals
 * board, the citizens' advisor) gets the letter as PDF/A, which staff print and post. The list shows
 * what still waits, to those who may see each letter's case; marking one posted is journalised on its
 * case, so a letter for print is never a silent nothing.
 */
import { appendJournal, findCase, lastJournalEntry } from "../db/case.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { findLetter } from "../db/outbox.repository.js";
import {
  type LetterForPrint,
  lettersWaitingForPrint,
  markLetterPosted,
} from "../db/print-queue.repository.js";
import { factsOf, seesCase } from "../domain/case-policy.js";
import { KlaraError, notFound } from "../domain/errors.js";
import { appendEntries } from "../domain/journal.js";
import { titled } from "../domain/journal-events.js";
import type { Actor } from "./actor.js";
import { caseScopeFor, loadCaseFor, requireCaseReader } from "./case-access.js";
import { searchLanguage } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";

export type { LetterForPrint };

/** The letters waiting to be printed on the cases this person may see, oldest first. */
export function listLettersForPrint(
  deps: AppDeps,
  actor: Actor,
): Promise<{ timeZone: string; letters: LetterForPrint[] }> {
  requireCaseReader(actor);
  return inTransaction(deps, async (tx) => {
    const directory = await loadDirectory(tx, actor.organisationId);
    if (!directory) throw notFound("The organisation");
    const scope = await caseScopeFor(tx, actor, directory, deps.db.procedureCache);
    const letters = await lettersWaitingForPrint(tx, actor.organisationId);
    const seen = new Map<string, boolean>();
    const visible: LetterForPrint[] = [];
    for (const l of letters) {
      if (!seen.has(l.caseId)) {
        const c = await findCase(tx, l.caseId);
        seen.set(l.caseId, c !== null && seesCase(scope, factsOf(c)));
      }
      if (seen.get(l.caseId)) visible.push(l);
    }
    return { timeZone: directory.organisation.timeZone, letters: visible };
  });
}

/** Marks a letter printed and posted, once; the case's journal says so and by whom. */
export function markLetterPrinted(
  deps: AppDeps,
  actor: Actor,
  letterId: string,
): Promise<{ caseId: string; reference: string }> {
  return inTransaction(deps, async (tx) => {
    const letter = await findLetter(tx, letterId);
    if (letter?.kind !== "letter" || !letter.caseId || letter.organisationId !== actor.organisationId)
      throw notFound("The letter");
    // who may not see the case may not mark its letters (403), as everywhere
    const view = await loadCaseFor(tx, actor, letter.caseId, deps.db.procedureCache);
    const at = nowIso(deps);
    if (!(await markLetterPosted(tx, letterId, at)))
      throw new KlaraError(
        "conflict",
        "The letter is not waiting to be printed (it is already marked posted).",
      );
    const c = view.case;
    const to = [letter.recipientName, letter.recipientAddress].filter(Boolean).join(", ");
    const draft = {
      kind: "letter_posted",
      ...titled("letter_posted"),
      body: `${letter.subject ?? ""}\nTo: ${to}`,
    };
    const entries = appendEntries(c.id, await lastJournalEntry(tx, c.id), [draft], at, {
      id: actor.personId,
      name: actor.name,
    });
    await appendJournal(tx, deps.db.dialect, c.id, entries, searchLanguage(view.organisation));
    return { caseId: c.id, reference: c.reference };
  });
}
