/** Public intake (web form, API): a new case, with Idempotency-Key replay. */
import { createHash } from "node:crypto";
import { isUniqueViolation } from "../db/dialect.js";
import { findOrganisation } from "../db/organisation.repository.js";
import { findIdempotent, saveIdempotent } from "../db/outbox.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { JournalDraft } from "../domain/case-effects.js";
import { attachmentsEntry, powerOfAttorneyEntry } from "../domain/citizen-information.js";
import { KlaraError } from "../domain/errors.js";
import { writeEffects } from "./case-store.js";
import { type AppDeps, inTransaction, type Tx } from "./context.js";
import { createCase } from "./create-case.js";
import {
  type CheckedDocument,
  checkDocuments,
  storeDocuments,
  type UploadedFile,
} from "./incoming-documents.js";
import {
  presentSubmission,
  replayedReceipt,
  type SubmissionReceipt,
  scopedIdempotencyKey,
  storableReceipt,
} from "./receipts.js";
import type { SubmitComplaintBody } from "./schemas.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function submitComplaint(
  deps: AppDeps,
  body: SubmitComplaintBody,
  options: {
    idempotencyKey?: string;
    /** who sent the key (the client's address): a key replays only for the client that sent it */
    client?: string;
    channel?: "web" | "api";
    attachments?: readonly UploadedFile[];
    /** the representative's power of attorney, kept as its own document */
    powerOfAttorney?: UploadedFile;
  } = {},
): Promise<{ status: number; receipt: SubmissionReceipt; replayed: boolean }> {
  const key = options.idempotencyKey
    ? scopedIdempotencyKey(options.idempotencyKey, options.client ?? "")
    : undefined;
  const { keyring } = deps.db;
  // checked by content before the transaction: a refused file stores nothing at all
  const documents = options.attachments?.length ? await checkDocuments(options.attachments) : [];
  const powerOfAttorney = options.powerOfAttorney
    ? await checkDocuments([options.powerOfAttorney], "powerOfAttorney")
    : [];
  const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  try {
    return await inTransaction(deps, async (tx) => {
      if (key) {
        const seen = await findIdempotent(tx, key);
        if (seen && Date.parse(seen.createdAt) > deps.clock.now().epochMilliseconds - DAY_MS) {
          if (seen.requestHash !== requestHash) {
            throw new KlaraError("conflict", "This Idempotency-Key was used with another body.");
          }
          const receipt = replayedReceipt(seen.response as SubmissionReceipt, key, keyring);
          return { status: seen.statusCode, receipt, replayed: true };
        }
        if (seen) await tx.deleteFrom("idempotency_keys").where("key", "=", key).execute();
      }
      const created = await createCase(deps, tx, { ...body, channel: options.channel ?? "api" }, null);
      if (documents.length)
        await attachToNewCase(deps, tx, created.case, documents, attachmentsEntry(documents));
      if (powerOfAttorney.length) {
        await attachToNewCase(deps, tx, created.case, powerOfAttorney, powerOfAttorneyEntry(powerOfAttorney));
      }
      const receipt = presentSubmission(created.case, created.trackingToken);
      if (key) {
        const kept = storableReceipt(receipt, key, keyring);
        await saveIdempotent(tx, key, requestHash, 201, kept, created.case.createdAt);
      }
      return { status: 201, receipt, replayed: false };
    });
  } catch (error) {
    // Two requests with one key raced: the loser replays the winner's answer.
    if (key && isUniqueViolation(error)) return submitComplaint(deps, body, options);
    throw error;
  }
}

async function attachToNewCase(
  deps: AppDeps,
  tx: Tx,
  c: ComplaintCase,
  documents: readonly CheckedDocument[],
  entry: JournalDraft,
) {
  const org = await findOrganisation(tx, c.organisationId);
  if (!org) throw new KlaraError("not_found", "The case's organisation was not found.");
  const effects = { journal: [entry], letters: [], notifications: [] };
  const author = { id: null, name: "citizen (web form)" };
  const [written] = await writeEffects(deps, tx, org, c, effects, author, c.createdAt);
  if (written) await storeDocuments(deps, tx, c.id, written.seq, documents, c.createdAt);
}
