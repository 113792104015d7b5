import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";

describe("every demo person's pages", () => {
  const demo = useDemoWeb("sqlite");

  const links = (html: string, pattern: RegExp) =>
    [...html.matchAll(/href="([^"#]+)"/g)]
      .map((m) => m[1]!.replace(/&amp;/g, "&"))
      .filter((h) => pattern.test(h));

  it("opens every page in every demo person's navigation, and their cases", async () => {
    const emails = Object.keys(demo.passwords);
    expect(emails.length).toBeGreaterThan(20);
    const opened = new Set<string>();
    for (const [i, email] of emails.entries()) {
      const lang = (["da", "nb", "en"] as const)[i % 3];
      const client = await demo.signedIn(email);
      // the analyst's work is the numbers: /work sends them there
      let work = await client.get(`/work?lang=${lang}`);
      if (work.statusCode === 303) work = await client.get(String(work.headers.location));
      expect(work.statusCode, email).toBe(200);
      const pages = new Set([
        ...links(work.body, /^\/(work|cases|cases\/new|admin\/people|statistics)$/),
        ...links(work.body, /^\/cases\/(?!new$)[0-9a-z-]+$/).slice(0, 3),
      ]);
      if (pages.has("/admin/people")) {
        for (const extra of ["/admin/units", "/admin/procedures"]) pages.add(extra);
      }
      for (const href of pages) {
        const res = await client.get(href);
        expect(res.statusCode, `${email} ${href}`).toBe(200);
        expect(res.body, `${email} ${href}`).toContain(`<html lang="${lang}">`);
        opened.add(href.replace(/^\/cases\/(?!new$)[0-9a-z-]+$/, "/cases/:id"));
      }
    }
    expect([...opened].sort()).toEqual([
      "/admin/people",
      "/admin/procedures",
      "/admin/units",
      "/cases",
      "/cases/:id",
      "/cases/new",
      "/statistics",
      "/work",
    ]);
  }, 120_000);
});
