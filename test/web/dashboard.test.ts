/**
 * The dashboard page on the demo, on each database: its charts are well-formed SVG in role="img"
 * figures with tables of the same numbers as `getStatistics`; every count's link leads to a case
 * list whose count (with the cases not shown to the reader) equals the figure; analysts get no
 * links; the admins' target band form; the API's unit filter.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { StatsQuery } from "../../src/app/schemas.js";
import { getStatistics } from "../../src/app/statistics.js";
import type { Role } from "../../src/domain/vocabulary.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";
import { assertWellFormedXml, svgsOf } from "../support/yearly-report-check.js";

const PERIOD = "from=2025-01-01&to=2026-03-02";
const unescapeAmp = (s: string) => s.replaceAll("&amp;", "&");

/** A section's table rows as [head, count text, link or null]. */
function tableRows(html: string, id: string): [string, string, string | null][] {
  const section = new RegExp(`<section id="figure-${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? "";
  return [
    ...section.matchAll(
      /<tr><th scope="row">([^<]*)<\/th><td class="align-text-right">(?:<a href="([^"]+)">([^<]*)<\/a>|([^<]*))<\/td>/g,
    ),
  ].map((m) => [m[1]!, m[3] ?? m[4] ?? "", m[2] ? unescapeAmp(m[2]) : null]);
}

describe.each(DIALECTS)("the dashboard page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const signedIn = async (email: string) => {
    const client = new WebClient(demo.app);
    expect((await client.signIn(email, demo.passwords[email] ?? "")).statusCode).toBe(303);
    return client;
  };
  const actorOf = async (email: string): Promise<Actor> => {
    const p = await demo.t.db.kysely
      .selectFrom("people")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    return {
      personId: p.id,
      organisationId: p.organisation_id,
      name: p.name,
      roles: JSON.parse(p.roles) as Role[],
    };
  };
  const listCount = (html: string) => {
    const listed = Number(/(\d+) sager passer\./.exec(html)?.[1] ?? Number.NaN);
    const notShown = Number(/(\d+) sager vises ikke for dig/.exec(html)?.[1] ?? 0);
    return { listed, notShown };
  };

  it("draws each figure as SVG with a table of getStatistics's numbers", async () => {
    const email = "skolechef@kommune.example";
    const manager = await signedIn(email);
    const res = await manager.get(
      `/statistics/dashboard?${PERIOD}&baselineFrom=2024-01-01&baselineTo=2025-03-02`,
    );
    expect(res.statusCode).toBe(200);
    const svgs = svgsOf(res.body);
    expect(svgs.length).toBeGreaterThanOrEqual(5);
    for (const svg of svgs) assertWellFormedXml(svg);
    expect(res.body.match(/<figure role="img" aria-label="[^"]+"/g)?.length).toBe(svgs.length);
    const byCategory = await getStatistics(
      demo.deps,
      await actorOf(email),
      StatsQuery.parse({ from: "2025-01-01", to: "2026-03-02", groupBy: "category" }),
    );
    const rows = tableRows(res.body, "category");
    expect(rows.map((r) => Number(r[1]))).toEqual(byCategory.groups.map((g) => g.count));
    // the chart holds the same numbers as its table
    const categoryChart = /<section id="figure-category"[\s\S]*?<\/figure>/.exec(res.body)?.[0] ?? "";
    for (const [, count] of rows) expect(categoryChart).toContain(`>${count}<`);
    expect(res.body).toContain(`${byCategory.total} klager modtaget i perioden mod`);
    // the appeals board's section names its target band
    expect(res.body).toContain("Mål 80–85 %");
  });

  it("links every count to a list of as many cases, those not shown counted under it", async () => {
    for (const email of ["skolechef@kommune.example", "admin@kommune.example"]) {
      const client = await signedIn(email);
      const page = await client.get(`/statistics/dashboard?${PERIOD}`);
      const linked = ["category", "trend", "age", "outcome", "channel"].flatMap((id) =>
        tableRows(page.body, id).filter((r) => r[2] !== null),
      );
      expect(linked.length).toBeGreaterThan(5);
      let hidden = 0;
      for (const [head, count, href] of linked) {
        const list = await client.get(href ?? "");
        expect(list.statusCode, href ?? "").toBe(200);
        const { listed, notShown } = listCount(list.body);
        expect(listed + notShown, `${email} ${head} ${href}`).toBe(Number(count));
        if (email.startsWith("admin")) expect(notShown).toBe(0);
        hidden += notShown;
        if (listed <= 25)
          expect(list.body.match(/href="\/cases\/[A-Za-z0-9_-]{8,}"/g) ?? []).toHaveLength(listed);
      }
      // the school head sees the school's cases, not the employment administration's
      if (email.startsWith("skolechef")) expect(hidden).toBeGreaterThan(0);
    }
  });

  it("gives analysts the figures without links to cases", async () => {
    const analyst = await signedIn("analytiker@kommune.example");
    const res = await analyst.get(`/statistics/dashboard?${PERIOD}`);
    expect(res.statusCode).toBe(200);
    expect(svgsOf(res.body).length).toBeGreaterThan(0);
    expect(res.body).not.toContain('href="/cases?');
    expect(res.body).toContain("Grupper med færre end 5 klager er lagt sammen");
    expect(res.body).toContain("Tallene er ændret med højst 2 op eller ned");
    const handler = await signedIn("behandler@kommune.example");
    expect((await handler.get("/statistics/dashboard")).statusCode).toBe(403);
  });

  it("names a bad date or an unknown unit, in English too", async () => {
    const admin = await signedIn("admin@kommune.example");
    const bad = await admin.get("/statistics/dashboard?from=2026-13-01&lang=en");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#from"');
    const unit = await admin.get("/statistics/dashboard?unit=NOWHERE&lang=en");
    expect(unit.statusCode).toBe(400);
    expect(unit.body).toContain('href="#unit"');
    const ok = await admin.get("/statistics/dashboard?lang=en");
    expect(ok.body).toContain("<h1>Dashboard</h1>");
  });

  it("lets admins set the appeals board's target band, checked", async () => {
    const admin = await signedIn("admin@kommune.example");
    const form = await admin.get("/statistics/dashboard");
    const token = WebClient.token(
      /<form method="post" action="\/statistics\/dashboard\/target"[\s\S]*?<\/form>/.exec(form.body)?.[0] ??
        "",
    );
    const saved = await admin.post("/statistics/dashboard/target", {
      _csrf: token,
      targetProcedure: "dk-employment",
      low: "75",
      high: "88",
    });
    expect(saved.statusCode).toBe(303);
    const page = await admin.get(`/statistics/dashboard?${PERIOD}&procedure=dk-employment`);
    expect(page.body).toContain("Mål 75–88 %");
    expect(svgsOf(page.body).some((svg) => svg.includes(">Mål 75–88 %<"))).toBe(true);
    // the organisation's default is unchanged
    expect((await admin.get(`/statistics/dashboard?${PERIOD}`)).body).toContain("Mål 80–85 %");
    const wrong = await admin.post("/statistics/dashboard/target", {
      _csrf: token,
      targetProcedure: "",
      low: "90",
      high: "80",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#high"');
    const noToken = await admin.post("/statistics/dashboard/target", { low: "1", high: "2" });
    expect(noToken.statusCode).toBe(403);
    const manager = await signedIn("skolechef@kommune.example");
    const managerForm = await manager.get("/statistics/dashboard");
    expect(managerForm.body).not.toContain('action="/statistics/dashboard/target"');
    const refused = await manager.post("/statistics/dashboard/target", {
      _csrf: WebClient.token(managerForm.body),
      low: "1",
      high: "2",
    });
    expect(refused.statusCode).toBe(403);
  });

  it("filters the API's statistics by unit and names an unknown unit", async () => {
    const get = (query: string) =>
      demo.app.inject({
        url: `/api/v1/stats?${query}`,
        headers: { authorization: `Bearer ${demo.tokens["admin@kommune.example"]}` },
      });
    const admin = await actorOf("admin@kommune.example");
    const unit = await demo.t.db.kysely
      .selectFrom("units")
      .select("id")
      .where("code", "=", "SKOLE-A")
      .where("organisation_id", "=", admin.organisationId)
      .executeTakeFirstOrThrow();
    const cases = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("unit_id", "=", unit.id)
      .where("received_date", ">=", "2025-01-01")
      .where("received_date", "<=", "2026-03-02")
      .execute();
    expect(cases.length).toBeGreaterThan(0);
    const res = await get(`${PERIOD}&groupBy=type&unit=SKOLE-A`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(cases.length);
    expect((await get(`${PERIOD}&groupBy=type`)).json().total).toBeGreaterThan(cases.length);
    const bad = await get(`${PERIOD}&groupBy=type&unit=NOWHERE`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify(bad.json())).toContain('"unit"');
  });
});
