/**
 * The statistics rollups (decision 0024) on each database: after any sequence of commands (and
 * sweeps, and refused commands rolled back) the facts rows each case's transaction left pending,
 * once folded, make rollups equal to a rebuild from the cases, and statistics from the rollups equal
 * statistics from the cases for any grouping, period (whole months and their edges), baseline and
 * viewer, before the fold (rollups plus pending rows) and after it.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { foldPendingStats } from "../../src/app/fold-stats.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { StatsQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { getStatistics, getStatisticsFromCases } from "../../src/app/statistics.js";
import { rebuildStats } from "../../src/app/stats-rollup.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { sweepDeadlines } from "../../src/app/sweep-deadlines.js";
import { run as klara } from "../../src/cli/main.js";
import { migrateTo, migrateToLatest } from "../../src/db/create-db.js";
import { allRollupRows } from "../../src/db/stats-rollup.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import { STATS_DIMENSIONS } from "../../src/domain/statistics.js";
import { ALL_PROCEDURES, rollupKeyId } from "../../src/domain/statistics-rollup.js";
import type { PersonKey } from "../support/fixtures.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

type Step =
  | { op: "submit"; unit: string; category: string }
  | { op: "command"; name: string; caseIndex: number; pick: number }
  | { op: "tick"; days: number }
  | { op: "sweep" };

const ROOT_CAUSES = ["communication", "case_handling", "guidance"];

/** Each command with who tries it (the first one allowed runs it) and a body. */
const COMMANDS: Record<string, { actors: PersonKey[]; body: (pick: number, today: string) => unknown }> = {
  acknowledge: { actors: ["receiver"], body: () => ({}) },
  assign: { actors: ["receiver"], body: () => ({}) },
  classify: {
    actors: ["receiver"],
    body: (pick) => ({ type: ["process", "decision"][pick % 2], category: "administration_conduct" }),
  },
  "notify-delay": {
    actors: ["leaderA", "leaderB"],
    body: (_pick, today) => ({
      reason: "Vi venter på en udtalelse",
      newDueDate: Temporal.PlainDate.from(today).add({ days: 45 }).toString(),
    }),
  },
  "submit-draft": { actors: ["leaderA", "leaderB"], body: () => ({ body: "Kære klager" }) },
  approve: { actors: ["approver"], body: () => ({}) },
  "send-reply": {
    actors: ["leaderA", "leaderB"],
    body: (pick) => ({
      outcome: ["upheld", "partly_upheld", "not_upheld"][pick % 3],
      rootCauses: ROOT_CAUSES.filter((_, i) => (pick >> i) & 1),
    }),
  },
  close: { actors: ["receiver", "leaderA", "leaderB"], body: () => ({}) },
  reopen: { actors: ["receiver"], body: () => ({ reason: "Ikke tilfreds" }) },
  withdraw: { actors: ["receiver"], body: () => ({ reason: "Trukket tilbage" }) },
  "set-confidentiality": {
    actors: ["admin"],
    body: (pick) => ({ level: pick % 2 ? "personnel" : "normal", reason: "Vurderet" }),
  },
};

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("submit" as const),
      unit: fc.constantFrom("SKOLE-A", "SKOLE-B"),
      category: fc.constantFrom("school_conduct", "administration_conduct"),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant("command" as const),
      name: fc.constantFrom(...Object.keys(COMMANDS)),
      caseIndex: fc.nat({ max: 5 }),
      pick: fc.nat({ max: 7 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("tick" as const), days: fc.integer({ min: 1, max: 25 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: "sweep" as const }) },
);

const day = fc
  .integer({ min: 0, max: 200 })
  .map((d) => Temporal.PlainDate.from("2026-02-15").add({ days: d }));
const query = fc.record({
  dims: fc.oneof(
    fc.constantFrom(...STATS_DIMENSIONS).map((d) => [d]),
    fc.uniqueArray(fc.constantFrom(...STATS_DIMENSIONS), { minLength: 2, maxLength: 2 }),
  ),
  from: day,
  length: fc.integer({ min: 0, max: 150 }),
  baseline: fc.boolean(),
  viewer: fc.constantFrom<PersonKey>("analyst", "admin", "manager", "director"),
  procedure: fc.boolean(),
  unit: fc.constantFrom<string | null>(null, null, "SKOLE-A"),
});

/** Every rollup row of the organisation, by its key, once the pending case writes are folded. */
const rollupStateOf = async (seeded: ReturnType<typeof useSeededDb>) => {
  await foldPendingStats(seeded.deps);
  return rollupRowsOf(seeded);
};
const rollupRowsOf = async (seeded: ReturnType<typeof useSeededDb>) =>
  new Map(
    (await allRollupRows(seeded.t.db.kysely, seeded.org.organisation.id)).map((r) => [
      rollupKeyId(r.key),
      r.tally,
    ]),
  );

describe.each(DIALECTS)("statistics rollups (%s)", (dialect) => {
  const seeded = useSeededDb(dialect, { country: "DK" });
  const ids: string[] = [];

  beforeAll(async () => {
    seeded.deps.clock.set("2026-03-02T09:00:00.000Z");
  });

  async function run(s: Step): Promise<void> {
    if (s.op === "tick") return seeded.deps.clock.advance({ hours: 24 * s.days });
    if (s.op === "sweep") {
      await sweepDeadlines(seeded.deps);
      return;
    }
    if (s.op === "submit") {
      const body: SubmitComplaintBody = {
        procedure: "dk-school",
        unit: s.unit,
        complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
        subject: "Klage",
        description: "Om skolen.",
        category: s.category,
      };
      ids.push((await submitComplaint(seeded.deps, body)).receipt.id);
      return;
    }
    // mostly the latest cases, so that sequences carry cases through to the end and beyond
    const id = ids[ids.length - 1 - (s.caseIndex % Math.min(3, Math.max(1, ids.length)))];
    if (!id) return;
    const command = COMMANDS[s.name];
    if (!command) return;
    const today = seeded.deps.clock.now().toString().slice(0, 10);
    for (const who of command.actors) {
      try {
        await runCaseCommand(
          seeded.deps,
          seeded.org.actors[who],
          id,
          s.name as never,
          command.body(s.pick, today),
        );
        return;
      } catch (error) {
        // refused: the transaction, rollups included, is rolled back; the next actor may try
        if (!(error instanceof KlaraError)) throw error;
      }
    }
  }

  const rollupState = () => rollupStateOf(seeded);

  it("a case ended, reopened, ended again, made personnel and normal again: the rollups follow", async () => {
    const script: Step[] = [
      { op: "submit", unit: "SKOLE-A", category: "school_conduct" },
      ...["acknowledge", "assign", "submit-draft", "approve", "send-reply", "close"].map(
        (name) => ({ op: "command", name, caseIndex: 0, pick: 5 }) as const,
      ),
      { op: "tick", days: 3 },
      ...["reopen", "submit-draft", "approve", "send-reply", "close"].map(
        (name) => ({ op: "command", name, caseIndex: 0, pick: 1 }) as const,
      ),
      { op: "submit", unit: "SKOLE-B", category: "administration_conduct" },
      ...["withdraw", "set-confidentiality"].map(
        (name) => ({ op: "command", name, caseIndex: 0, pick: 1 }) as const,
      ),
      { op: "command", name: "set-confidentiality", caseIndex: 0, pick: 0 },
    ];
    for (const s of script) await run(s);
    // nothing folded yet: the figure reads the pending case writes
    expect(await rollupRowsOf(seeded)).toEqual(new Map());
    const closed = await getStatistics(
      seeded.deps,
      seeded.org.actors.admin,
      StatsQuery.parse({ from: "2026-03-01", to: "2026-03-31", groupBy: "outcome" }),
    );
    const kept = await rollupState();
    await rebuildStats(seeded.deps, seeded.org.organisation.id);
    expect(await rollupState()).toEqual(kept);
    // migration T35 fills the rows of all procedures together in SQL as the live code keeps them
    expect([...kept.keys()].some((id) => id.startsWith(`${ALL_PROCEDURES}\u0000`))).toBe(true);
    await migrateTo(seeded.t.db, "2026-12-01T34-tracking-token-sealed");
    expect(
      [...(await rollupRowsOf(seeded)).keys()].some((id) => id.startsWith(`${ALL_PROCEDURES}\u0000`)),
    ).toBe(false);
    await migrateToLatest(seeded.t.db);
    expect(await rollupState()).toEqual(kept);
    // both cases ended, once each: the reopened one with its second outcome, the withdrawn one normal again
    expect(closed.groups.map((g) => [g.key, g.count])).toEqual([
      ["partly_upheld", 1],
      ["withdrawn", 1],
    ]);
  });

  it("rollups kept by every command equal a rebuild, and statistics from them equal statistics from the cases", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 10, maxLength: 35 }),
        fc.array(query, { minLength: 6, maxLength: 6 }),
        async (steps, queries) => {
          for (const s of steps) await run(s);
          for (const [i, q] of queries.entries()) {
            // the first half before the fold (rollups plus pending rows), the rest after
            if (i === queries.length / 2) {
              const kept = await rollupState();
              await rebuildStats(seeded.deps, seeded.org.organisation.id);
              expect(await rollupState()).toEqual(kept);
            }
            const to = q.from.add({ days: q.length });
            const actor: Actor = seeded.org.actors[q.viewer];
            const parsed = StatsQuery.parse({
              from: q.from.toString(),
              to: to.toString(),
              groupBy: q.dims.join(","),
              ...(q.procedure ? { procedure: "dk-school" } : {}),
              ...(q.unit ? { unit: q.unit } : {}),
              ...(q.baseline ? { baselineFrom: "2026-02-01", baselineTo: "2026-04-15" } : {}),
            });
            const fromRollups = await getStatistics(seeded.deps, actor, parsed);
            expect(fromRollups).toEqual(await getStatisticsFromCases(seeded.deps, actor, parsed));
          }
        },
      ),
      { numRuns: 6 },
    );
    // the sequences did end cases, so the rollups were used
    expect((await rollupState()).size).toBeGreaterThan(0);
  }, 120_000);
});

/**
 * Restricted cases are rolled up in tables of their own (personnel "r:", restricted only by the
 * procedure's default "d:"): each viewer reads them broken out or as totals corrected by the cases
 * it may see. Seed 003's procedure keeps every complaint confidential; some complaints name a person
 * (a viewer among them) or fall in a personnel category.
 */
describe.each(DIALECTS)("statistics rollups of restricted cases (%s)", (dialect) => {
  const seeded = useSeededDb(dialect, { country: "NO" });
  const submission = fc.record({
    category: fc.constantFrom("service", "safety", "training", "treatment", "working_environment"),
    // the school department's manager sees the schools' restricted cases, not the job centre's
    unit: fc.constantFrom("SKOLE-A", "SKOLE-B", "JOBCENTER"),
    about: fc.constantFrom<PersonKey | null>(null, null, null, "manager", "teacherA", "director"),
    days: fc.integer({ min: 0, max: 20 }),
    ended: fc.boolean(),
  });

  it("statistics from the rollups equal statistics from the cases for every viewer", async () => {
    seeded.deps.clock.set("2026-02-20T09:00:00.000Z");
    await fc.assert(
      fc.asyncProperty(
        fc.array(submission, { minLength: 4, maxLength: 12 }),
        fc.array(query, { minLength: 6, maxLength: 6 }),
        async (submissions, queries) => {
          for (const s of submissions) {
            await seeded.deps.clock.advance({ hours: 24 * s.days });
            const { receipt } = await submitComplaint(seeded.deps, {
              procedure: "no-workplace",
              unit: s.unit,
              complainant: { name: "Kari Nordmann", email: "kari@example.no", anonymous: false },
              subject: "Klage",
              description: "Noe skjedde.",
              category: s.category,
              ...(s.about ? { personComplainedAbout: seeded.org.people[s.about].id } : {}),
            });
            if (s.ended) {
              await runCaseCommand(seeded.deps, seeded.org.actors.admin, receipt.id, "withdraw", {
                reason: "Trukket",
              });
            }
          }
          for (const [i, q] of queries.entries()) {
            // the first half before the fold (rollups plus pending rows), the rest after
            if (i === queries.length / 2) {
              const kept = await rollupStateOf(seeded);
              await rebuildStats(seeded.deps, seeded.org.organisation.id);
              expect(await rollupStateOf(seeded)).toEqual(kept);
            }
            const parsed = StatsQuery.parse({
              from: q.from.toString(),
              to: q.from.add({ days: q.length }).toString(),
              groupBy: q.dims.join(","),
              ...(q.procedure ? { procedure: "no-workplace" } : {}),
              ...(q.unit ? { unit: q.unit } : {}),
              ...(q.baseline ? { baselineFrom: "2026-02-01", baselineTo: "2026-04-15" } : {}),
            });
            const actor: Actor = seeded.org.actors[q.viewer];
            expect(await getStatistics(seeded.deps, actor, parsed)).toEqual(
              await getStatisticsFromCases(seeded.deps, actor, parsed),
            );
          }
        },
      ),
      { numRuns: 5 },
    );
    // restricted cases are in the rollups: personnel ones and those restricted only by default
    const tables = [...(await rollupStateOf(seeded)).keys()].map((id) => id.split("\u0000")[2] ?? "");
    expect(tables.some((name) => name.startsWith("r:") || name.startsWith("open:r:"))).toBe(true);
    expect(tables.some((name) => name.startsWith("d:") || name.startsWith("open:d:"))).toBe(true);
  }, 120_000);
});

/** `klara` in process against a new SQLite file in a directory of its own; its lines kept. */
function cliIn(): { db: string; lines: string[]; run(...args: string[]): Promise<number>; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "klara-stats-"));
  const db = path.join(dir, "klara.db");
  const lines: string[] = [];
  const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`err: ${l}`) };
  return {
    db,
    lines,
    run: (...args) => klara([...args, "--db", db], io),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe("klara stats fold", () => {
  it("folds the demo's pending case writes, then finds none", async () => {
    const cli = cliIn();
    expect(await cli.run("demo")).toBe(0);
    cli.lines.length = 0;
    expect(await cli.run("stats", "fold")).toBe(0);
    const folded = Number(
      /^Folded (\d+) pending case writes into the statistics\.$/.exec(cli.lines[0] ?? "")?.[1],
    );
    expect(folded).toBeGreaterThan(0);
    cli.lines.length = 0;
    expect(await cli.run("stats", "fold")).toBe(0);
    expect(cli.lines).toEqual(["Folded 0 pending case writes into the statistics."]);
    cli.cleanup();
  }, 60_000);
});

describe("klara stats rebuild", () => {
  it("rebuilds every organisation, or one; an unknown one is one line and exit 1", async () => {
    const cli = cliIn();
    expect(await cli.run("organisation", "add", "--name", "Testby", "--country", "DK")).toBe(0);
    cli.lines.length = 0;
    expect(await cli.run("stats", "rebuild")).toBe(0);
    expect(cli.lines[0]).toMatch(/^Statistics of organisation \S+ rebuilt from 0 cases\.$/);
    cli.lines.length = 0;
    expect(await cli.run("stats", "rebuild", "--organisation", "nope")).toBe(1);
    expect(cli.lines).toEqual(["err: klara: No organisation with id nope."]);
    cli.cleanup();
  });
});
