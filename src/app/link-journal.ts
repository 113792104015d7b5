/**
 * Linking journals on both cases: the command's own case records "Linked to …" through the
 * command; the other case gets "Linked from …" here, in the same transaction.
 */
import { findCase } from "../db/case.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { linkedFromEntry } from "../domain/link-proposals.js";
import type { Organisation } from "../domain/organisation.js";
import { type Author, writeEffects } from "./case-store.js";
import type { AppDeps, Tx } from "./context.js";

export async function journalLinkOnOtherCase(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  from: ComplaintCase,
  link: { caseId: string; leadCaseId: string | null },
  author: Author,
  at: string,
): Promise<void> {
  const other = await findCase(tx, link.caseId);
  if (!other) return;
  const entry = linkedFromEntry(from, link.leadCaseId === other.id);
  await writeEffects(deps, tx, org, other, { journal: [entry], letters: [], notifications: [] }, author, at);
}
