/** Public intake (web form, API): a new case, with Idempotency-Key replay. */
import { createHash } from "node:crypto";
import { isUniqueViolation } from "../db/dialect.js";
import { findOrganisation } from "../db/organisation.repository.js";
import { findIdempotent, saveIdempotent } from "../db/outbox.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { attachmentsEntry } from "../domain/citizen-information.js";
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
import { presentSubmission, type SubmissionReceipt } from "./receipts.js";
import type { SubmitComplaintBody } from "./schemas.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function submitComplaint(
  deps: AppDeps,
  body: SubmitComplaintBody,
  options: { idempotencyKey?: string; channel?: "web" | "api"; attachments?: readonly UploadedFile[] } = {},
): Promise<{ status: number; receipt: SubmissionReceipt; replayed: boolean }> {
  const key = options.idempotencyKey;
  // checked by content before the transaction: a refused file stores nothing at all
  const documents = options.attachments?.length ? await checkDocuments(options.attachments) : [];
  const requestHash = createHash("sha256").update(JSON.stringify(body)).digest("hex");
  try {
    return await inTransaction(deps, async (tx) => {
      if (key) {
        const seen = await findIdempotent(tx, key);
        if (seen && Date.parse(seen.createdAt) > deps.clock.now().epochMilliseconds - DAY_MS) {
          if (seen.requestHash !== requestHash) {
            throw new KlaraError("conflict", "This Idempotency-Key was used with another body.");
          }
          return { status: seen.statusCode, receipt: seen.response as SubmissionReceipt, replayed: true };
        }
        if (seen) await tx.deleteFrom("idempotency_keys").where("key", "=", key).execute();
      }
      const created = await createCase(
        deps,
        tx,
        {
          ...body,
          channel: options.channel ?? "api",
          source: body.representative ? "representative" : "citizen",
        },
        null,
      );
      if (documents.length) await attachToNewCase(deps, tx, created.case, documents);
      const receipt = presentSubmission(created.case, created.trackingToken);
      if (key) await saveIdempotent(tx, key, requestHash, 201, receipt, created.case.createdAt);
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
) {
  const org = await findOrganisation(tx, c.organisationId);
  if (!org) throw new KlaraError("not_found", "The case's organisation was not found.");
  const effects = { journal: [attachmentsEntry(documents)], letters: [], notifications: [] };
  const [entry] = await writeEffects(
    deps,
    tx,
    org,
    c,
    effects,
    { id: null, name: "citizen (web form)" },
    c.createdAt,
  );
  if (entry) await storeDocuments(deps, tx, c.id, entry.seq, documents, c.createdAt);
}
