/**
 * A coordinator answers a case with two handlers in a real browser: assigns both with their parts,
 * each handler answers their part, the coordinator's reply starts from both, an approver approves,
 * the coordinator sends it — with JavaScript on and off, and no axe violation on the way.
 */
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { accessibilityViolations, caseAction, HAS_CHROMIUM, launchBrowser } from "../support/browser.js";
import { openTestDb, type TestDatabase } from "../support/test-db.js";

describe.skipIf(!HAS_CHROMIUM)("a combined reply in Chromium", () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let passwords: Record<string, string>;
  let deps: ReturnType<typeof createDeps>;

  beforeAll(async () => {
    t = await openTestDb("sqlite");
    deps = createDeps(t.db, FixedClock.at("2026-03-02T09:00:00Z"));
    passwords = (await loadDemo(deps)).passwords;
    app = await createHttpApp({ deps, rateLimitPerMinute: 0 });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  async function as(
    email: string,
    javaScriptEnabled: boolean,
    url: string,
    work: (page: Page) => Promise<void>,
  ) {
    const context = await browser.newContext({ javaScriptEnabled, locale: "da-DK" });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/sign-in`);
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Adgangskode").fill(passwords[email] ?? "");
      await page.getByRole("button", { name: "Log ind" }).click();
      await page.waitForURL(/\/work$/);
      await page.goto(url);
      await work(page);
    } finally {
      await context.close();
    }
  }

  const submit = async (page: Page, command: string) => {
    await (await caseAction(page, command)).getByRole("button").click();
    await page.waitForURL(new RegExp(`done=${command}`));
  };

  for (const javaScriptEnabled of [true, false]) {
    it(`answers a case with two handlers in one reply (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const { receipt } = await submitComplaint(deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: `Mobning og skolebus (${javaScriptEnabled})`,
        description: "To ting: mobning i frikvarteret, og skolebussen kommer ikke.",
        complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
      });
      const url = `${base}/cases/${receipt.id}`;
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
