/**
 * The citizen in a real browser: every public page in each language without one axe violation,
 * and filing and following a complaint on a phone-sized screen, with and without JavaScript.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { accessibilityViolations, HAS_CHROMIUM, launchBrowser, PHONE } from "../support/browser.js";
import { useSeededApp } from "../support/seeded-app.js";

describe.skipIf(!HAS_CHROMIUM)("the citizen in Chromium", () => {
  const s = useSeededApp("sqlite", { country: "DK" });
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    base = await s.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  for (const lang of ["da", "nb", "en"] as const) {
    it(`has no accessibility violations on the public pages in ${lang}`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${base}/?lang=${lang}`);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${base}/complaints/new/dk-school?lang=${lang}`);
        expect(await accessibilityViolations(page)).toEqual([]);
        // the form with every error showing
        await page.click("button[type=submit]");
        await page.waitForSelector("#error-summary");
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${base}/nowhere?lang=${lang}`);
        expect(await accessibilityViolations(page)).toEqual([]);
        // the receipt, the tracking page, and adding information with a mistake
        const { receipt } = await submitComplaint(s.deps, {
          procedure: "dk-school",
          unit: "SKOLE-A",
          subject: `Tilgængelighed ${lang}`,
          description: "En klage til siderne.",
          complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
        });
        await page.goto(`${base}/complaints/status/${receipt.trackingToken}?submitted=1&lang=${lang}`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${base}/complaints/status/${receipt.trackingToken}?lang=${lang}`);
        await page.locator("main form button[type=submit]").click();
        await page.waitForSelector("#error-summary");
        expect(await accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`files and follows a complaint on a phone (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "da-DK" });
      const page = await context.newPage();
      try {
        await page.goto(`${base}/`);
        await page.getByRole("link", { name: /Skoler og Skoleafdelingen/ }).click();
        await page.getByLabel("Overskrift").fill("Mobning i 5.B");
        // a first try without a description: the error summary links to the field
        await page.getByRole("button", { name: "Send klagen" }).click();
        const summary = page.locator("#error-summary");
        await expect.poll(() => summary.isVisible()).toBe(true);
        await summary.getByRole("link", { name: "Beskriv din klage." }).click();
        expect(await page.getByLabel("Overskrift").inputValue()).toBe("Mobning i 5.B");

        await page.getByLabel("Beskriv din klage").fill("Min søn bliver mobbet i frikvartererne.");
        await page.getByLabel("Skolens virke").check();
        await page.getByLabel("Hvilken enhed klager du over?").selectOption("SKOLE-A");
        await page.getByLabel("E-mail", { exact: true }).fill("karen@example.org");
        await page.getByRole("button", { name: "Send klagen" }).click();

        await page.waitForURL(/\/complaints\/status\/kt_/);
        expect(await page.locator("h1").textContent()).toBe("Vi har modtaget din klage");
        const reference = /KLA-2026-\d{6}/.exec((await page.locator("main").textContent()) ?? "")?.[0];
        expect(reference).toBeTruthy();
        if (javaScriptEnabled) {
          // (axe runs as a script in the page, so only with JavaScript on)
          expect(await accessibilityViolations(page)).toEqual([]);
          // nothing sideways on a phone
          expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(
            PHONE.width,
          );
        }

        const link = await page.locator(".klara-tracking-link a").getAttribute("href");
        await page.goto(String(link));
        expect(await page.locator("h1").textContent()).toBe(`Status for klage ${reference}`);
        expect(await page.locator("main").textContent()).toContain("Modtaget");

        // later, from the same link: more information and a document, which land in the journal
        await page.getByLabel("Oplysninger").fill("Det skete igen i dag.");
        await page.getByLabel("Vedhæft filer (valgfrit)").setInputFiles({
          name: "dagbog.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("Mandag: skubbet i gården.\n"),
        });
        await page.getByRole("button", { name: "Send", exact: true }).click();
        await expect
          .poll(() => page.locator(".alert-success").textContent())
          .toContain("Dine oplysninger er føjet til sagen");
        const journal = await s.t.db.kysely
          .selectFrom("journal_entries")
          .innerJoin("cases", "cases.id", "journal_entries.case_id")
          .select(["journal_entries.title", "journal_entries.body"])
          .where("cases.reference", "=", reference!)
          .execute();
        expect(journal.find((e) => e.title === "Information from the complainant")?.body).toContain(
          "Det skete igen i dag.",
        );
        const documents = await s.t.db.kysely
          .selectFrom("documents")
          .innerJoin("cases", "cases.id", "documents.case_id")
          .select(["documents.filename"])
          .where("cases.reference", "=", reference!)
          .execute();
        expect(documents.map((d) => d.filename)).toEqual(["dagbog.txt"]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
