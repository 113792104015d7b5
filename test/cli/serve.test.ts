/**
 * `klara serve` never loads the demo (API.md extension): on a missing or empty database it refuses
 * with one line; `serve --demo` loads the demo only into a database it or `klara demo` made.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addOrganisation } from "../../src/app/add-organisation.js";
import { createDeps } from "../../src/app/context.js";
import { openDatabase } from "../../src/db/create-db.js";
import { markStatsStale } from "../../src/db/migrations/2026-12-01T30-stats-stale.js";
import { listOrganisations } from "../../src/db/organisation.repository.js";
import { statsStale } from "../../src/db/stats-rebuild.repository.js";
import { statsTables } from "../../src/db/stats-rollup.repository.js";
import { FixedClock } from "../../src/domain/clock.js";
import { DIALECTS, openTestDb } from "../support/test-db.js";
import { buildOnce, isServing, klara, serve } from "./cli-process.js";

let dir: string;

beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), "klara-serve-"));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function organisationNames(target: string): Promise<string[]> {
  const db = openDatabase(target);
  try {
    return (await listOrganisations(db.kysely)).map((o) => o.name);
  } finally {
    await db.destroy();
  }
}

describe("klara serve on a SQLite file", () => {
  it("refuses a missing file with one line, without creating it", async () => {
    const file = join(dir, "missing.db");
    const r = await serve(dir, ["--db", file]);
    expect(isServing(r)).toBe(false);
    if (isServing(r)) return;
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain("has no organisation");
    expect(r.err[0]).toContain("klara demo");
    expect(r.err[0]).toContain("klara organisation add");
    expect(existsSync(file)).toBe(false);
  });

  it("serve --demo loads the demo into a new file, and serves it again without reloading", async () => {
    const file = join(dir, "demo.db");
    const first = await serve(dir, ["--db", file, "--demo"]);
    if (!isServing(first)) throw new Error(`serve --demo did not start: ${first.err.join(" ")}`);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    expect(await first.stop()).toBe(0);
    expect((await organisationNames(file)).sort()).toEqual(["Demo ASVO", "Demo Kommune"]);

    const again = await serve(dir, ["--db", file, "--demo"]);
    if (!isServing(again)) throw new Error(`serve --demo did not start again: ${again.err.join(" ")}`);
    expect(await again.stop()).toBe(0);
    expect((await organisationNames(file)).sort()).toEqual(["Demo ASVO", "Demo Kommune"]);

    // plain serve serves the demo database as it is (it never loads the demo, it may serve one)
    const plain = await serve(dir, ["--db", file]);
    if (!isServing(plain)) throw new Error(`serve did not start: ${plain.err.join(" ")}`);
    expect(await plain.stop()).toBe(0);
  }, 120_000);

  it("serve --demo serves a database that klara demo made", async () => {
    const file = join(dir, "klara-demo.db");
    expect(klara(dir, "demo", "--db", file, "--json").code).toBe(0);
    const r = await serve(dir, ["--db", file, "--demo"]);
    if (!isServing(r)) throw new Error(`serve --demo did not start: ${r.err.join(" ")}`);
    expect(r.out.join("\n")).not.toContain("loaded");
    expect(await r.stop()).toBe(0);
    expect(await organisationNames(file)).toHaveLength(2);
  }, 120_000);

  it("after an upgrade that marked the statistics stale, serve answers at once and rebuilds them beside", async () => {
    const file = join(dir, "upgraded.db");
    expect(klara(dir, "demo", "--db", file, "--json").code).toBe(0);
    expect(klara(dir, "stats", "fold", "--db", file).code).toBe(0);
    const db = openDatabase(file);
    try {
      // every rollup row, as a whole: what serve leaves must be what a rebuild writes
      const rollupState = async () =>
        (await statsTables(db.kysely).selectFrom("stats_rollup").selectAll().where("n", ">", 0).execute())
          .map(({ tally, ...row }) => {
            // a fold and a rebuild may write a tally's keys in another order
            const counts = Object.entries(typeof tally === "string" ? JSON.parse(tally) : tally);
            return JSON.stringify([row, counts.sort(([a], [b]) => (a < b ? -1 : 1))]);
          })
          .sort();
      expect((await rollupState()).length).toBeGreaterThan(0);
      // rollups an older layout left behind, as a migration marking them stale would
      await statsTables(db.kysely).deleteFrom("stats_rollup").execute();
      await markStatsStale(db.kysely as unknown as Kysely<unknown>, "an upgrade");
      const r = await serve(dir, ["--db", file]);
      if (!isServing(r)) throw new Error(`serve did not start: ${r.err.join(" ")}`);
      try {
        expect((await fetch(`${r.url}/healthz`)).status).toBe(200);
        await expect.poll(() => statsStale(db.kysely), { timeout: 30_000 }).toBe(false);
      } finally {
        expect(await r.stop()).toBe(0);
      }
      // (its deadline sweep may have written cases since: folded, they are counted as a rebuild counts them)
      expect(klara(dir, "stats", "fold", "--db", file).code).toBe(0);
      const served = await rollupState();
      expect(served.length).toBeGreaterThan(0);
      expect(klara(dir, "stats", "rebuild", "--db", file).code).toBe(0);
      expect(await rollupState()).toEqual(served);
    } finally {
      await db.destroy();
    }
  }, 120_000);
});

describe.each(DIALECTS)("klara serve on %s", (dialect) => {
  it("refuses a migrated database with no organisation, with one line", async () => {
    const t = await openTestDb(dialect);
    try {
      const r = await serve(dir, ["--db", t.target]);
      expect(isServing(r)).toBe(false);
      if (isServing(r)) await r.stop();
      else {
        expect(r.code).toBe(1);
        expect(r.err).toHaveLength(1);
        expect(r.err[0]).toMatch(/^klara: .* has no organisation.*klara demo.*klara organisation add/);
      }
      expect(await listOrganisations(t.db.kysely)).toEqual([]);
    } finally {
      await t.cleanup();
    }
  }, 60_000);

  it("never loads the demo into a real organisation's database; serve --demo refuses it", async () => {
    const t = await openTestDb(dialect);
    try {
      const deps = createDeps(t.db, FixedClock.at("2026-12-01T09:00:00Z"));
      await addOrganisation(deps, { name: "Rødovre Kommune", country: "DK" });
      const plain = await serve(dir, ["--db", t.target]);
      if (!isServing(plain)) throw new Error(`serve did not start: ${plain.err.join(" ")}`);
      expect(await plain.stop()).toBe(0);
      expect((await listOrganisations(t.db.kysely)).map((o) => o.name)).toEqual(["Rødovre Kommune"]);

      const demo = await serve(dir, ["--db", t.target, "--demo"]);
      expect(isServing(demo)).toBe(false);
      if (isServing(demo)) await demo.stop();
      else {
        expect(demo.code).toBe(1);
        expect(demo.err).toHaveLength(1);
        expect(demo.err[0]).toContain("holds data the demo did not create");
      }
      expect((await listOrganisations(t.db.kysely)).map((o) => o.name)).toEqual(["Rødovre Kommune"]);
    } finally {
      await t.cleanup();
    }
  }, 60_000);
});
