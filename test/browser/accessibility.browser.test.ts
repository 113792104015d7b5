/**
 * The public pages in Chromium at phone width (375×812), as axe sees it (WCAG 2.1 A/AA and best
 * practice): the public pages in each language, each procedure's form, the tracking page, the
 * accessibility statement and the error pages (the staff pages: accessibility-staff.browser.test.ts).
 * Also, without JavaScript: a failed submit puts the focus on the error summary, and a table wider
 * than the phone scrolls in a region the keyboard reaches.
 */
import { describe, expect, it } from "vitest";
import { useAxePhone } from "../support/axe-phone.js";
import { HAS_CHROMIUM } from "../support/browser.js";

describe.skipIf(!HAS_CHROMIUM)("the public pages at phone width in Chromium, as axe sees it", () => {
  const axe = useAxePhone();
  const phone = axe.phone;

  axe.itFindsNoViolation("");

  it("puts the focus on the error summary after a failed submit, without JavaScript", async () => {
    const context = await phone(undefined, false);
    try {
      const page = await context.newPage();
      await page.goto(`${axe.base}/complaints/new/dk-school`);
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
      await page.goto(`${axe.base}/cases`);
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
