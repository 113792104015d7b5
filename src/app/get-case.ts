/** A case as a person may see it, with its journal and the references of linked cases. */
import { journalOf, referencesOf } from "../db/case.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { JournalEntry } from "../domain/journal.js";
import { type CommandName, commandsAllowedIn } from "../domain/lifecycle.js";
import type { Actor } from "./actor.js";
import { loadCaseFor } from "./case-access.js";
import { type AppDeps, inTransaction } from "./context.js";

export interface CaseDetail {
  case: ComplaintCase;
  journal: JournalEntry[];
  linkedReferences: Map<string, string>;
  /** the commands the case's state allows now */
  allowedCommands: CommandName[];
}

export function getCase(deps: AppDeps, actor: Actor, id: string): Promise<CaseDetail> {
  return inTransaction(deps, async (tx) => {
    const view = await loadCaseFor(tx, actor, id);
    const [journal, linkedReferences] = await Promise.all([
      journalOf(tx, id),
      referencesOf(
        tx,
        view.case.links.map((l) => l.caseId),
      ),
    ]);
    return {
      case: view.case,
      journal,
      linkedReferences,
      allowedCommands: commandsAllowedIn(view.case.status),
    };
  });
}
