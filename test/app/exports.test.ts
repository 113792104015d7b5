/**
 * Exports (decision 0023) and the confidential-by-default rule (docs/statistics-privacy.md) on
 * each database: a figure and a case list as CSV and XLSX read back equal to what the JSON
 * answers; the case list holds only the cases the person may see; analysts export no case list;
 * formulas are neutralised; and an analyst of a procedure that keeps every complaint confidential
 * (no-workplace, seed 003) sees counts by category and type, personnel cases only under "other".
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { exportCases, exportStatistics } from "../../src/app/exports.js";
import { type CaseSummary, listCases } from "../../src/app/list-cases.js";
import { registerCase } from "../../src/app/register-case.js";
import { ListCasesQuery, StatsQuery, type SubmitComplaintBody } from "../../src/app/schemas.js";
import { getStatistics } from "../../src/app/statistics.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { KlaraError } from "../../src/domain/errors.js";
import { BYTE_ORDER_MARK, parseCsv, tableCsv } from "../../src/domain/export-table.js";
import { csvField } from "../../src/domain/statistics-csv.js";
import type { testDeps } from "../support/fixtures.js";
import { expectPerturbed } from "../support/perturbed.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const school = (patch: Partial<SubmitComplaintBody> = {}): SubmitComplaintBody => ({
  procedure: "dk-school",
  unit: "SKOLE-A",
  complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
  subject: "Mobning i 4.b",
  description: "Min søn bliver mobbet.",
  category: "school_conduct",
  ...patch,
});

/** Every cell of the first sheet, the header row first; dates as Date, numbers as number. */
async function readXlsx(body: string | Buffer): Promise<{ rows: unknown[][]; frozen: boolean }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    rows.push(Array.from({ length: sheet.columnCount }, (_, i) => values[i + 1] ?? null));
  });
  const view = sheet.views[0] as { state?: string; ySplit?: number } | undefined;
  return { rows, frozen: view?.state === "frozen" && view.ySplit === 1 };
}

async function allCases(deps: ReturnType<typeof testDeps>, actor: Actor): Promise<CaseSummary[]> {
  const items: CaseSummary[] = [];
  let cursor: string | null = null;
  do {
    const query = ListCasesQuery.parse({ sort: "received", limit: "2", ...(cursor ? { cursor } : {}) });
    const page = await listCases(deps, actor, query);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe("CSV cells", () => {
  it("neutralise a formula in text, never in a number, in both the export and the API's statistics CSV", () => {
    for (const text of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx"]) expect(csvField(text)).toBe(`'${text}`);
    expect(csvField(-3)).toBe("-3");
    expect(csvField("a=b")).toBe("a=b");
    expect(csvField('=A1,"x"')).toBe(`"'=A1,""x"""`);
    const table = {
      title: "T",
      timeZone: "UTC",
      columns: [{ name: "n", kind: "number" as const }],
      rows: [[-1]],
    };
    expect(tableCsv(table, { bom: true })).toBe(`${BYTE_ORDER_MARK}n\r\n-1\r\n`);
  });
});

describe.each(DIALECTS)("exports (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });
  let personnelId: string;
  let formulaId: string;

  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      s.deps.clock.set(`2026-03-0${2 + (i % 3)}T09:00:00.000Z`);
      await submitComplaint(s.deps, school({ unit: i % 2 ? "SKOLE-B" : "SKOLE-A" }));
    }
    formulaId = (await submitComplaint(s.deps, school({ subject: '=HYPERLINK("http://x.example","klik")' })))
      .receipt.id;
    // a personnel case about school A's leader: the receiver may not see it
    personnelId = (
      await registerCase(s.deps, s.org.actors.receiver, {
        ...school({ category: "leadership", subject: "Skolelederen Qwertzu" }),
        channel: "phone",
        source: "citizen",
        personComplainedAbout: s.org.people.leaderA.id,
        needsConfirmation: false,
      })
    ).case.id;
  });

  it("exports a figure as CSV (with a BOM for Excel) and XLSX with the JSON's rows", async () => {
    const query = StatsQuery.parse({ from: "2026-01-01", to: "2026-12-31", groupBy: "unit,type" });
    const json = await getStatistics(s.deps, s.org.actors.admin, query);
    expect(json.groups.length).toBeGreaterThan(1);
    const expected = json.groups.map((g) => [...(g.key as string[]), g.count, g.replyCompliance.missed]);

    const csv = await exportStatistics(s.deps, s.org.actors.admin, query, "csv", { bom: true });
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    expect((csv.body as string).startsWith(BYTE_ORDER_MARK)).toBe(true);
    const [header, ...rows] = parseCsv(csv.body as string);
    expect(header?.slice(0, 3)).toEqual(["unit", "type", "count"]);
    const missed = header?.indexOf("replyCompliance.missed") ?? -1;
    expect(rows.map((r) => [r[0], r[1], Number(r[2]), Number(r[missed])])).toEqual(expected);

    const xlsx = await exportStatistics(s.deps, s.org.actors.admin, query, "xlsx");
    expect(xlsx.contentType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.fileName).toMatch(/^statistics-2026-01-01-2026-12-31-unit-type\.xlsx$/);
    const sheet = await readXlsx(xlsx.body);
    expect(sheet.frozen).toBe(true);
    expect(sheet.rows[0]).toEqual(header);
    // numbers are numbers, the same as the JSON's
    expect(sheet.rows.slice(1).map((r) => [r[0], r[1], r[2], r[missed]])).toEqual(expected);
  });

  it("exports every case of the list the person may see, typed, equal to the JSON", async () => {
    for (const actor of [s.org.actors.admin, s.org.actors.receiver]) {
      const listed = await allCases(s.deps, actor);
      const query = ListCasesQuery.parse({ sort: "received" });
      const csv = await exportCases(s.deps, actor, query, "csv");
      const [header = [], ...rows] = parseCsv(csv.body as string);
      const col = (name: string) => header.indexOf(name);
      expect(rows.map((r) => r[col("id")])).toEqual(listed.map((c) => c.id));
      expect(rows.map((r) => r[col("receivedAt")])).toEqual(listed.map((c) => c.receivedAt));
      expect(rows.map((r) => r[col("reference")])).toEqual(listed.map((c) => c.reference));

      const sheet = await readXlsx((await exportCases(s.deps, actor, query, "xlsx")).body);
      expect(sheet.frozen).toBe(true);
      expect(sheet.rows[0]).toEqual(header);
      const data = sheet.rows.slice(1);
      expect(data.map((r) => r[col("id")])).toEqual(listed.map((c) => c.id));
      // dates are dates (the organisation's wall clock), booleans are booleans
      const received = data[0]?.[col("receivedAt")];
      expect(received).toBeInstanceOf(Date);
      expect((received as Date).toISOString()).toBe("2026-03-02T10:00:00.000Z"); // 09:00Z is 10:00 in Copenhagen
      expect(data.map((r) => r[col("overdue")])).toEqual(listed.map((c) => c.overdue));
      const due = data.map((r) => r[col("nextDeadline.dueDate")]);
      expect(due.map((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))).toEqual(
        listed.map((c) => c.nextDeadline?.dueDate ?? null),
      );
    }
  });

  it("leaves out a personnel case the person may not see, and refuses analysts", async () => {
    const query = ListCasesQuery.parse({});
    const ids = async (actor: Actor) => {
      const [header = [], ...rows] = parseCsv(
        (await exportCases(s.deps, actor, query, "csv")).body as string,
      );
      return rows.map((r) => r[header.indexOf("id")]);
    };
    expect(await ids(s.org.actors.admin)).toContain(personnelId);
    expect(await ids(s.org.actors.manager)).toContain(personnelId);
    expect(await ids(s.org.actors.receiver)).not.toContain(personnelId);
    expect(await ids(s.org.actors.leaderA)).not.toContain(personnelId);
    const body = (await exportCases(s.deps, s.org.actors.receiver, query, "xlsx")).body as Buffer;
    expect((await readXlsx(body)).rows.flat().join(" ")).not.toContain("Qwertzu");
    for (const format of ["csv", "xlsx"] as const) {
      const refused = await exportCases(s.deps, s.org.actors.analyst, query, format).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(KlaraError);
      expect((refused as KlaraError).code).toBe("forbidden");
    }
  });

  it("neutralises a formula in CSV and keeps it a string in XLSX", async () => {
    const query = ListCasesQuery.parse({});
    const csv = (await exportCases(s.deps, s.org.actors.admin, query, "csv")).body as string;
    const [header = [], ...rows] = parseCsv(csv);
    const row = rows.find((r) => r[header.indexOf("id")] === formulaId);
    expect(row?.[header.indexOf("subject")]).toBe(`'=HYPERLINK("http://x.example","klik")`);
    const sheet = await readXlsx((await exportCases(s.deps, s.org.actors.admin, query, "xlsx")).body);
    const cell = sheet.rows.find((r) => r[header.indexOf("id")] === formulaId)?.[header.indexOf("subject")];
    expect(cell).toBe('=HYPERLINK("http://x.example","klik")');
  });

  it("gives analysts figures without names, e-mails or text", async () => {
    for (const groupBy of ["type", "unit,category", "channel,source", "month"]) {
      const query = StatsQuery.parse({ from: "2026-01-01", to: "2026-12-31", groupBy });
      for (const format of ["csv", "xlsx"] as const) {
        const file = await exportStatistics(s.deps, s.org.actors.analyst, query, format);
        const text =
          format === "csv" ? (file.body as string) : (await readXlsx(file.body)).rows.flat().join(" ");
        for (const secret of ["Mette", "mette@example.dk", "Mobning", "HYPERLINK", "Qwertzu", "@"]) {
          expect(text, `${groupBy} ${format}`).not.toContain(secret);
        }
      }
    }
  });
});

describe.each(DIALECTS)("a procedure that keeps every complaint confidential (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "NO" });

  const workplace = (category: string): SubmitComplaintBody => ({
    procedure: "no-workplace",
    unit: "SKOLE-A",
    complainant: { anonymous: true },
    subject: "Klage",
    description: "Noe skjedde.",
    category,
  });

  beforeAll(async () => {
    s.deps.clock.set("2026-02-10T09:00:00.000Z");
    for (let i = 0; i < 6; i++) await submitComplaint(s.deps, workplace("safety"));
    s.deps.clock.set("2026-03-02T09:00:00.000Z");
    const counts = { service: 7, safety: 6, training: 5, working_environment: 2, treatment: 1 };
    for (const [category, n] of Object.entries(counts)) {
      for (let i = 0; i < n; i++) await submitComplaint(s.deps, workplace(category));
    }
  });

  const stats = (actor: Actor, groupBy: string, from = "2026-03-01", to = "2026-03-31") =>
    getStatistics(s.deps, actor, StatsQuery.parse({ from, to, groupBy }));

  it("shows the analyst counts by category, small cells and personnel cases under other", async () => {
    const byCategory = await stats(s.org.actors.analyst, "category");
    // the analyst's counts are perturbed (the cell key method): near the exact ones
    expectPerturbed(byCategory.total, 21);
    // working_environment (2) is small; with the personnel case (1) it is not yet five, so training
    // (5) is suppressed too; "treatment" (a personnel category) is never a key of its own
    expect(byCategory.groups.map((g) => g.key)).toEqual(["safety", "service", "other"]);
    for (const [i, exact] of [6, 7, 8].entries()) expectPerturbed(byCategory.groups[i]?.count, exact);
  });

  it("shows the analyst the year's count by type, and months with enough cases", async () => {
    const byType = await stats(s.org.actors.analyst, "type", "2026-01-01", "2026-12-31");
    const shown = byType.groups.filter((g) => g.key !== "other");
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.reduce((n, g) => n + g.count, 0)).toBe(26);
    expect(byType.groups.find((g) => g.key === "other")?.count).toBe(1);
    // February (6) is merged with the personnel case, so that "other" is not the one case alone
    const byMonth = await stats(s.org.actors.analyst, "month", "2026-02-01", "2026-03-31");
    expect(byMonth.groups.map((g) => g.key)).toEqual(["2026-03", "other"]);
    for (const [i, exact] of [20, 7].entries()) expectPerturbed(byMonth.groups[i]?.count, exact);
  });

  it("keeps the case list closed to the analyst: numbers, never contents", async () => {
    const refused = await exportCases(s.deps, s.org.actors.analyst, ListCasesQuery.parse({}), "csv").catch(
      (e: unknown) => e,
    );
    expect((refused as KlaraError).code).toBe("forbidden");
  });
});
