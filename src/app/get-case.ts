/** A case as a person may see it, with its journal and its linked cases as the reader may see them. */
import { findCase, journalOf } from "../db/case.repository.js";
import { findProcedure } from "../db/organisation.repository.js";
import { outboxFor, type StoredLetter } from "../db/outbox.repository.js";
import { type ExpectedApproval, expectedApproval } from "../domain/approval.js";
import type { ComplaintCase } from "../domain/case.js";
import { factsOf, seesCase } from "../domain/case-policy.js";
import type { JournalEntry } from "../domain/journal.js";
import type { CommandName } from "../domain/lifecycle.js";
import type { Category, TaskDefinition } from "../domain/procedure.js";
import type { Actor } from "./actor.js";
import { type CaseInView, caseScopeFor, loadCaseFor } from "./case-access.js";
import { allowedCommandsFor } from "./command-permissions.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { type ExternalHandler, externalHandlersOf } from "./handler-link.js";
import { commandContext } from "./run-case-command.js";

export interface CaseDetail {
  case: ComplaintCase;
  journal: JournalEntry[];
  /** the references of the linked cases the reader may see */
  linkedReferences: Map<string, string>;
  /**
   * The links as the reader may see them: a linked case they may not see (a personnel case) is only
   * "a linked confidential case", without its id or reference (decision 0007).
   */
  links: LinkedCase[];
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
  /** the case's outgoing letters and how each went: e-mail (queued, sent, failed), for print, captured */
  letters: StoredLetter[];
  /** handlers without an account given the case by a personal link (decision 0017) */
  externalHandlers: ExternalHandler[];
}

export interface LinkedCase {
  caseId: string | null;
  reference: string | null;
  /** the lead's id when the cases are answered together; null when hidden or only related */
  leadCaseId: string | null;
  confidential: boolean;
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
  const [journal, linked, procedure, letters] = await Promise.all([
    journalOf(tx, c.id),
    Promise.all(c.links.map((l) => findCase(tx, l.caseId))),
    // versions never change, so this is read once per database handle
    findProcedure(tx, c.procedureId, c.procedureVersion, deps.db.procedureCache),
    outboxFor(tx, c.id),
  ]);
  const scope =
    reader.view.scope ??
    (await caseScopeFor(tx, reader.actor, reader.view.directory, deps.db.procedureCache));
  const visible = new Map<string, string>();
  for (const other of linked)
    if (other && seesCase(scope, factsOf(other))) visible.set(other.id, other.reference);
  const links = c.links.map((l): LinkedCase => {
    if (!visible.has(l.caseId))
      return { caseId: null, reference: null, leadCaseId: null, confidential: true };
    return {
      caseId: l.caseId,
      reference: visible.get(l.caseId) ?? null,
      leadCaseId: l.leadCaseId,
      confidential: false,
    };
  });
  return {
    case: c,
    journal,
    linkedReferences: visible,
    links,
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
    letters,
    externalHandlers: await externalHandlersOf(tx, c, nowIso(deps)),
  };
}
