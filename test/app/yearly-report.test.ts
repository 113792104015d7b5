/**
 * The yearly report's numbers on hand-built data, on each database: the calendar year and the
 * citizens' advisor year (1 April – 31 March, named after the year it starts) pick their cases,
 * the previous period is compared, months run through the period; the HTML and PDF carry the
 * counts and no complainant's name or e-mail.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { monthsOf, reportPeriod, yearlyReport } from "../../src/app/yearly-report.js";
import { createViews } from "../../src/web/render.js";
import { yearlyReportFiles } from "../../src/web/yearly-report.pages.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";
import { assertWellFormedXml, pdfText, svgsOf } from "../support/yearly-report-check.js";

const complaint = (patch: Partial<SubmitComplaintBody> = {}): SubmitComplaintBody => ({
  procedure: "dk-school",
  unit: "SKOLE-A",
  complainant: { name: "Mette Mor", email: "mette.mor@example.dk", anonymous: false },
  subject: "Mobning",
  description: "Min søn bliver mobbet.",
  category: "school_conduct",
  ...patch,
});

it("names the periods: a calendar year, and the advisor year from 1 April", () => {
  expect(reportPeriod(2026, "calendar")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
  expect(reportPeriod(2026, "advisor")).toEqual({ from: "2026-04-01", to: "2027-03-31" });
  expect(monthsOf("2026-04-01", "2027-03-31")).toEqual([
    "2026-04",
    "2026-05",
    "2026-06",
    "2026-07",
    "2026-08",
    "2026-09",
    "2026-10",
    "2026-11",
    "2026-12",
    "2027-01",
    "2027-02",
    "2027-03",
  ]);
});

/**
 * The trend: every month shown has its true count, a month not shown (null) is in "other", and
 * shown plus other is the total, in both periods.
 */
function trendAddsUp(
  r: Awaited<ReturnType<typeof yearlyReport>>,
  truth: Record<string, number>,
  previousTruth: Record<string, number>,
): void {
  const previousMonths = monthsOf(r.previous.from, r.previous.to);
  let [shown, shownBefore] = [0, 0];
  r.byMonth.forEach((m, i) => {
    if (m.count !== null) expect(m.count, m.key).toBe(truth[m.key] ?? 0);
    const before = previousMonths[i] ?? "";
    if (m.previous !== null) expect(m.previous, before).toBe(previousTruth[before] ?? 0);
    shown += m.count ?? 0;
    shownBefore += m.previous ?? 0;
  });
  expect(shown + r.monthsOther.count).toBe(r.total);
  expect(shownBefore + r.monthsOther.previous).toBe(r.previousTotal);
  // the month of six is shown unless the rule had to hide it to protect a smaller one
  expect(r.byMonth.filter((m) => m.count !== null).length).toBeGreaterThan(0);
}

describe.each(DIALECTS)("the yearly report (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  async function receivedAt(at: string, count: number, patch: Partial<SubmitComplaintBody> = {}) {
    s.deps.clock.set(at);
    for (let i = 0; i < count; i++) await submitComplaint(s.deps, complaint(patch));
  }

  beforeAll(async () => {
    await receivedAt("2025-05-05T09:00:00.000Z", 2); // advisor year 2025, calendar 2025
    await receivedAt("2026-03-16T09:00:00.000Z", 1); // advisor year 2025, calendar 2026
    await receivedAt("2026-04-02T09:00:00.000Z", 6); // advisor year 2026, calendar 2026
    await receivedAt("2026-11-10T09:00:00.000Z", 3);
    await receivedAt("2026-11-11T09:00:00.000Z", 2, { category: "leadership" });
    await receivedAt("2027-02-01T09:00:00.000Z", 1); // advisor year 2026, calendar 2027
  });

  it("counts the calendar year against the year before", async () => {
    const r = await yearlyReport(s.deps, {
      organisationId: s.org.organisation.id,
      year: 2026,
      period: "calendar",
    });
    expect(r.from).toBe("2026-01-01");
    expect(r.total).toBe(12);
    expect(r.previousTotal).toBe(2);
    expect(r.byMonth.map((m) => m.key)).toEqual(monthsOf("2026-01-01", "2026-12-31"));
    expect(r.byType.reduce((n, row) => n + row.count, 0)).toBe(12);
    trendAddsUp(r, { "2026-03": 1, "2026-04": 6, "2026-11": 5 }, { "2025-05": 2 });
  });

  it("counts the citizens' advisor year from April to March", async () => {
    const r = await yearlyReport(s.deps, {
      organisationId: s.org.organisation.id,
      year: 2026,
      period: "advisor",
    });
    expect([r.from, r.to]).toEqual(["2026-04-01", "2027-03-31"]);
    expect(r.total).toBe(12); // 6 in April, 5 in November, 1 in February 2027; not March 2026
    expect(r.previousTotal).toBe(3);
    expect(r.byMonth.map((m) => m.key)).toEqual(monthsOf("2026-04-01", "2027-03-31"));
    trendAddsUp(r, { "2026-04": 6, "2026-11": 5, "2027-02": 1 }, { "2025-05": 2, "2026-03": 1 });
    // categories are below the organisation total: the small one (2) is merged into "other", and
    // with it the only other category, or 2 could be recovered by subtraction from the total
    expect(r.byCategory).toEqual([{ key: "other", count: 12, previous: 3 }]);
    // no reply sent yet, so no root cause; but the previous year's 3 without one are a small
    // cell, hidden in both periods, so how many have a cause is not told (not 12, not 0)
    expect(r.withRootCauses).toBeNull();
    expect(r.rootCauses).toEqual([{ key: "other", count: 12, previous: 3 }]);
  });

  it("renders HTML with valid SVG charts and a PDF, both with the counts and no personal data", async () => {
    const r = await yearlyReport(s.deps, {
      organisationId: s.org.organisation.id,
      year: 2026,
      period: "advisor",
    });
    const files = await yearlyReportFiles(createViews(), r, "da");
    expect(files.html).toContain("Årsrapport om klager 2026/2027");
    expect(files.html).toContain('<th scope="row">Klager i alt</th><td class="align-text-right">12</td>');
    const svgs = svgsOf(files.html);
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) assertWellFormedXml(svg);
    // only SVG's own attributes (ECharts' hydration metadata is not valid in HTML)
    expect(files.html).not.toContain("ecmeta_");
    expect(svgs[0]).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    const text = await pdfText(files.pdf);
    expect(text).toContain("Årsrapport om klager 2026/2027");
    expect(text).toContain("Klager i alt");
    for (const personal of ["Mette", "mette.mor@example.dk", "Mobning"]) {
      expect(files.html).not.toContain(personal);
      expect(text).not.toContain(personal);
    }
  });

  it("refuses an organisation that does not exist", async () => {
    await expect(
      yearlyReport(s.deps, {
        organisationId: "00000000-0000-4000-8000-000000000000",
        year: 2026,
        period: "calendar",
      }),
    ).rejects.toThrow(/not found/);
  });
});
