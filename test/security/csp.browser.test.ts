/**
 * The pages under the Content Security Policy in a real browser: no directive is violated (no
 * inline script or style, nothing from elsewhere), the stylesheet and fonts load, and a staff
 * person signs in with Secure cookies over http://127.0.0.1.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { HAS_CHROMIUM, launchBrowser } from "../support/browser.js";
import { ALICE, useServedOrganisation } from "./support.js";

describe.skipIf(!HAS_CHROMIUM)("the pages under the CSP, in Chromium", () => {
  const served = useServedOrganisation("sqlite");
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = await served().app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Every CSP violation the page reports, and its console's CSP complaints. */
  async function watched(javaScript: boolean): Promise<{ page: Page; violations: () => Promise<string[]> }> {
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const console: string[] = [];
    // as source text: the test is compiled without the DOM's types
    await context.addInitScript(`
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        window.__csp.push(e.violatedDirective + " " + e.blockedURI));`);
    const page = await context.newPage();
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
    });
    return {
      page,
      violations: async () => [
        ...console,
        ...(javaScript ? ((await page.evaluate("window.__csp")) as string[]) : []),
      ],
    };
  }

  for (const javaScript of [true, false]) {
    it(`shows the public and staff pages without a violation (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { deps } = served();
      const { receipt } = await submitComplaint(deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        subject: "CSP",
        description: "En klage.",
        complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
      });
      const { page, violations } = await watched(javaScript);
      const all: string[] = [];
      for (const path of [
        "/",
        "/complaints/new/dk-school",
        `/complaints/status/${receipt.trackingToken}`,
        "/nowhere",
        "/sign-in",
      ]) {
        const res = await page.goto(`${base}${path}`);
        expect(res?.headers()["content-security-policy"], path).toContain("frame-ancestors 'none'");
        // the stylesheet applied: dkfds' body font, not the browser's default
        const font = String(await page.evaluate("getComputedStyle(document.body).fontFamily"));
        expect(font, path).not.toMatch(/^(serif|"Times New Roman"|Times)/);
        all.push(...(await violations()).map((v) => `${path}: ${v}`));
      }
      await page.fill("#email", ALICE.email);
      await page.fill("#password", ALICE.password);
      await Promise.all([page.waitForURL(/\/work/), page.click("button[type=submit]")]);
      expect(await page.locator("h1").first().textContent()).toBeTruthy();
      await page.goto(`${base}/cases`);
      all.push(...(await violations()).map((v) => `staff: ${v}`));
      expect(all).toEqual([]);
      await page.context().close();
    }, 60_000);
  }
});
