/**
 * The fold of case writes into the statistics rollups (decision 0024, item 8), on each database: a
 * case write leaves its facts row pending and touches no rollup row; figures count pending writes;
 * a fold (alone, beside concurrent intakes, or from the jobs' timer) leaves nothing pending and
 * rollups equal to a rebuild from the cases.
 */

import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { foldPendingStats } from "../../src/app/fold-stats.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { StatsQuery } from "../../src/app/schemas.js";
import { getStatistics, getStatisticsFromCases } from "../../src/app/statistics.js";
import { rebuildStaleStats, rebuildStats } from "../../src/app/stats-rollup.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { markStatsStale } from "../../src/db/migrations/2026-12-01T30-stats-stale.js";
import { rebuildStatsIfStale } from "../../src/db/stats-rebuild.repository.js";
import { allRollupRows, clearStats, pendingFacts } from "../../src/db/stats-rollup.repository.js";
import { rollupKeyId } from "../../src/domain/statistics-rollup.js";
import { startJobs } from "../../src/jobs/runner.js";
import { seedOrganisation } from "../support/fixtures.js";
import { schoolComplaint, useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("statistics fold (%s)", (dialect) => {
  const seeded = useSeededDb(dialect, { country: "DK" });
  const pending = async () => (await pendingFacts(seeded.t.db.kysely, {})).length;
  const rollupState = async (organisationId = seeded.org.organisation.id) =>
    new Map(
      (await allRollupRows(seeded.t.db.kysely, organisationId)).map((r) => [rollupKeyId(r.key), r.tally]),
    );
  const byOutcome = StatsQuery.parse({ from: "2026-01-01", to: "2026-12-31", groupBy: "outcome,unit" });
  const figures = () => getStatistics(seeded.deps, seeded.org.actors.admin, byOutcome);
  const countOf = async (key: string[]) =>
    (await figures()).groups.find((g) => JSON.stringify(g.key) === JSON.stringify(key))?.count;
  const counted = async () => (await figures()).groups.reduce((n, g) => n + g.count, 0);

  it("a case write leaves its facts pending and no rollup row; figures count it; a fold moves it whole", async () => {
    const before = await rollupState();
    const ids: string[] = [];
    for (const unit of ["SKOLE-A", "SKOLE-B", "SKOLE-A"]) {
      ids.push((await submitComplaint(seeded.deps, schoolComplaint({ unit }))).receipt.id);
    }
    const [first] = ids as [string];
    await runCaseCommand(seeded.deps, seeded.org.actors.receiver, first, "withdraw", { reason: "Trukket" });
    expect(await pending()).toBe(3);
    expect(await rollupState()).toEqual(before);
    const unfolded = await figures();
    expect(unfolded).toEqual(await getStatisticsFromCases(seeded.deps, seeded.org.actors.admin, byOutcome));
    expect(await countOf(["withdrawn", "SKOLE-A"])).toBe(1);

    expect(await foldPendingStats(seeded.deps)).toBe(3);
    expect(await pending()).toBe(0);
    expect(await figures()).toEqual(unfolded);
    const folded = await rollupState();
    expect(folded).not.toEqual(before);

    // a change to a folded case: pending again, and the rollups still hold the folded facts
    await runCaseCommand(seeded.deps, seeded.org.actors.receiver, ids[1] ?? "", "withdraw", {
      reason: "Trukket",
    });
    expect(await pending()).toBe(1);
    expect(await rollupState()).toEqual(folded);
    expect(await countOf(["withdrawn", "SKOLE-B"])).toBe(1);
    expect(await figures()).toEqual(
      await getStatisticsFromCases(seeded.deps, seeded.org.actors.admin, byOutcome),
    );
    await foldPendingStats(seeded.deps, { batch: 1 });
    const kept = await rollupState();
    await rebuildStats(seeded.deps, seeded.org.organisation.id);
    expect(await rollupState()).toEqual(kept);
  });

  it("intakes and folds at the same time lose nothing and count nothing twice", async () => {
    const start = await counted();
    const intakes = Array.from({ length: 24 }, (_, i) =>
      submitComplaint(seeded.deps, schoolComplaint({ unit: i % 2 ? "SKOLE-A" : "SKOLE-B" })),
    );
    // small batches, so that folds run between and beside the intakes' transactions
    const folds = Array.from({ length: 6 }, () => foldPendingStats(seeded.deps, { batch: 3 }));
    const reads = Array.from({ length: 3 }, () => counted());
    await Promise.all([...intakes, ...folds, ...reads]);
    // every figure read during the run counted whole cases: between the start and all of them
    for (const n of await Promise.all(reads)) expect(n).toBeGreaterThanOrEqual(start);
    expect(await counted()).toBe(start + 24);
    await foldPendingStats(seeded.deps);
    expect(await pending()).toBe(0);
    expect(await counted()).toBe(start + 24);
    const kept = await rollupState();
    await rebuildStats(seeded.deps, seeded.org.organisation.id);
    expect(await rollupState()).toEqual(kept);
  });

  it("after a migration marks them stale, every organisation's statistics are rebuilt, pending ones too", async () => {
    const other = await seedOrganisation(seeded.deps, { country: "DK", procedureIdSuffix: "-2" });
    await submitComplaint(seeded.deps, schoolComplaint({ procedure: "dk-school-2" }));
    await submitComplaint(seeded.deps, schoolComplaint());
    await foldPendingStats(seeded.deps);
    const kept = [await rollupState(), await rollupState(other.organisation.id)];
    expect(kept[1]?.size).toBeGreaterThan(0);
    // one write left pending: the rebuild takes it from its case
    await submitComplaint(seeded.deps, schoolComplaint({ procedure: "dk-school-2" }));
    const withPending = await rollupState(other.organisation.id);
    await markStatsStale(seeded.t.db.kysely as unknown as Kysely<unknown>, "test");
    expect(await rebuildStatsIfStale(seeded.t.db)).toBe(true);
    expect(await pending()).toBe(0);
    expect(await rollupState()).toEqual(kept[0]);
    const rebuilt = await rollupState(other.organisation.id);
    expect(rebuilt).not.toEqual(withPending);
    await submitComplaint(seeded.deps, schoolComplaint());
    await foldPendingStats(seeded.deps);
    await rebuildStats(seeded.deps, other.organisation.id);
    expect(await rollupState(other.organisation.id)).toEqual(rebuilt);
  });

  it("while a migration's mark says the statistics are stale, figures come from the cases and the fold waits", async () => {
    await submitComplaint(seeded.deps, schoolComplaint({ unit: "SKOLE-A" }));
    await submitComplaint(seeded.deps, schoolComplaint({ unit: "SKOLE-B" }));
    await foldPendingStats(seeded.deps);
    const kept = await rollupState();
    const all = await counted();
    expect(all).toBeGreaterThanOrEqual(2);
    // rollups a migration left in an older layout: here, none at all
    await clearStats(seeded.t.db.kysely, seeded.org.organisation.id);
    expect(await counted()).toBe(0);
    await markStatsStale(seeded.t.db.kysely as unknown as Kysely<unknown>, "test");
    expect(await counted()).toBe(all);
    expect(await figures()).toEqual(
      await getStatisticsFromCases(seeded.deps, seeded.org.actors.admin, byOutcome),
    );
    // a case write meanwhile is counted, and stays pending until the rebuild has written its month
    await submitComplaint(seeded.deps, schoolComplaint({ unit: "SKOLE-A" }));
    expect(await counted()).toBe(all + 1);
    expect(await foldPendingStats(seeded.deps)).toBe(0);
    expect(await pending()).toBe(1);

    expect(await rebuildStaleStats(seeded.deps)).toBe(true);
    expect(await rebuildStaleStats(seeded.deps)).toBe(false);
    await foldPendingStats(seeded.deps);
    expect(await pending()).toBe(0);
    expect(await counted()).toBe(all + 1);
    expect(await figures()).toEqual(
      await getStatisticsFromCases(seeded.deps, seeded.org.actors.admin, byOutcome),
    );
    expect(await rollupState()).not.toEqual(kept);
    await rebuildStats(seeded.deps, seeded.org.organisation.id);
    expect(await counted()).toBe(all + 1);
  });

  it("the jobs of `klara serve` rebuild stale statistics beside the other jobs, and log it", async () => {
    await submitComplaint(seeded.deps, schoolComplaint());
    await rebuildStats(seeded.deps, seeded.org.organisation.id);
    const kept = await rollupState();
    await clearStats(seeded.t.db.kysely, seeded.org.organisation.id);
    await markStatsStale(seeded.t.db.kysely as unknown as Kysely<unknown>, "test");
    const messages: string[] = [];
    const log = {
      info: (_: object, m: string) => void messages.push(m),
      error: (_: object, m: string) => void messages.push(m),
    };
    const jobs = startJobs(seeded.deps, { intervalMs: 3_600_000, rebuildStaleStats: true, log });
    try {
      await expect
        .poll(() => messages.includes("statistics rebuilt after an upgrade"), { timeout: 20_000 })
        .toBe(true);
    } finally {
      await jobs.stop();
    }
    expect(messages).toContain("statistics rebuild after an upgrade started");
    expect(await rollupState()).toEqual(kept);
    expect(await rebuildStaleStats(seeded.deps)).toBe(false);
  });

  it("the jobs fold pending case writes on their own short interval", async () => {
    await submitComplaint(seeded.deps, schoolComplaint());
    expect(await pending()).toBe(1);
    const jobs = startJobs(seeded.deps, { intervalMs: 3_600_000, statsFoldMs: 20 });
    try {
      const until = Date.now() + 10_000;
      while ((await pending()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(await pending()).toBe(0);
    } finally {
      await jobs.stop();
    }
  });
});
