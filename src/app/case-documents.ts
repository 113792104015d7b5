/** A case's documents for a person who may see the case (the same check as the case itself). */
import { type DocumentRecord, documentContent, documentsOf } from "../db/document.repository.js";
import { notFound } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { loadCaseFor } from "./case-access.js";
import { type AppDeps, inTransaction } from "./context.js";

export type { DocumentRecord };

export function listCaseDocuments(deps: AppDeps, actor: Actor, caseId: string): Promise<DocumentRecord[]> {
  return inTransaction(deps, async (tx) => {
    await loadCaseFor(tx, actor, caseId);
    return documentsOf(tx, caseId);
  });
}

export function readCaseDocument(deps: AppDeps, actor: Actor, caseId: string, documentId: string) {
  return inTransaction(deps, async (tx) => {
    await loadCaseFor(tx, actor, caseId);
    const doc = await documentContent(tx, caseId, documentId);
    if (!doc) throw notFound("The document");
    return doc;
  });
}
