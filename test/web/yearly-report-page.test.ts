/**
 * The yearly report page for managers and admins (/statistics/yearly and .pdf): the year's count
 * from the same use case, valid SVG, the PDF parses back; analysts are refused, a bad year is a
 * 400 naming it; the numbers page links it for managers and admins only.
 */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { vnuBatch } from "../support/vnu-check.js";
import { assertWellFormedXml, EMAIL, pdfText, svgsOf } from "../support/yearly-report-check.js";

/** the page on both databases, checked in one run of the Nu Html Checker at the end (a JVM start is slow) */
const checked = vnuBatch();

describe.each(DIALECTS)("the yearly report page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn } = demo;

  it("shows a manager the year's complaints with charts and tables, and the same as PDF", async () => {
    const manager = await signedIn("leder@kommune.example");
    const org = await demo.t.db.kysely
      .selectFrom("people")
      .select("organisation_id")
      .where("email", "=", "leder@kommune.example")
      .executeTakeFirstOrThrow();
    const cases = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("organisation_id", "=", org.organisation_id)
      .where("received_at", ">=", "2026-01-01")
      .where("received_at", "<", "2027-01-01")
      .execute();
    const res = await manager.get("/statistics/yearly?year=2026&period=calendar");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Årsrapport om klager 2026");
    expect(res.body).toContain(
      `<th scope="row">Klager i alt</th><td class="align-text-right">${cases.length}</td>`,
    );
    const svgs = svgsOf(res.body);
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) assertWellFormedXml(svg);
    checked.add({ name: `yearly-${dialect}`, html: res.body });
    expect(res.body).toContain('href="/statistics/yearly.pdf?year=2026&amp;period=calendar&amp;lang=da"');
    // the page's text holds no e-mail address beyond the signed-in person's own in the header
    expect(res.body.slice(res.body.indexOf("<main")).replace("leder@kommune.example", "")).not.toMatch(EMAIL);

    const pdf = await manager.get("/statistics/yearly.pdf?year=2026&period=advisor&lang=en");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = await pdfText(new Uint8Array(pdf.rawPayload));
    expect(text).toContain("Yearly report on complaints 2026/2027");
    expect(text).not.toMatch(EMAIL);
  });

  it("is for managers and admins: an analyst is refused, a bad year is a 400", async () => {
    const analyst = await signedIn("analytiker@kommune.example");
    expect((await analyst.get("/statistics/yearly?year=2026")).statusCode).toBe(403);
    expect((await analyst.get("/statistics/yearly.pdf?year=2026")).statusCode).toBe(403);
    const numbers = await analyst.get("/statistics");
    expect(numbers.body).not.toContain('href="/statistics/yearly"');

    const admin = await signedIn("admin@kommune.example");
    const bad = await admin.get("/statistics/yearly?year=26");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Angiv året med fire cifre.");
    const period = await admin.get("/statistics/yearly?year=2026&period=fiscal");
    expect(period.statusCode).toBe(400);
    expect(period.body).toContain("Vælg kalenderår eller borgerrådgiverår.");
    expect((await admin.get("/statistics")).body).toContain('href="/statistics/yearly"');
  });
});

describe("the yearly report page", () => {
  checked.itValidates("is valid HTML (Nu Html Checker)", DIALECTS.length);
});
