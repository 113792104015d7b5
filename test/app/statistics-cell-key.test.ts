/**
 * The cell key method on each database (decision 0026, issue 9.5): an analyst who subtracts the
 * counts of February–December from those of the whole year no longer learns January's small
 * counts, while a manager still gets exact counts; the same set of cases always gets the same
 * count (repeated, re-phrased, as a baseline, from the rollups or from the cases), and exports
 * carry the analyst's numbers. Ids and the installation's secret are fixed so the noise is known.
 */
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { exportStatistics } from "../../src/app/exports.js";
import { StatsQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { getStatistics, getStatisticsFromCases } from "../../src/app/statistics.js";
import { rebuildStats } from "../../src/app/stats-rollup.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { cellKeys } from "../../src/db/migrations/2026-12-01T31-cell-keys.js";
import { rebuildStatsIfStale } from "../../src/db/stats-rebuild.repository.js";
import { clearStats } from "../../src/db/stats-rollup.repository.js";
import { perturbedCount, recordKeyOf } from "../../src/domain/statistics-perturbation.js";
import { type SeededOrganisation, seedOrganisation, testDeps } from "../support/fixtures.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

const SECRET = "cell-key-test-secret";

function complaint(category: string): SubmitComplaintBody {
  return {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning",
    description: "Min søn bliver mobbet.",
    category,
  };
}

/** Cases received per category: January's are few (1–4), the rest of the year's are not. */
const JANUARY = { school_conduct: 3, administration_conduct: 2 } as const;
const LATER = { school_conduct: 9, administration_conduct: 8 } as const;
type Category = keyof typeof JANUARY;
const CATEGORIES = Object.keys(JANUARY) as Category[];

describe.each(DIALECTS)("the cell key method (%s)", (dialect) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let org: SeededOrganisation;
  const caseIds: Record<Category, { january: string[]; later: string[] }> = {
    school_conduct: { january: [], later: [] },
    administration_conduct: { january: [], later: [] },
  };

  const query = (from: string, to: string, more: Record<string, string> = {}) =>
    StatsQuery.parse({ from, to, groupBy: "category", ...more });
  const counts = async (actor: Actor, from: string, to: string) => {
    const s = await getStatistics(deps, actor, query(from, to));
    return Object.fromEntries(s.groups.map((g) => [g.key, g.count])) as Record<string, number>;
  };
  const keySum = (ids: readonly string[]) => ids.reduce((s, id) => s + recordKeyOf(SECRET, id), 0);

  beforeAll(async () => {
    t = await openTestDb(dialect);
    let n = 0;
    deps = {
      ...testDeps(t.db),
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    };
    // a known secret in place of the one migrating made (and the handle keeps in memory)
    await t.db.kysely
      .updateTable("installation")
      .set({ value: SECRET })
      .where("key", "=", "statistics_cell_key_secret")
      .execute();
    t.db.cellKeySecret = SECRET;
    org = await seedOrganisation(deps, { country: "DK" });
    for (const category of CATEGORIES) {
      for (let i = 0; i < JANUARY[category]; i++) {
        deps.clock.set(`2026-01-${String(12 + i).padStart(2, "0")}T09:00:00.000Z`);
        caseIds[category].january.push((await submitComplaint(deps, complaint(category))).receipt.id);
      }
      for (let i = 0; i < LATER[category]; i++) {
        deps.clock.set(`2026-${String(2 + i).padStart(2, "0")}-10T09:00:00.000Z`);
        caseIds[category].later.push((await submitComplaint(deps, complaint(category))).receipt.id);
      }
    }
    deps.clock.set("2027-01-15T09:00:00.000Z");
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("a manager's counts are exact: the year minus February–December is January", async () => {
    const { director } = org.actors;
    const year = await counts(director, "2026-01-01", "2026-12-31");
    const rest = await counts(director, "2026-02-01", "2026-12-31");
    for (const c of CATEGORIES) expect((year[c] ?? 0) - (rest[c] ?? 0)).toBe(JANUARY[c]);
  });

  it("an analyst's counts are perturbed by their cases' keys: the difference is not January's count", async () => {
    const { analyst } = org.actors;
    const year = await counts(analyst, "2026-01-01", "2026-12-31");
    const rest = await counts(analyst, "2026-02-01", "2026-12-31");
    for (const c of CATEGORIES) {
      const { january, later } = caseIds[c];
      expect(year[c]).toBe(perturbedCount(january.length + later.length, keySum([...january, ...later])));
      expect(rest[c]).toBe(perturbedCount(later.length, keySum(later)));
    }
    // on the old code (exact counts) both differences were January's counts
    const differences = CATEGORIES.map((c) => (year[c] ?? 0) - (rest[c] ?? 0));
    expect(differences).not.toEqual(CATEGORIES.map((c) => JANUARY[c]));
    // every reply is past due (today is 15 January 2027): "missed" holds the cell's cases, so its noise is the cell's
    const groups = (await getStatistics(deps, analyst, query("2026-02-01", "2026-12-31"))).groups;
    for (const g of groups) expect(g.replyCompliance.missed).toBe(g.count);
    const all = CATEGORIES.flatMap((c) => [...caseIds[c].january, ...caseIds[c].later]);
    const whole = await getStatistics(deps, analyst, query("2026-01-01", "2026-12-31"));
    expect(whole.total).toBe(perturbedCount(all.length, keySum(all)));
  });

  it("the same cases get the same counts: repeated, re-phrased, as a baseline, from the rollups or the cases", async () => {
    const { analyst } = org.actors;
    const year = await getStatistics(deps, analyst, query("2026-01-01", "2026-12-31"));
    expect(await getStatistics(deps, analyst, query("2026-01-01", "2026-12-31"))).toEqual(year);
    // a wider period holding the same cases (edges by day, not whole months) tells nothing new
    const wider = await getStatistics(deps, analyst, query("2025-12-20", "2027-01-05"));
    expect(wider.groups.map((g) => [g.key, g.count])).toEqual(year.groups.map((g) => [g.key, g.count]));
    // as a baseline the year has the counts it has as a period
    const withBaseline = await getStatistics(
      deps,
      analyst,
      query("2026-02-01", "2026-12-31", { baselineFrom: "2026-01-01", baselineTo: "2026-12-31" }),
    );
    expect(withBaseline.groups.map((g) => [g.key, g.baseline?.count])).toEqual(
      year.groups.map((g) => [g.key, g.count]),
    );
    for (const q of [
      query("2026-01-01", "2026-12-31"),
      query("2026-01-15", "2026-11-20"),
      query("2026-02-01", "2026-12-31", { baselineFrom: "2026-01-01", baselineTo: "2026-12-31" }),
      StatsQuery.parse({ from: "2026-01-01", to: "2026-12-31", groupBy: "category,month" }),
    ]) {
      expect(await getStatistics(deps, analyst, q)).toEqual(await getStatisticsFromCases(deps, analyst, q));
    }
    // a rebuild keeps the record keys' sums
    await rebuildStats(deps, org.organisation.id);
    expect(await getStatistics(deps, analyst, query("2026-01-01", "2026-12-31"))).toEqual(year);
  });

  it("an analyst's export carries the perturbed counts", async () => {
    const { analyst } = org.actors;
    const q = query("2026-02-01", "2026-12-31");
    const perturbed = CATEGORIES.map((c) => perturbedCount(LATER[c], keySum(caseIds[c].later)));
    // the data set tells the two apart: some count is not exact
    expect(perturbed).not.toEqual(CATEGORIES.map((c) => LATER[c]));
    const csv = String((await exportStatistics(deps, analyst, q, "csv")).body);
    const exported = CATEGORIES.map((c) =>
      Number(
        csv
          .split(/\r?\n/)
          .find((l) => l.startsWith(`${c},`))
          ?.split(",")[1],
      ),
    );
    expect(exported).toEqual(perturbed);
    const exact = String((await exportStatistics(deps, org.actors.director, q, "csv")).body);
    expect(
      exact
        .split(/\r?\n/)
        .find((l) => l.startsWith("school_conduct,"))
        ?.split(",")[1],
    ).toBe(String(LATER.school_conduct));
  });

  it("the migration rebuilds facts and rollups with their record keys", async () => {
    const { analyst } = org.actors;
    const year = await getStatistics(deps, analyst, query("2026-01-01", "2026-12-31"));
    await clearStats(t.db.kysely, org.organisation.id);
    await cellKeys.up(t.db.kysely as unknown as Kysely<unknown>);
    // the migration marks them stale; migrateToLatest rebuilds them right after
    expect(await rebuildStatsIfStale(t.db)).toBe(true);
    expect(await rebuildStatsIfStale(t.db)).toBe(false);
    expect(await getStatistics(deps, analyst, query("2026-01-01", "2026-12-31"))).toEqual(year);
  });
});
