/**
 * `klara stats rebuild [--organisation ID]`: recomputes the statistics rollups from the cases, a
 * month per transaction (decision 0024; a stopped rebuild resumes), and says how many cases each
 * organisation holds. Needed only
 * after cases were written past Klara (a restore, a bulk load); case writes keep them otherwise.
 * `klara stats fold`: folds the pending case writes into the rollups now, as `klara serve` does
 * every two seconds (after many cases were written with the server stopped).
 */
import type { AppDeps } from "../app/context.js";
import { foldPendingStats } from "../app/fold-stats.js";
import { rebuildStats } from "../app/stats-rollup.js";
import { KlaraError } from "../domain/errors.js";

export async function statsRebuild(
  deps: AppDeps,
  io: { out(line: string): void },
  organisationId?: string,
): Promise<number> {
  const started = Date.now();
  const done = await rebuildStats(deps, organisationId);
  if (organisationId !== undefined && done.length === 0) {
    throw new KlaraError("not_found", `No organisation with id ${organisationId}.`);
  }
  for (const o of done)
    io.out(
      o.resumedAfter === null
        ? `Statistics of organisation ${o.organisationId} rebuilt from ${o.cases} cases.`
        : `Statistics of organisation ${o.organisationId}: a stopped rebuild resumed after ${o.resumedAfter || "its start"}, ${o.cases} cases.`,
    );
  io.out(`Rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

export async function statsFold(deps: AppDeps, io: { out(line: string): void }): Promise<number> {
  const folded = await foldPendingStats(deps);
  io.out(`Folded ${folded} pending case ${folded === 1 ? "write" : "writes"} into the statistics.`);
  return 0;
}
