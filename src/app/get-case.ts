/** A case as a person may see it, with its journal and the references of linked cases. */
import { journalOf, referencesOf } from "../db/case.repository.js";
import { findProcedure } from "../db/organisation.repository.js";
import { type ExpectedApproval, expectedApproval } from "../domain/approval.js";
import type { ComplaintCase } from "../domain/case.js";
import type { JournalEntry } from "../domain/journal.js";
import type { CommandName } from "../domain/lifecycle.js";
import type { Category, TaskDefinition } from "../domain/procedure.js";
import type { Actor } from "./actor.js";
import { type CaseInView, loadCaseFor } from "./case-access.js";
import { allowedCommandsFor } from "./command-permissions.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { commandContext } from "./run-case-command.js";

export interface CaseDetail {
  case: ComplaintCase;
  journal: JournalEntry[];
  linkedReferences: Map<string, string>;
  /** the commands this person can run on the case now (role or part, state, the procedure's rules) */
  allowedCommands: CommandName[];
  /** the approval stage the draft waits for and the people it names; null when none waits */
  expectedApproval: ExpectedApproval | null;
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
    return detailOf(deps, tx, view.case, { actor, view });
  });
}

/** The detail of a case already read and cleared for the reader, in the caller's transaction. */
export async function detailOf(
  deps: AppDeps,
  tx: Tx,
  c: ComplaintCase,
  reader: { actor: Actor; view: CaseInView },
): Promise<CaseDetail> {
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
    allowedCommands: procedure
      ? allowedCommandsFor(c, commandContext(reader.view, reader.actor, procedure.definition, nowIso(deps)))
      : [],
    expectedApproval: procedure ? expectedApproval(c, procedure.definition, reader.view.directory) : null,
    taskDefinitions: procedure?.definition.tasks ?? [],
    categories: procedure?.definition.categories ?? [],
    replyOptions: {
      allowInformalResolution: procedure?.definition.allowInformalResolution ?? false,
      rootCauses: procedure?.definition.rootCauses ?? [],
    },
  };
}
