/**
 * Every page in Chromium at phone width (375×812), as axe sees it (WCAG 2.1 A/AA and best
 * practice): the public pages in each language, each procedure's form, the tracking page, the
 * accessibility statement, the error pages, and the staff and admin pages of several demo people.
 * Also, without JavaScript: a failed submit puts the focus on the error summary, and a table wider
 * than the phone scrolls in a region the keyboard reaches.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessibilityViolations, HAS_CHROMIUM, launchBrowser } from "../support/browser.js";
import { useDemoWeb } from "../support/demo-web.js";
import { everyPage, type PageVisit, STAFF } from "../support/every-page.js";

const PHONE = { width: 375, height: 812 };

describe.skipIf(!HAS_CHROMIUM)("every page at phone width in Chromium, as axe sees it", () => {
  const demo = useDemoWeb("sqlite");
  let browser: Browser;
  let base: string;
  let visits: Promise<PageVisit[]> | undefined;
  const allVisits = () => {
    visits ??= everyPage(demo);
    return visits;
  };

  beforeAll(async () => {
    base = await demo.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** A phone-sized browser, signed in through the sign-in page when a person is given. */
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

  // one test per visitor (the public, then each demo person), each page in a new tab of one browser
  for (const who of ["", ...STAFF]) {
    it(`finds no violation on any page ${who ? `of ${who}` : "of the public"}`, async () => {
      const visits = (await allVisits()).filter((v) => (v.as ?? "") === who);
      expect(visits.length).toBeGreaterThan(who ? 0 : 20);
      const context = await phone(who || undefined);
      const found: { page: string; violations: unknown[] }[] = [];
      try {
        for (const visit of visits) {
          const page = await context.newPage();
          const res = await page.goto(`${base}${visit.url}`);
          expect(res?.status(), visit.url).toBe(visit.status ?? 200);
          const violations = await accessibilityViolations(page);
          if (violations.length) found.push({ page: visit.name, violations });
          await page.close();
        }
      } finally {
        await context.close();
      }
      expect(found).toEqual([]);
    }, 240_000);
  }

  it("puts the focus on the error summary after a failed submit, without JavaScript", async () => {
    const context = await phone(undefined, false);
    try {
      const page = await context.newPage();
      await page.goto(`${base}/complaints/new/dk-school`);
      await page.click("main form button[type=submit]", { timeout: 20_000 });
      await page.waitForSelector("#error-summary", { timeout: 20_000 });
      // (a locator's evaluate: the page's own scripts are off)
      const summary = page.locator("#error-summary");
      expect(await summary.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it("lets the keyboard reach and scroll a table wider than the phone", async () => {
    const context = await phone("koordinator@kommune.example", false);
    try {
      const page = await context.newPage();
      await page.goto(`${base}/cases`);
      const region = page.locator(".table--responsive-scroll").first();
      const { scrolls, tabIndex, role, label } = await region.evaluate((el) => ({
        scrolls: el.scrollWidth > el.clientWidth,
        tabIndex: Number(el.getAttribute("tabindex")),
        role: el.getAttribute("role"),
        label: el.getAttribute("aria-label"),
      }));
      expect(scrolls).toBe(true);
      expect({ tabIndex, role }).toEqual({ tabIndex: 0, role: "region" });
      expect(label).toBeTruthy();
      // Tab until the region has the focus, then the arrow key scrolls it
      let focused = false;
      for (let i = 0; i < 60 && !focused; i++) {
        await page.keyboard.press("Tab");
        focused = await region.evaluate((el) => el === el.ownerDocument.activeElement);
      }
      expect(focused).toBe(true);
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => region.evaluate((el) => el.scrollLeft), { timeout: 5000 }).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
