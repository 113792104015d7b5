/** Public intake (web form, API): a new case, with Idempotency-Key replay. */
import { createHash } from "node:crypto";
import { isUniqueViolation } from "../db/dialect.js";
import { findIdempotent, saveIdempotent } from "../db/outbox.repository.js";
import { KlaraError } from "../domain/errors.js";
import { type AppDeps, inTransaction } from "./context.js";
import { createCase } from "./create-case.js";
import { presentSubmission, type SubmissionReceipt } from "./receipts.js";
import type { SubmitComplaintBody } from "./schemas.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function submitComplaint(
  deps: AppDeps,
  body: SubmitComplaintBody,
  options: { idempotencyKey?: string; channel?: "web" | "api" } = {},
): Promise<{ status: number; receipt: SubmissionReceipt; replayed: boolean }> {
  const key = options.idempotencyKey;
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
