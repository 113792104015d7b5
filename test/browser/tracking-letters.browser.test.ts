/**
 * The citizen's letters in a real browser on a phone-sized screen: the answered complaint's tracking
 * page has no axe violation in da/nb/en; without JavaScript it shows the reply, and a letter opens by
 * its native disclosure to show its text.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { accessibilityViolations, HAS_CHROMIUM, launchBrowser, PHONE } from "../support/browser.js";
import { useSeededApp } from "../support/seeded-app.js";

describe.skipIf(!HAS_CHROMIUM)("the citizen's letters in Chromium", () => {
  const s = useSeededApp("sqlite", { country: "DK" });
  let browser: Browser;
  let base: string;
  let token: string;

  beforeAll(async () => {
    base = await s.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
    const { receipt } = await submitComplaint(s.deps, {
      procedure: "dk-school",
      unit: "SKOLE-A",
      category: "school_conduct",
      subject: "Mobning i 4.b",
      description: "Min søn bliver mobbet.",
      complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
    });
    const id = receipt.id;
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "acknowledge", {});
    s.deps.clock.advance({ minutes: 5 });
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "assign", {});
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T08:30:00.000Z",
      note: "Talt med mor",
    });
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "submit-draft", {
      body: "Vi har talt med klassen.",
    });
    await runCaseCommand(s.deps, s.org.actors.approver, id, "approve", {});
    s.deps.clock.advance({ minutes: 5 });
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "send-reply", { outcome: "upheld" });
    await deliverMail(s.deps, { sender: null });
    token = receipt.trackingToken;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("has no axe violation on the answered complaint's tracking page in da, nb and en", async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    try {
      for (const lang of ["da", "nb", "en"] as const) {
        await page.goto(`${base}/complaints/status/${token}?lang=${lang}`);
        expect(await accessibilityViolations(page)).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }, 90_000);

  it("shows the reply and opens a letter without JavaScript", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/complaints/status/${token}?lang=da`);
      expect(await page.getByRole("heading", { name: "Svaret på din klage" }).isVisible()).toBe(true);
      expect(await page.getByText("Vi har talt med klassen.").first().isVisible()).toBe(true);
      const acknowledgement = page
        .locator("details")
        .filter({ has: page.locator("summary", { hasText: ": Kvitteringsbrev —" }) });
      const text = acknowledgement.getByText(/^Vi har modtaget din klage \(KLA-/);
      expect(await text.isVisible()).toBe(false);
      await acknowledgement.locator("summary").click();
      await expect.poll(() => text.isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});
