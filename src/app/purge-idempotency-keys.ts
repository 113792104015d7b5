/** Idempotency keys replay a submission for 24 hours (API.md); older ones are deleted. */

import { Temporal } from "temporal-polyfill";
import { deleteIdempotentBefore } from "../db/outbox.repository.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";

export function purgeIdempotencyKeys(deps: AppDeps): Promise<void> {
  const cutoff = Temporal.Instant.from(nowIso(deps))
    .subtract({ hours: 24 })
    .toString({ smallestUnit: "millisecond" });
  return inTransaction(deps, async (tx) => {
    await deleteIdempotentBefore(tx, cutoff);
  });
}
