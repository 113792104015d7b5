/**
 * The accessibility suites' set-up: the demo over HTTP, one Chromium at phone width (375×812), a
 * sign-in through the sign-in page, and a test per visitor that opens each of their pages of
 * `everyPage` in one tab and runs axe. Shared by the public and the staff accessibility suites,
 * which run side by side.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { accessibilityViolations, launchBrowser } from "./browser.js";
import { type DemoWeb, useDemoWeb } from "./demo-web.js";
import { axeVisits, everyPage, type PageVisit } from "./every-page.js";

const PHONE = { width: 375, height: 812 };

export interface AxePhone {
  readonly demo: DemoWeb;
  readonly base: string;
  /** A phone-sized browser context, signed in when a person is given. */
  phone(email?: string, javaScriptEnabled?: boolean): Promise<BrowserContext>;
  /** A test that finds no axe violation on any page of the visitor ("" for the public). */
  itFindsNoViolation(who: string): void;
}

export function useAxePhone(): AxePhone {
  const demo = useDemoWeb("sqlite");
  let browser: Browser;
  let base = "";
  let visits: Promise<PageVisit[]> | undefined;

  beforeAll(async () => {
    base = await demo.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  async function phone(email?: string, javaScriptEnabled = true): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, javaScriptEnabled });
    if (email) {
      const page = await context.newPage();
      await page.goto(`${base}/sign-in`);
      await page.fill("#email", email);
      await page.fill("#password", demo.passwords[email] ?? "");
      await page.click("main button[type=submit]");
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      await page.close();
    }
    return context;
  }

  function itFindsNoViolation(who: string) {
    it(`finds no violation on any page ${who ? `of ${who}` : "of the public"}`, async () => {
      // the public pages, and each staff page only where its markup differs (every-page.ts)
      visits ??= everyPage(demo).then(axeVisits);
      const mine = (await visits).filter((v) => (v.as ?? "") === who);
      expect(mine.length).toBeGreaterThan(who ? 0 : 20);
      const context = await phone(who || undefined);
      const found: { page: string; violations: unknown[] }[] = [];
      try {
        // one tab: each visit is a new document, as a new tab's would be
        const page = await context.newPage();
        for (const visit of mine) {
          const res = await page.goto(`${base}${visit.url}`);
          expect(res?.status(), visit.url).toBe(visit.status ?? 200);
          const violations = await accessibilityViolations(page);
          if (violations.length) found.push({ page: visit.name, violations });
        }
      } finally {
        await context.close();
      }
      expect(found).toEqual([]);
    }, 240_000);
  }

  return {
    demo,
    get base() {
      return base;
    },
    phone,
    itFindsNoViolation,
  };
}
