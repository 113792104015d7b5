/**
 * Every demo person signs in and every page their navigation offers opens, with the cases on
 * their work list, in each language: what "npm start" promises a visitor trying each role.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { openTestDb, type TestDatabase } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe("every demo person's pages", () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let passwords: Record<string, string>;

  beforeAll(async () => {
    t = await openTestDb("sqlite");
    const deps = createDeps(t.db, FixedClock.at("2026-03-02T09:00:00Z"));
    passwords = (await loadDemo(deps)).passwords;
    app = await createHttpApp({ deps, rateLimitPerMinute: 0 });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await t?.cleanup();
  });

  const links = (html: string, pattern: RegExp) =>
    [...html.matchAll(/href="([^"#]+)"/g)]
      .map((m) => m[1]!.replace(/&amp;/g, "&"))
      .filter((h) => pattern.test(h));

  it("opens every page in every demo person's navigation, and their cases", async () => {
    const emails = Object.keys(passwords);
    expect(emails.length).toBeGreaterThan(20);
    const opened = new Set<string>();
    for (const [i, email] of emails.entries()) {
      const lang = (["da", "nb", "en"] as const)[i % 3];
      const client = new WebClient(app);
      expect((await client.signIn(email, passwords[email]!)).statusCode, email).toBe(303);
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
