/** A database that cannot be reached gives 503 problem+json and one clear log line, never a 500. */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { openDatabase } from "../../src/db/create-db.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";

describe("database unreachable", () => {
  // Port 1 on loopback: the connection is refused at once.
  const db = openDatabase("postgres://postgres@127.0.0.1:1/klara_test_unreachable", { poolSize: 1 });
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  let app: Awaited<ReturnType<typeof createHttpApp>>;

  beforeAll(async () => {
    app = await createHttpApp({
      deps: createDeps(db, FixedClock.at("2026-03-02T09:00:00Z")),
      rateLimitPerMinute: 0,
      logger: { level: "info", stream },
    });
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
  });

  it("answers 503 on public intake, staff routes and /healthz", async () => {
    const submit = await app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "dk-school",
        subject: "S",
        description: "D",
        complainant: { email: "a@example.org", nationalId: "0102031234" },
      },
    });
    expect(submit.statusCode).toBe(503);
    expect(submit.headers["content-type"]).toContain("application/problem+json");
    expect(submit.json().status).toBe(503);

    const staff = await app.inject({ url: "/api/v1/cases", headers: { authorization: "Bearer kla_x" } });
    expect(staff.statusCode).toBe(503);
    expect((await app.inject({ url: "/healthz" })).statusCode).toBe(503);

    const log = lines.join("");
    expect(log).toMatch(/database/i);
    expect(log).not.toContain("0102031234");
  });
});
