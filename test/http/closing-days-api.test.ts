/**
 * The closing days over the API on each database: an admin reads and changes them; a past or
 * malformed day is 400 problem+json naming it, and nothing changes; other roles get 403.
 */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("closing days over the API (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const call = (email: string, method: "GET" | "PATCH", payload?: object) =>
    demo.app.inject({
      method,
      url: "/api/v1/organisation/closing-days",
      headers: { authorization: `Bearer ${demo.tokens[email]}` },
      ...(payload ? { payload } : {}),
    });

  it("an admin adds and removes days and reads them back", async () => {
    expect((await call("admin@kommune.example", "GET")).json()).toEqual({ closingDays: [] });
    const added = await call("admin@kommune.example", "PATCH", {
      add: ["2026-12-31", "2026-06-05", "2026-12-24"],
    });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ closingDays: ["2026-06-05", "2026-12-24", "2026-12-31"] });
    const removed = await call("admin@kommune.example", "PATCH", { remove: ["2026-12-31"] });
    expect(removed.json()).toEqual({ closingDays: ["2026-06-05", "2026-12-24"] });
    // the other organisation's days are its own
    expect((await call("admin@asvo.example", "GET")).json()).toEqual({ closingDays: [] });
  });

  it("a past or malformed day is 400 naming it, and nothing changes", async () => {
    const bad = await call("admin@kommune.example", "PATCH", { add: ["2026-03-01", "5 June"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([
      { path: "add.1", message: '"5 June" is not a date (YYYY-MM-DD)' },
      { path: "add.0", message: "2026-03-01 is in the past; only today or later can be a closing day" },
    ]);
    expect((await call("admin@kommune.example", "GET")).json()).toEqual({
      closingDays: ["2026-06-05", "2026-12-24"],
    });
  });

  it("is for admins only", async () => {
    expect((await call("koordinator@kommune.example", "GET")).statusCode).toBe(403);
    expect((await call("koordinator@kommune.example", "PATCH", { add: ["2026-12-30"] })).statusCode).toBe(
      403,
    );
  });
});
