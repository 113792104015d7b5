/**
 * Folds the pending statistics facts rows into the rollup rows (decision 0024, item 8): per
 * organisation, what the rollups hold for each case is taken away and its facts added, summed over
 * the batch so that a hundred intakes of one month make one upsert per rollup row, not a hundred.
 * One transaction per batch: the rollup rows change and the rows stop being pending together, so a
 * figure (which reads both in one snapshot) never counts a case twice or not at all.
 */
import { statsStale } from "../db/stats-rebuild.repository.js";
import { addToRollup, markFolded, pendingFacts } from "../db/stats-rollup.repository.js";
import { RollupBuilder } from "../domain/statistics-rollup-builder.js";
import type { AppDeps } from "./context.js";

const BATCH = 1000;

/** Folds every pending row, a batch per transaction; the number of rows folded. */
export async function foldPendingStats(deps: AppDeps, options: { batch?: number } = {}): Promise<number> {
  const batch = options.batch ?? BATCH;
  const dialect = deps.db.dialect.name;
  // rollups of an older layout are rebuilt from the cases; pending rows wait for the rebuild's end
  if (await statsStale(deps.db.kysely)) return 0;
  let folded = 0;
  for (;;) {
    const n = await deps.db.transaction(async (tx) => {
      // PostgreSQL: rows a case write holds are left for the next fold instead of waited for
      const rows = await pendingFacts(tx, { limit: batch, lock: dialect === "postgres" });
      const builders = new Map<string, RollupBuilder>();
      for (const r of rows) {
        const builder = builders.get(r.organisationId) ?? new RollupBuilder();
        builders.set(r.organisationId, builder);
        if (r.rolled) builder.add(r.rolled, -1);
        builder.add(r.facts);
      }
      for (const [organisationId, builder] of builders) {
        const delta = builder.takeEncoded();
        if (delta.length) await addToRollup(tx, dialect, organisationId, delta);
      }
      await markFolded(
        tx,
        rows.map((r) => r.caseId),
      );
      return rows.length;
    });
    folded += n;
    if (n < batch) return folded;
  }
}
