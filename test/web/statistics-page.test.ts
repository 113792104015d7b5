import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("the numbers page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn } = demo;

  /** The table's rows as [group, count]. */
  const rows = (html: string) =>
    [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th><td class="align-text-right">(\d+)<\/td>/g)].map(
      (m) => [m[1]!, Number(m[2])] as const,
    );

  it("counts every complaint of the period, grouped in words", async () => {
    const admin = await signedIn("admin@kommune.example");
    const org = await demo.t.db.kysely
      .selectFrom("people")
      .select("organisation_id")
      .where("email", "=", "admin@kommune.example")
      .executeTakeFirstOrThrow();
    const cases = await demo.t.db.kysely
      .selectFrom("cases")
      .select(["type"])
      .where("organisation_id", "=", org.organisation_id)
      .execute();
    const res = await admin.get("/statistics?from=2025-01-01&to=2026-03-02&groupBy=type");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<caption>${cases.length} klager modtaget i perioden</caption>`);
    const decisions = cases.filter((c) => c.type === "decision").length;
    expect(decisions).toBeGreaterThan(0);
    expect(rows(res.body)).toContainEqual(["Klage over afgørelse", decisions]);
    expect(rows(res.body).reduce((n, [, count]) => n + count, 0)).toBe(cases.length);
    // the default period is this year so far, in the organisation's time zone
    const fresh = await admin.get("/statistics");
    expect(fresh.body).toContain('value="2026-01-01"');
    expect(fresh.body).toContain('value="2026-03-02"');
  });

  it("merges small groups for analysts, who start on this page", async () => {
    const analyst = await signedIn("analytiker@kommune.example");
    const work = await analyst.get("/work");
    expect(work.statusCode).toBe(303);
    expect(work.headers.location).toBe("/statistics");
    const res = await analyst.get("/statistics?from=2025-01-01&to=2026-03-02&groupBy=unit");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Grupper med færre end fem klager er lagt sammen");
    // the analyst is told the counts are perturbed (the cell key method, decision 0026)
    expect(res.body).toContain("Tallene er ændret med højst 2 op eller ned");
    const groups = rows(res.body);
    expect(groups.length).toBeGreaterThan(0);
    for (const [group, count] of groups) if (group !== "Andet") expect(count).toBeGreaterThanOrEqual(5);
    // the analyst reads no case: neither search nor a case is in their navigation
    expect(res.body).not.toContain('href="/cases"');
  });

  it("shows two dimensions as two key columns and links the same numbers as CSV", async () => {
    const admin = await signedIn("admin@kommune.example");
    const res = await admin.get("/statistics?from=2025-01-01&to=2026-03-02&groupBy=type&groupBy2=outcome");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<option value="outcome" selected');
    const cells = [
      ...res.body.matchAll(
        /<tr><th scope="row">([^<]*)<\/th><th scope="row">([^<]*)<\/th><td class="align-text-right">(\d+)<\/td>/g,
      ),
    ].map((m) => [m[1], m[2], Number(m[3])]);
    expect(cells.length).toBeGreaterThan(1);
    const oneDimension = rows(
      (await admin.get("/statistics?from=2025-01-01&to=2026-03-02&groupBy=type")).body,
    );
    for (const [type, count] of oneDimension) {
      expect(cells.filter((c) => c[0] === type).reduce((n, c) => n + Number(c[2]), 0)).toBe(count);
    }
    const href = /<a href="([^"]+)" download>/.exec(res.body)?.[1]?.replaceAll("&amp;", "&");
    // the page's download (decision 0023): the API's rows, with a BOM for Excel
    expect(href).toBe("/statistics/export?from=2025-01-01&to=2026-03-02&groupBy=type%2Coutcome&format=csv");
    const csv = await admin.get(href ?? "");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.body.split("\r\n")[0]).toMatch(/^\uFEFFtype,outcome,count,/);
    expect(csv.body.split("\r\n").filter(Boolean)).toHaveLength(cells.length + 1);
  });

  it("names every further dimension's keys in words", async () => {
    const admin = await signedIn("admin@kommune.example");
    const period = "from=2025-01-01&to=2026-03-02";
    for (const by of ["rootCause", "appealsArea", "appealsResult", "deviation", "ageBand"]) {
      const res = await admin.get(`/statistics?${period}&groupBy=${by}&groupBy2=type`);
      expect(res.statusCode, by).toBe(200);
      expect(res.body, by).toMatch(/<th scope="row">[^<]+<\/th><th scope="row">[^<]+<\/th>/);
    }
    const ages = (await admin.get(`/statistics?${period}&groupBy=ageBand`)).body;
    expect(ages).toMatch(
      /<th scope="row">(0-7|8-14|15-30|31-60|&gt;60) dage<\/th>|<th scope="row">Afsluttet<\/th>/,
    );
  });

  it("refuses bad dates at their fields, and people without a statistics role", async () => {
    const admin = await signedIn("admin@kommune.example");
    const bad = await admin.get("/statistics?from=2026-13-01&to=soon");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#from" class="function-link">Skriv datoen som år-måned-dag');
    expect(bad.body).toContain('<a href="#to" class="function-link">Skriv datoen som år-måned-dag');
    expect(bad.body).toContain('value="soon"');
    const backwards = await admin.get("/statistics?from=2026-03-01&to=2026-01-01");
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain("Perioden slutter, før den begynder.");
    const handler = await signedIn("behandler@kommune.example");
    expect((await handler.get("/statistics")).statusCode).toBe(403);
  });
});
