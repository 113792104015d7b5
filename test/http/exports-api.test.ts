/**
 * Exports over HTTP on the demo, each database (decision 0023): `GET /api/v1/stats?format=xlsx`
 * and `GET /api/v1/cases?format=csv|xlsx` read back equal to the JSON; the case list holds only
 * what the person may see and is refused to analysts; the analysts' figures hold none of the
 * demo's names, e-mails or national ids; the pages link the downloads (CSV with a BOM); and the
 * Norwegian analyst sees the year's count by type though every case there is confidential; the
 * yearly report's citizens' advisor year end to end on the page.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { BYTE_ORDER_MARK, parseCsv } from "../../src/domain/export-table.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import type { WebClient } from "../support/web-session.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function sheetRows(body: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i + 1] ?? null));
  });
  return rows;
}

interface Summary {
  id: string;
  reference: string;
  confidentiality: string;
  receivedAt: string;
}

async function listAll(client: WebClient): Promise<Summary[]> {
  const items: Summary[] = [];
  let cursor: string | null = null;
  do {
    const res = await client.get(`/api/v1/cases?limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: Summary[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

describe.each(DIALECTS)("exports over HTTP (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const period = "from=2025-01-01&to=2026-12-31";

  it("answers a figure as XLSX with the JSON's rows, numbers typed", async () => {
    const admin = await demo.signedIn("admin@kommune.example");
    const json = (await admin.get(`/api/v1/stats?${period}&groupBy=type,outcome`)).json();
    const res = await admin.get(`/api/v1/stats?${period}&groupBy=type,outcome&format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(XLSX);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="statistics-.*\.xlsx"$/);
    const [header, ...rows] = await sheetRows(res.rawPayload);
    expect(header?.slice(0, 3)).toEqual(["type", "outcome", "count"]);
    expect(rows.map((r) => [[r[0], r[1]], r[2]])).toEqual(
      json.groups.map((g: { key: string[]; count: number }) => [g.key, g.count]),
    );
    // the API's CSV is what it was: no BOM, the same rows
    const csv = await admin.get(`/api/v1/stats?${period}&groupBy=type,outcome&format=csv`);
    expect(csv.body.startsWith("type,outcome,count,")).toBe(true);
    expect(
      parseCsv(csv.body)
        .slice(1)
        .map((r) => Number(r[2])),
    ).toEqual(rows.map((r) => r[2]));
  });

  it("answers the case list as CSV and XLSX: every case the person may see, as the JSON", async () => {
    for (const email of ["admin@kommune.example", "koordinator@kommune.example"]) {
      const client = await demo.signedIn(email);
      const listed = await listAll(client);
      const csv = await client.get("/api/v1/cases?format=csv");
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      const [header = [], ...rows] = parseCsv(csv.body);
      const col = (name: string) => header.indexOf(name);
      expect(rows.map((r) => [r[col("id")], r[col("reference")], r[col("receivedAt")]])).toEqual(
        listed.map((c) => [c.id, c.reference, c.receivedAt]),
      );
      const xlsx = await client.get("/api/v1/cases?format=xlsx&limit=1");
      expect(xlsx.headers["content-type"]).toBe(XLSX);
      const sheet = await sheetRows(xlsx.rawPayload);
      expect(sheet[0]).toEqual(header);
      expect(sheet.slice(1).map((r) => r[col("id")])).toEqual(listed.map((c) => c.id));
    }
    // the coordinator sees every normal case, no personnel case: the export holds none either
    const admin = await listAll(await demo.signedIn("admin@kommune.example"));
    const personnel = admin.filter((c) => c.confidentiality !== "normal").map((c) => c.id);
    expect(personnel.length).toBeGreaterThan(0);
    const coordinator = await demo.signedIn("koordinator@kommune.example");
    const exported = (await coordinator.get("/api/v1/cases?format=csv")).body;
    for (const id of personnel) expect(exported).not.toContain(id);
  });

  it("refuses the analyst a case list, and gives them figures without personal data", async () => {
    const analyst = await demo.signedIn("analytiker@kommune.example");
    for (const format of ["csv", "xlsx"]) {
      expect((await analyst.get(`/api/v1/cases?format=${format}`)).statusCode).toBe(403);
      expect((await analyst.get(`/cases/export?format=${format}`)).statusCode).toBe(403);
    }
    // every name, e-mail and national id the demo holds (people and complainants)
    const admin = await demo.signedIn("admin@kommune.example");
    const secrets = new Set<string>();
    const directory = (await admin.get("/api/v1/directory")).json();
    for (const p of directory.people) for (const v of [p.name, p.email]) secrets.add(v);
    for (const c of await listAll(admin)) {
      const full = (await admin.get(`/api/v1/cases/${c.id}`)).json();
      for (const party of [full.complainant, full.representative]) {
        for (const v of [party?.name, party?.email, party?.nationalId]) if (v) secrets.add(v);
      }
    }
    expect(secrets.size).toBeGreaterThan(10);
    for (const groupBy of ["type", "unit", "category,outcome", "month,channel", "source", "appealsArea"]) {
      const csv = await analyst.get(`/api/v1/stats?${period}&groupBy=${groupBy}&format=csv`);
      const xlsx = await analyst.get(`/api/v1/stats?${period}&groupBy=${groupBy}&format=xlsx`);
      const page = await analyst.get(`/statistics/export?${period}&groupBy=${groupBy}&format=xlsx`);
      expect([csv.statusCode, xlsx.statusCode, page.statusCode]).toEqual([200, 200, 200]);
      const cells = [
        ...(await sheetRows(xlsx.rawPayload)).flat(),
        ...(await sheetRows(page.rawPayload)).flat(),
      ].join("\n");
      for (const secret of secrets) {
        expect(csv.body, groupBy).not.toContain(secret);
        expect(cells, groupBy).not.toContain(secret);
      }
      expect(csv.body + cells).not.toMatch(/@|\d{6}-\d{4}/);
    }
  });

  it("links the downloads on the case list and the numbers page (CSV with a BOM for Excel)", async () => {
    const admin = await demo.signedIn("admin@kommune.example");
    const page = await admin.get("/cases?status=received&sort=received");
    expect(page.statusCode).toBe(200);
    const links = [...page.body.matchAll(/<a href="(\/cases\/export\?[^"]+)" download>/g)].map((m) =>
      m[1]!.replaceAll("&amp;", "&"),
    );
    expect(links).toEqual([
      "/cases/export?format=csv&status=received&sort=received",
      "/cases/export?format=xlsx&status=received&sort=received",
    ]);
    const csv = await admin.get(links[0]!);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="cases-2026-03-02\.csv"$/);
    expect(csv.body.startsWith(`${BYTE_ORDER_MARK}reference,status,`)).toBe(true);
    const json = (await admin.get("/api/v1/cases?status=received&sort=received&limit=200")).json();
    const [header = [], ...rows] = parseCsv(csv.body);
    expect(rows.map((r) => r[header.indexOf("id")])).toEqual(json.items.map((c: Summary) => c.id));
    expect(rows.every((r) => r[header.indexOf("status")] === "received")).toBe(true);
    const xlsx = await admin.get(links[1]!);
    expect(xlsx.headers["content-type"]).toBe(XLSX);
    expect((await sheetRows(xlsx.rawPayload)).length).toBe(rows.length + 1);

    const stats = await admin.get("/statistics?from=2025-01-01&to=2026-03-02&groupBy=type");
    const statsLinks = [...stats.body.matchAll(/<a href="(\/statistics\/export\?[^"]+)" download>/g)];
    expect(statsLinks.map((m) => m[1]!.replaceAll("&amp;", "&"))).toEqual([
      "/statistics/export?from=2025-01-01&to=2026-03-02&groupBy=type&format=csv",
      "/statistics/export?from=2025-01-01&to=2026-03-02&groupBy=type&format=xlsx",
    ]);
    const bad = await admin.get("/statistics/export?from=2025-01-01&to=2026-03-02&format=pdf");
    expect(bad.statusCode).toBe(400);
  });

  it("reports the citizens' advisor year (1 April – 31 March) on the page, the one under way by default", async () => {
    const manager = await demo.signedIn("daglig.leder@asvo.example");
    const org = await demo.t.db.kysely
      .selectFrom("people")
      .select("organisation_id")
      .where("email", "=", "daglig.leder@asvo.example")
      .executeTakeFirstOrThrow();
    const inYear = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("organisation_id", "=", org.organisation_id)
      .where("received_date", ">=", "2025-04-01")
      .where("received_date", "<=", "2026-03-31")
      .execute();
    expect(inYear.length).toBeGreaterThan(5);
    // on 2 March 2026 the advisor year under way is 2025/2026 (it started on 1 April 2025)
    for (const url of [
      "/statistics/yearly?period=advisor&lang=en",
      "/statistics/yearly?year=2025&period=advisor&lang=en",
    ]) {
      const res = await manager.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain("Yearly report on complaints 2025/2026");
      expect(res.body).toContain(
        `<th scope="row">Complaints in all</th><td class="align-text-right">${inYear.length}</td>`,
      );
    }
    // read as an analyst, the year's count by type is readable though every case is confidential
    const report = (await manager.get("/statistics/yearly?period=advisor&lang=en")).body;
    const byType = report.slice(
      report.indexOf("Complaints by type"),
      report.indexOf("<h2", report.indexOf("Complaints by type")),
    );
    const typeRows = [...byType.matchAll(/<th scope="row">([^<]*)<\/th>\s*<td[^>]*>(\d+)<\/td>/g)].map(
      (m) => [m[1], Number(m[2])],
    );
    expect(typeRows.filter(([label]) => label !== "Other").length, byType.slice(-800)).toBeGreaterThan(0);
    const calendar = await manager.get("/statistics/yearly?lang=en");
    expect(calendar.body).toContain("Yearly report on complaints 2026<");
  });

  it("shows the Norwegian analyst the year's count by type, though every case is confidential", async () => {
    const analyst = await demo.signedIn("analytiker@asvo.example");
    const admin = await demo.signedIn("admin@asvo.example");
    const all = await listAll(admin);
    expect(all.length).toBeGreaterThan(5);
    expect(all.every((c) => c.confidentiality !== "normal")).toBe(true);
    const year = "from=2026-01-01&to=2026-12-31&groupBy=type";
    const res = (await analyst.get(`/api/v1/stats?${year}`)).json();
    const shown = res.groups.filter((g: { key: string }) => g.key !== "other");
    expect(shown.length).toBeGreaterThan(0);
    // the one case about a named person is counted, never broken out
    const other = res.groups.find((g: { key: string }) => g.key === "other");
    expect(other?.count).toBe(1);
    expect(res.total).toBe(all.length);
    const xlsx = await sheetRows((await analyst.get(`/api/v1/stats?${year}&format=xlsx`)).rawPayload);
    expect(xlsx.slice(1).map((r) => [r[0], r[1]])).toEqual(
      res.groups.map((g: { key: string; count: number }) => [g.key, g.count]),
    );
  });
});
