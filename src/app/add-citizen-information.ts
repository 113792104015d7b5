/**
 * The complainant adds information or documents through the private tracking link: one journal
 * entry with the text and each file's name, type, size and SHA-256, and the files themselves, all
 * in one transaction. Files are checked by content first; a refused file stores nothing.
 */
import { findCaseByTrackingHash } from "../db/case.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { receiveInformation } from "../domain/citizen-information.js";
import { invalidInput, notFound } from "../domain/errors.js";
import { findCoordinator } from "../domain/routing.js";
import { storeChangedCase } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import { checkDocuments, storeDocuments, type UploadedFile } from "./incoming-documents.js";
import { hashSecret } from "./secrets.js";

export async function addCitizenInformation(
  deps: AppDeps,
  trackingToken: string,
  input: { text: string; attachments: readonly UploadedFile[] },
): Promise<void> {
  const text = input.text.trim();
  if (text.length > 20_000) throw invalidInput([{ path: "text", message: "At most 20,000 characters." }]);
  const documents = await checkDocuments(input.attachments);
  if (!text && documents.length === 0) {
    throw invalidInput([{ path: "text", message: "Write something or attach a file." }]);
  }
  await inTransaction(deps, async (tx) => {
    const before = await findCaseByTrackingHash(tx, hashSecret(trackingToken));
    if (!before) throw notFound("No complaint with this tracking link");
    const directory = await loadDirectory(tx, before.organisationId);
    if (!directory) throw notFound("The complaint's organisation");
    const now = nowIso(deps);
    const { case: after, effects } = receiveInformation(
      before,
      { text, documents, fallbackCoordinatorId: findCoordinator(before.unitId, directory)?.id ?? null },
      now,
    );
    const author = { id: null, name: "complainant (tracking page)" };
    const [entry] = await storeChangedCase(
      deps,
      tx,
      directory.organisation,
      before,
      after,
      effects,
      author,
      now,
    );
    if (entry && documents.length) await storeDocuments(deps, tx, before.id, entry.seq, documents, now);
  });
}
