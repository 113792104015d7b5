/**
 * The statistics rebuild, a month per transaction (db/stats-rebuild.repository.ts), on each
 * database: a stopped rebuild resumes after its last month done and leaves the months before it as
 * they are; case writes and folds between its months are counted once; a stale mark from a later
 * migration starts a rebuild under way again.
 */

import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { foldPendingStats } from "../../src/app/fold-stats.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { StatsQuery } from "../../src/app/schemas.js";
import { getStatistics, getStatisticsFromCases } from "../../src/app/statistics.js";
import { rebuildStats } from "../../src/app/stats-rollup.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { markStatsStale } from "../../src/db/migrations/2026-12-01T30-stats-stale.js";
import {
  rebuildOrganisationStats,
  rebuildStatsIfStale,
  statsStale,
} from "../../src/db/stats-rebuild.repository.js";
import {
  allRollupRows,
  clearStats,
  pendingFacts,
  statsTables,
} from "../../src/db/stats-rollup.repository.js";
import { rollupKeyId } from "../../src/domain/statistics-rollup.js";
import { seedOrganisation } from "../support/fixtures.js";
import { markRebuildStopped } from "../support/rebuild-progress.js";
import { schoolComplaint, useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const MONTHS = ["2026-02", "2026-03", "2026-05"];

describe.each(DIALECTS)("statistics rebuild, a month at a time (%s)", (dialect) => {
  const seeded = useSeededDb(dialect, { country: "DK" });
  const orgId = () => seeded.org.organisation.id;
  const rollupState = async (organisationId = orgId()) =>
    new Map(
      (await allRollupRows(seeded.t.db.kysely, organisationId)).map((r) => [rollupKeyId(r.key), r.tally]),
    );
  const progressKeys = async () =>
    (
      await seeded.t.db.kysely
        .selectFrom("installation")
        .select("key")
        .where("key", "like", "stats_rebuild%")
        .execute()
    ).map((r) => r.key);
  /** A mark on rollup rows a rebuild must leave as they are (`n` = 999), and the counts found. */
  const MARK = 999;
  const markRows = (organisationId: string, month?: string) =>
    statsTables(seeded.t.db.kysely)
      .updateTable("stats_rollup")
      .set({ n: MARK })
      .where("organisation_id", "=", organisationId)
      .$if(month !== undefined, (q) => q.where("month", "=", month ?? ""))
      .execute();
  const countsOf = async (organisationId: string, month?: string) => {
    const rows = await statsTables(seeded.t.db.kysely)
      .selectFrom("stats_rollup")
      .select("n")
      .where("organisation_id", "=", organisationId)
      .$if(month !== undefined, (q) => q.where("month", "=", month ?? ""))
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    return new Set(rows.map((r) => Number(r.n)));
  };
  const year = StatsQuery.parse({ from: "2026-01-01", to: "2026-12-31", groupBy: "type,outcome" });
  const admin = () => seeded.org.actors.admin;

  /** Cases in three months, folded and rebuilt: the rollups as a whole rebuild leaves them. */
  const threeMonths = async () => {
    for (const month of MONTHS) {
      seeded.deps.clock.set(`${month}-10T09:00:00Z`);
      for (const unit of ["SKOLE-A", "SKOLE-B"])
        await submitComplaint(seeded.deps, schoolComplaint({ unit }));
    }
    await rebuildStats(seeded.deps, orgId());
    return rollupState();
  };

  it("a stopped rebuild resumes after its last month done and leaves the months before as they are", async () => {
    const whole = await threeMonths();
    const tables = statsTables(seeded.t.db.kysely);
    // as if stopped after February: March's and May's rows not yet written, February's kept
    await tables
      .deleteFrom("stats_rollup")
      .where("organisation_id", "=", orgId())
      .where("month", ">=", "2026-03")
      .execute();
    // a mark on February's monthly rows: the resumed rebuild must not write February again
    await markRows(orgId(), "2026-02");
    await markRebuildStopped(seeded.t.db, orgId(), "2026-02");

    const [done] = await rebuildStats(seeded.deps, orgId());
    expect(done).toMatchObject({ resumedAfter: "2026-02", cases: 4 });
    expect(await progressKeys()).toEqual([]);
    expect(await countsOf(orgId(), "2026-02")).toEqual(new Set([MARK]));
    expect([...(await rollupState()).keys()].sort()).toEqual([...whole.keys()].sort());

    // without a rebuild under way, everything is written again
    const [again] = await rebuildStats(seeded.deps, orgId());
    expect(again?.resumedAfter).toBeNull();
    expect(await rollupState()).toEqual(whole);
  });

  it("case writes and folds between a rebuild's months are counted once", async () => {
    // a rebuild that has begun (the organisation's rows deleted) and stopped before its first month
    await clearStats(seeded.t.db.kysely, orgId());
    await markRebuildStopped(seeded.t.db, orgId(), "");
    // meanwhile: an intake folded into the rollups, and one left pending, both in May
    seeded.deps.clock.set("2026-05-20T09:00:00Z");
    await submitComplaint(seeded.deps, schoolComplaint());
    await foldPendingStats(seeded.deps);
    await submitComplaint(seeded.deps, schoolComplaint({ unit: "SKOLE-B" }));

    const [done] = await rebuildStats(seeded.deps, orgId());
    expect(done?.resumedAfter).toBe("");
    expect((await pendingFacts(seeded.t.db.kysely, {})).length).toBe(0);
    const resumed = await rollupState();
    expect(await getStatistics(seeded.deps, admin(), year)).toEqual(
      await getStatisticsFromCases(seeded.deps, admin(), year),
    );
    await rebuildStats(seeded.deps, orgId());
    expect(await rollupState()).toEqual(resumed);
  });

  it("cases written after their month was built and before it was written are counted once, pending until folded", async () => {
    const ids: string[] = [];
    for (const month of MONTHS) {
      seeded.deps.clock.set(`${month}-10T09:00:00Z`);
      ids.push((await submitComplaint(seeded.deps, schoolComplaint())).receipt.id);
    }
    await rebuildStats(seeded.deps, orgId());
    const months: string[] = [];
    const done = await rebuildOrganisationStats(seeded.t.db, seeded.org.organisation, {
      beforeWrite: async (month) => {
        months.push(month);
        if (month !== "2026-03") return;
        // March's case withdrawn and a new March case, after March was built from its snapshot
        await runCaseCommand(seeded.deps, seeded.org.actors.receiver, ids[1] ?? "", "withdraw", {
          reason: "Trukket",
        });
        seeded.deps.clock.set("2026-03-11T09:00:00Z");
        await submitComplaint(seeded.deps, schoolComplaint({ unit: "SKOLE-B" }));
      },
    });
    expect(months).toEqual(["2026-02", "2026-03", "2026-04", "2026-05"]);
    const all = await seeded.t.db.kysely
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organisation_id", "=", orgId())
      .executeTakeFirstOrThrow();
    // counted as written: the new March case too
    expect(done?.cases).toBe(Number(all.n));
    // the two written cases wait for the fold, with what the rebuilt rollups hold for them
    const pending = await pendingFacts(seeded.t.db.kysely, {});
    expect(pending).toHaveLength(2);
    expect(pending.find((p) => p.caseId === ids[1])?.rolled?.outcome).toBeNull();
    expect(pending.find((p) => p.caseId === ids[1])?.facts.outcome).toBe("withdrawn");
    expect(pending.filter((p) => p.rolled === null)).toHaveLength(1);
    const cases = await getStatisticsFromCases(seeded.deps, admin(), year);
    expect(await getStatistics(seeded.deps, admin(), year)).toEqual(cases);
    await foldPendingStats(seeded.deps);
    expect(await getStatistics(seeded.deps, admin(), year)).toEqual(cases);
    const folded = await rollupState();
    await rebuildStats(seeded.deps, orgId());
    expect(await rollupState()).toEqual(folded);
  });

  it("a case gone between its month's building and its writing is not counted (the month built again)", async () => {
    seeded.deps.clock.set("2026-05-10T09:00:00Z");
    const gone = (await submitComplaint(seeded.deps, schoolComplaint())).receipt.id;
    await submitComplaint(seeded.deps, schoolComplaint({ unit: "SKOLE-B" }));
    await rebuildStats(seeded.deps, orgId());
    const before = await getStatisticsFromCases(seeded.deps, admin(), year);
    await rebuildOrganisationStats(seeded.t.db, seeded.org.organisation, {
      // no command deletes a case yet (retention will): its rows go with it
      beforeWrite: async (month) => {
        if (month === "2026-05")
          await seeded.t.db.kysely.deleteFrom("cases").where("id", "=", gone).execute();
      },
    });
    const after = await getStatisticsFromCases(seeded.deps, admin(), year);
    expect(after.total).toBe(before.total - 1);
    expect(await getStatistics(seeded.deps, admin(), year)).toEqual(after);
    const facts = await statsTables(seeded.t.db.kysely)
      .selectFrom("stats_facts")
      .select("case_id")
      .where("case_id", "=", gone)
      .execute();
    expect(facts).toEqual([]);
    expect(await pendingFacts(seeded.t.db.kysely, {})).toEqual([]);
  });

  it("a stopped rebuild after a migration skips the organisations done and resumes the one under way", async () => {
    const other = await seedOrganisation(seeded.deps, { country: "DK", procedureIdSuffix: "-2" });
    seeded.deps.clock.set("2026-06-10T09:00:00Z");
    await submitComplaint(seeded.deps, schoolComplaint({ procedure: "dk-school-2" }));
    await rebuildStats(seeded.deps);
    const whole = new Map([
      [orgId(), await rollupState()],
      [other.organisation.id, await rollupState(other.organisation.id)],
    ]);
    // organisations are rebuilt in the order of their ids: the first done, the second stopped
    const [first, second] = [orgId(), other.organisation.id].sort() as [string, string];
    const tables = statsTables(seeded.t.db.kysely);
    await markRows(first);
    await tables.deleteFrom("stats_rollup").where("organisation_id", "=", second).execute();
    await tables.deleteFrom("stats_facts").where("organisation_id", "=", second).execute();
    await markStatsStale(seeded.t.db.kysely as unknown as Kysely<unknown>, "stopped layout");
    await markRebuildStopped(seeded.t.db, first, "done", "stopped layout");
    await markRebuildStopped(seeded.t.db, second, "");

    expect(await rebuildStatsIfStale(seeded.t.db)).toBe(true);
    expect(await countsOf(first)).toEqual(new Set([MARK]));
    expect((await rollupState(second)).size).toBeGreaterThan(0);
    expect(await rollupState(second)).toEqual(whole.get(second));
    expect(await progressKeys()).toEqual([]);
    // the next rebuild of every organisation writes the first again
    await rebuildStats(seeded.deps);
    expect(await countsOf(first)).not.toEqual(new Set([MARK]));
  });

  it("a stale mark from a later migration starts a rebuild under way again", async () => {
    const whole = await rollupState();
    await markRows(orgId());
    await markRebuildStopped(seeded.t.db, orgId(), "2026-12");
    await markStatsStale(seeded.t.db.kysely as unknown as Kysely<unknown>, "a later layout");
    expect(await rebuildStatsIfStale(seeded.t.db)).toBe(true);
    // every month written again, although the stopped rebuild had done them all
    expect((await countsOf(orgId())).has(MARK)).toBe(false);
    expect(await rollupState()).toEqual(whole);
    expect(await progressKeys()).toEqual([]);
  });
  it("a rebuild stopped by its signal stops before its next month's writing, and the next run resumes", async () => {
    const whole = await threeMonths();
    await markStatsStale(seeded.t.db.kysely as unknown as Kysely<unknown>, "signal");
    const stop = new AbortController();
    const written: string[] = [];
    const stopped = rebuildStatsIfStale(seeded.t.db, {
      signal: stop.signal,
      beforeWrite: async (month) => {
        written.push(month);
        // stopped while February is being written: February is done, March is not
        if (month === "2026-02") stop.abort();
      },
    });
    await expect(stopped).rejects.toThrow(/abort/i);
    // (an organisation of an earlier test may come first)
    expect(written.at(-1)).toBe("2026-02");
    expect(written).not.toContain("2026-03");
    expect(await statsStale(seeded.t.db.kysely)).toBe(true);
    expect(
      await seeded.t.db.kysely
        .selectFrom("installation")
        .select("value")
        .where("key", "=", `stats_rebuild:${orgId()}`)
        .executeTakeFirst(),
    ).toEqual({ value: "2026-02" });

    written.length = 0;
    expect(await rebuildStatsIfStale(seeded.t.db, { beforeWrite: async (m) => void written.push(m) })).toBe(
      true,
    );
    expect(written[0]).toBe("2026-03");
    expect(written).toContain("2026-05");
    expect(await statsStale(seeded.t.db.kysely)).toBe(false);
    expect(await rollupState()).toEqual(whole);
    expect(await progressKeys()).toEqual([]);
  });
});
