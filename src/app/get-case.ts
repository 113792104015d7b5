/** A case as a person may see it, with its journal and the references of linked cases. */
import { journalOf, referencesOf } from "../db/case.repository.js";
import { findProcedure } from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { JournalEntry } from "../domain/journal.js";
import { type CommandName, commandsAllowedIn } from "../domain/lifecycle.js";
import type { Category, TaskDefinition } from "../domain/procedure.js";
import type { Actor } from "./actor.js";
import { loadCaseFor } from "./case-access.js";
import { type AppDeps, inTransaction, type Tx } from "./context.js";

export interface CaseDetail {
  case: ComplaintCase;
  journal: JournalEntry[];
  linkedReferences: Map<string, string>;
  /** the commands the case's state allows now */
  allowedCommands: CommandName[];
  /** the tasks of the case's procedure version, for their titles and whether they need a note */
  taskDefinitions: TaskDefinition[];
  /** the categories of the case's procedure version, for their names */
  categories: Category[];
  /** what the reply may record under the case's procedure version */
  replyOptions: { allowInformalResolution: boolean; rootCauses: string[] };
}

export function getCase(deps: AppDeps, actor: Actor, id: string): Promise<CaseDetail> {
  return inTransaction(deps, async (tx) => {
    const view = await loadCaseFor(tx, actor, id);
    return detailOf(deps, tx, view.case);
  });
}

/** The detail of a case already read and cleared for the reader, in the caller's transaction. */
export async function detailOf(deps: AppDeps, tx: Tx, c: ComplaintCase): Promise<CaseDetail> {
  const [journal, linkedReferences, procedure] = await Promise.all([
    journalOf(tx, c.id),
    referencesOf(
      tx,
      c.links.map((l) => l.caseId),
    ),
    // versions never change, so this is read once per database handle
    findProcedure(tx, c.procedureId, c.procedureVersion, deps.db.procedureCache),
  ]);
  return {
    case: c,
    journal,
    linkedReferences,
    allowedCommands: commandsAllowedIn(c.status),
    taskDefinitions: procedure?.definition.tasks ?? [],
    categories: procedure?.definition.categories ?? [],
    replyOptions: {
      allowInformalResolution: procedure?.definition.allowInformalResolution ?? false,
      rootCauses: procedure?.definition.rootCauses ?? [],
    },
  };
}
