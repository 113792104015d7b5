/**
 * A coordinator answers a case with two handlers in a real browser: assigns both with their parts,
 * each handler answers their part, the coordinator's reply starts from both, an approver approves,
 * the coordinator sends it — with JavaScript on and off, and no axe violation on the way.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { accessibilityViolations, caseAction, HAS_CHROMIUM } from "../support/browser.js";
import { useBrowserDemo } from "../support/browser-demo.js";

describe.skipIf(!HAS_CHROMIUM)("a combined reply in Chromium", () => {
  const demo = useBrowserDemo();

  const as = (email: string, javaScriptEnabled: boolean, url: string, work: (page: Page) => Promise<void>) =>
    demo.as(email, work, { javaScriptEnabled, url });

  const submit = async (page: Page, command: string) => {
    await (await caseAction(page, command)).getByRole("button").click();
    await page.waitForURL(new RegExp(`done=${command}`));
  };

  for (const javaScriptEnabled of [true, false]) {
    it(`answers a case with two handlers in one reply (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const { receipt } = await submitComplaint(demo.deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: `Mobning og skolebus (${javaScriptEnabled})`,
        description: "To ting: mobning i frikvarteret, og skolebussen kommer ikke.",
        complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
      });
      const url = `${demo.base}/cases/${receipt.id}`;
      await as("koordinator@kommune.example", javaScriptEnabled, url, async (page) => {
        await submit(page, "acknowledge");
        const form = await caseAction(page, "assign");
        await form
          .getByLabel("Sagsbehandler 1", { exact: true })
          .selectOption({ label: "Birgitte Behandler" });
        await form.getByLabel("Del for sagsbehandler 1").fill("Mobningen");
        await form.getByLabel("Sagsbehandler 2", { exact: true }).selectOption({ label: "Hanne Jobcenter" });
        await form.getByLabel("Del for sagsbehandler 2").fill("Skolebussen");
        await submit(page, "assign");
      });
      await as("behandler@kommune.example", javaScriptEnabled, url, async (page) => {
        await (await caseAction(page, "submit-draft")).getByLabel("Tekst").fill("Vi har talt med klassen.");
        await submit(page, "submit-draft");
      });
      await as("sagsbehandler.job@kommune.example", javaScriptEnabled, url, async (page) => {
        await (await caseAction(page, "submit-draft"))
          .getByLabel("Tekst")
          .fill("Bussen kører igen fra mandag.");
        await submit(page, "submit-draft");
      });
      await as("koordinator@kommune.example", javaScriptEnabled, url, async (page) => {
        const draft = (await caseAction(page, "submit-draft")).getByLabel("Tekst");
        expect(await draft.inputValue()).toBe(
          "Mobningen\n\nVi har talt med klassen.\n\nSkolebussen\n\nBussen kører igen fra mandag.",
        );
        if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
        await draft.fill(`Kære Karen\n\n${await draft.inputValue()}`);
        await submit(page, "submit-draft");
      });
      await as("godkender@kommune.example", javaScriptEnabled, url, async (page) => {
        expect(await page.locator(".klara-draft").textContent()).toContain("Kære Karen");
        await submit(page, "approve");
      });
      await as("koordinator@kommune.example", javaScriptEnabled, url, async (page) => {
        await (await caseAction(page, "send-reply")).getByLabel("Resultat").selectOption("partly_upheld");
        await submit(page, "send-reply");
        expect(await page.locator("main h1 + p .badge").first().textContent()).toBe("Besvaret");
      });
    }, 120_000);
  }
});
