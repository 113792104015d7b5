/**
 * Writing a command's result inside the use case's transaction: the case, its journal entries
 * (hash-chained), the outbox rows for its letters and its notifications, all or nothing.
 */
import { Temporal } from "temporal-polyfill";
import { appendJournal, insertCase, lastJournalEntry, saveCase } from "../db/case.repository.js";
import { insertDeviation } from "../db/deadline.repository.js";
import type { SearchLanguage } from "../db/dialect.js";
import { enqueue } from "../db/outbox.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { Effects } from "../domain/case-effects.js";
import { localDateOf } from "../domain/deadline.js";
import { appendEntries, type JournalEntry } from "../domain/journal.js";
import type { Organisation } from "../domain/organisation.js";
import type { AppDeps, Tx } from "./context.js";
import { renderLetters } from "./letter-outbox.js";
import { sendNotifications } from "./notifications-send.js";
import { hashSecret } from "./secrets.js";
import { updateCaseStats } from "./stats-rollup.js";

export const searchLanguage = (o: Pick<Organisation, "country">): SearchLanguage =>
  o.country === "NO" ? "norwegian" : "danish";

export interface Author {
  id: string | null;
  name: string;
}

export async function writeEffects(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  c: ComplaintCase,
  effects: Effects,
  author: Author,
  at: string,
  isNew = false,
): Promise<JournalEntry[]> {
  // letters are rendered first: the journal records each one's exact text
  const letters = await renderLetters(deps, tx, org, c, effects, at);
  const last = isNew ? null : await lastJournalEntry(tx, c.id);
  const entries = appendEntries(c.id, last, effects.journal, at, author);
  await appendJournal(tx, deps.db.dialect, c.id, entries, searchLanguage(org));
  await enqueue(tx, letters);
  // in Klara and, for those who want it, by e-mail through the outbox (decision 0014)
  await sendNotifications(
    deps,
    tx,
    org,
    effects.notifications.map((n) => ({ ...n, caseId: c.id, reference: c.reference })),
    at,
  );
  return entries;
}

export async function storeNewCase(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  c: ComplaintCase,
  trackingToken: string,
  effects: Effects,
  author: Author,
): Promise<void> {
  await insertCase(tx, c, localDateOf(c.receivedAt, org.timeZone).toString(), {
    hash: hashSecret(trackingToken),
    token: trackingToken,
  });
  // The first journal entry holds subject and description, so the journal's search document covers them.
  await writeEffects(deps, tx, org, c, effects, author, c.createdAt, true);
  // the case's statistics facts, in its transaction, pending until folded (decision 0024)
  await updateCaseStats(deps, tx, org, c, true);
}

export async function storeChangedCase(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  before: ComplaintCase,
  after: ComplaintCase,
  effects: Effects,
  author: Author,
  at: string,
): Promise<JournalEntry[]> {
  await saveCase(tx, before, after, localDateOf(after.receivedAt, org.timeZone).toString());
  // a deviation a command recorded (the sweep's too: the table keeps one per kind and due date)
  for (const d of after.deviations.slice(before.deviations.length)) {
    await insertDeviation(tx, { id: deps.newId(), caseId: after.id, ...d });
  }
  const entries = await writeEffects(deps, tx, org, after, effects, author, at);
  await updateCaseStats(deps, tx, org, after);
  return entries;
}

/** Any ISO instant with offset, as stored: UTC with milliseconds. */
export function toStoredInstant(iso: string): string {
  return Temporal.Instant.from(iso).toString({ smallestUnit: "millisecond" });
}
