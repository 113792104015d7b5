/**
 * A member of staff attaches documents to a case (issue 8 point 5; before, only citizens could):
 * the same checks by content, size and number as the citizen's upload, then one journal entry
 * (who, an optional note, each file's name, type, size and SHA-256) and the files under it, in one
 * transaction. Whoever may see the case may attach to it (the case policy via loadCaseFor).
 */
import { documentJournalLine } from "../domain/documents.js";
import { invalidInput } from "../domain/errors.js";
import { titled } from "../domain/journal-events.js";
import type { Actor } from "./actor.js";
import { loadCaseFor } from "./case-access.js";
import { writeEffects } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import { checkDocuments, storeDocuments, type UploadedFile } from "./incoming-documents.js";

export interface StaffDocumentsInput {
  note?: string;
  files: readonly UploadedFile[];
}

export async function attachStaffDocuments(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  input: StaffDocumentsInput,
): Promise<{ journalSeq: number; documents: number }> {
  const note = (input.note ?? "").trim();
  if (note.length > 2000) throw invalidInput([{ path: "note", message: "At most 2,000 characters." }]);
  const documents = await checkDocuments(input.files, "files");
  if (documents.length === 0) throw invalidInput([{ path: "files", message: "Choose at least one file." }]);
  return inTransaction(deps, async (tx) => {
    const view = await loadCaseFor(tx, actor, caseId, deps.db.procedureCache);
    const at = nowIso(deps);
    const entry = {
      kind: "document_in",
      ...titled("documents_attached", { by: actor.name }),
      body: [note, ...documents.map(documentJournalLine)].filter(Boolean).join("\n"),
    };
    const effects = { journal: [entry], letters: [], notifications: [] };
    const [written] = await writeEffects(
      deps,
      tx,
      view.organisation,
      view.case,
      effects,
      { id: actor.personId, name: actor.name },
      at,
    );
    if (!written) throw new Error("the journal entry was not written");
    await storeDocuments(deps, tx, view.case.id, written.seq, documents, at);
    return { journalSeq: written.seq, documents: documents.length };
  });
}
