/**
 * An anonymous programme participant complains to no-workplace on a phone, in Chromium, with and
 * without JavaScript (issue 7, point 1): the start page names the topic in words, the form asks who
 * they are, and axe finds nothing on the start page, the form, its error summary and the receipt.
 */
import { describe, expect, it } from "vitest";
import { findCase } from "../../src/db/case.repository.js";
import { accessibilityViolations, HAS_CHROMIUM, PHONE } from "../support/browser.js";
import { useBrowserDemo } from "../support/browser-demo.js";

describe.skipIf(!HAS_CHROMIUM)("an anonymous participant complains to no-workplace in Chromium", () => {
  const demo = useBrowserDemo();

  for (const javaScriptEnabled of [true, false]) {
    it(`files the complaint on a phone (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await demo.browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "nb-NO" });
      const page = await context.newPage();
      // axe runs as a script in the page, so only with JavaScript on
      const axe = async () => {
        if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
      };
      try {
        await page.goto(`${demo.base}/`);
        await axe();
        await page.getByRole("link", { name: /Arbeidsplassen, tiltaket, tjenestene og produktene/ }).click();
        expect(await page.locator("h1").textContent()).toBe(
          "Klage på Arbeidsplassen, tiltaket, tjenestene og produktene",
        );
        await axe();

        // without saying who they are, the form asks
        await page.getByLabel("Overskrift").fill("Opplæring på kappemaskinen");
        if (javaScriptEnabled) {
          // the counter works where its script runs: 300 less the 26 characters typed
          await expect.poll(() => page.locator("#subject-count").textContent()).toBe("Du har 274 tegn igjen");
        }
        await page.getByLabel("Beskriv klagen").fill("Jeg måtte bruke maskinen uten opplæring.");
        await page.getByLabel("Jeg vil klage anonymt").check();
        await page.getByRole("button", { name: "Send klagen" }).click();
        const summary = page.locator("#error-summary");
        await expect.poll(() => summary.isVisible()).toBe(true);
        await axe();
        await summary.getByRole("link", { name: "Velg hvem du er." }).click();
        expect(await page.getByLabel("Overskrift").inputValue()).toBe("Opplæring på kappemaskinen");

        await page.getByLabel("Jeg er deltaker i et tiltak").check();
        await page.getByLabel("Mangelfull opplæring").check();
        await page.getByRole("button", { name: "Send klagen" }).click();
        await page.waitForURL(/\/complaints\/status\/kt_/);
        const main = (await page.locator("main").textContent()) ?? "";
        const reference = /KLA-2026-\d{6}/.exec(main)?.[0] ?? "";
        expect(reference).not.toBe("");
        await axe();
        if (javaScriptEnabled) {
          // nothing sideways on a phone
          expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
            PHONE.width,
          );
        }

        const row = await demo.t.db.kysely
          .selectFrom("cases")
          .select("id")
          .where("procedure_id", "=", "no-workplace")
          .where("reference", "=", reference)
          .executeTakeFirstOrThrow();
        const stored = await findCase(demo.t.db.kysely, row.id);
        expect(stored).toMatchObject({ source: "participant", channel: "web", category: "training" });
        expect(stored?.complainant).toMatchObject({ anonymous: true, name: null, email: null });
      } finally {
        await context.close();
      }
    }, 90_000);
  }
});
