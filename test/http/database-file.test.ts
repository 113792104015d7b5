/**
 * The SQLite file removed or replaced while serving (issue 10 point 3): writes answer 503 with
 * Retry-After and /healthz says so, so no complaint is acknowledged that is not stored in the
 * database the server started with. SQLite only: a PostgreSQL server owns its files.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { type KlaraDb, migrateToLatest, openDatabase } from "../../src/db/create-db.js";
import { createHttpApp } from "../../src/http/server.js";
import { seedOrganisation, testDeps } from "../support/fixtures.js";

const complaint: SubmitComplaintBody = {
  procedure: "dk-school",
  unit: "SKOLE-A",
  complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
  subject: "Mobning",
  description: "Min søn bliver mobbet.",
  category: "school_conduct",
};

describe("the database file disappears while serving", () => {
  let dir = "";
  let db: KlaraDb | null = null;
  afterEach(async () => {
    await db?.destroy().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function serving() {
    dir = mkdtempSync(join(tmpdir(), "klara-gone-"));
    const file = join(dir, "klara.db");
    db = openDatabase(file);
    await migrateToLatest(db);
    const deps = testDeps(db);
    await seedOrganisation(deps, { country: "DK" });
    const app = await createHttpApp({ deps, rateLimitPerMinute: 0, web: false });
    const submit = () => app.inject({ method: "POST", url: "/api/v1/complaints", payload: complaint });
    return { app, file, submit };
  }

  it("deleted: a complaint gets 503 with Retry-After, /healthz 503", async () => {
    const { app, file, submit } = await serving();
    expect((await submit()).statusCode).toBe(201);
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(200);

    rmSync(file);
    const refused = await submit();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json().detail).toMatch(/database file was removed/);
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(503);
    await app.close();
  });

  it("replaced by another file: 503, /healthz 503", async () => {
    const { app, file, submit } = await serving();
    expect((await submit()).statusCode).toBe(201);
    const copy = join(dir, "copy.db");
    copyFileSync(file, copy);
    rmSync(file);
    copyFileSync(copy, file);
    const refused = await submit();
    expect(refused.statusCode).toBe(503);
    expect(refused.json().detail).toMatch(/database file was replaced/);
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(503);
    await app.close();
  });
});
