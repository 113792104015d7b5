/**
 * GET /api/v1/stats's extension over HTTP on each database: two-dimensional keys, the baseline,
 * format=csv (parsed back), and a bad groupBy named in the problem.
 */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

/** RFC 4180: fields split on commas outside quotes, "" inside quotes is one quote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe.each(DIALECTS)("statistics API on %s", (dialect) => {
  const demo = useDemoWeb(dialect);

  const get = (query: string, email = "admin@kommune.example") =>
    demo.app.inject({
      url: `/api/v1/stats?${query}`,
      headers: { authorization: `Bearer ${demo.tokens[email]}` },
    });
  const period = "from=2025-01-01&to=2026-12-31";

  it("keys groups by an array with two dimensions, counts adding up to the one-dimensional ones", async () => {
    const two = await get(`${period}&groupBy=type,outcome`);
    expect(two.statusCode).toBe(200);
    const body = two.json();
    expect(body.groups.length).toBeGreaterThan(0);
    for (const g of body.groups) expect(g.key).toHaveLength(2);
    const one = (await get(`${period}&groupBy=type`)).json();
    for (const g of one.groups) {
      const inRow = body.groups.filter((c: { key: string[] }) => c.key[0] === g.key);
      expect(inRow.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(g.count);
    }
    expect(typeof one.groups[0].key).toBe("string");
    expect(one.groups[0]).toHaveProperty("replyCompliance");
    expect(one.groups[0]).toHaveProperty("informalRate");
  });

  it("answers format=csv as text/csv with the same rows", async () => {
    const json = (await get(`${period}&groupBy=type,outcome`)).json();
    const res = await get(`${period}&groupBy=type,outcome&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const [header, ...rows] = parseCsv(res.body);
    expect(header?.slice(0, 3)).toEqual(["type", "outcome", "count"]);
    expect(rows.map((r) => [[r[0], r[1]], Number(r[2])])).toEqual(
      json.groups.map((g: { key: string[]; count: number }) => [g.key, g.count]),
    );
    const analyst = await get(`${period}&groupBy=unit&format=csv`, "analytiker@kommune.example");
    expect(analyst.body).not.toMatch(/@|\d{6}-\d{4}/);
  });

  it("adds the baseline to each group", async () => {
    const res = await get(
      "from=2026-01-01&to=2026-12-31&groupBy=type&baselineFrom=2025-01-01&baselineTo=2025-12-31",
    );
    expect(res.statusCode).toBe(200);
    for (const g of res.json().groups) expect(g.baseline).toHaveProperty("count");
    const half = await get("from=2026-01-01&to=2026-12-31&baselineFrom=2025-01-01");
    expect(half.statusCode).toBe(400);
    expect(half.json().errors.map((e: { path: string }) => e.path)).toEqual(["baselineTo"]);
  });

  it("documents the parameters and the group's measures in OpenAPI", async () => {
    const doc = (await demo.app.inject({ url: "/api/v1/openapi.json" })).json();
    const op = doc.paths["/api/v1/stats"].get;
    const names = op.parameters.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual([
      "baselineFrom",
      "baselineTo",
      "format",
      "from",
      "groupBy",
      "procedure",
      "to",
      "unit",
    ]);
    const text = JSON.stringify(doc);
    for (const field of ["replyCompliance", "firstContactMedianHours", "appealsUpheldRate", "baseline"]) {
      expect(text).toContain(`"${field}"`);
    }
    expect(op.description).toContain("text/csv");
  });

  it("refuses a bad groupBy with a 400 naming groupBy", async () => {
    for (const groupBy of ["colour", "type,outcome,unit", "type,type", ""]) {
      const res = await get(`${period}&groupBy=${groupBy}`);
      expect(res.statusCode, groupBy).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["groupBy"]);
    }
  });
});
