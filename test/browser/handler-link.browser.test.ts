/**
 * The handler without an account in a real browser on a phone, without JavaScript (decision
 * 0017): the personal link opens the case, the reply is typed and a file attached and sent; the
 * page says it was recorded and lists the file (axe checks the page in every-page's list). The
 * complainant confirms with the button.
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { RegisterCaseBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { accessibilityViolations, HAS_CHROMIUM, launchBrowser, PHONE } from "../support/browser.js";
import { useSeededApp } from "../support/seeded-app.js";

describe.skipIf(!HAS_CHROMIUM)("personal links in Chromium", () => {
  const s = useSeededApp("sqlite", { country: "DK" });
  let browser: Browser;
  let base: string;

  const linkIn = async (caseId: string, path: string) => {
    const bodies = (await outboxFor(s.t.db.kysely, caseId)).map((l) => l.body ?? "").join("\n");
    return new RegExp(`${path.replaceAll("/", "\\/")}[A-Za-z0-9_-]+`).exec(bodies)?.[0] ?? "";
  };

  beforeAll(async () => {
    base = await s.app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("lets the handler read the case and send a reply with a file, without JavaScript", async () => {
    const { receipt } = await submitComplaint(s.deps, {
      procedure: "dk-school",
      unit: "SKOLE-A",
      subject: "Mobning i 4.b",
      description: "Min søn bliver mobbet, og skolen reagerer ikke.",
      complainant: {
        name: "Mette Hansen",
        email: "mette@example.org",
        anonymous: false,
        nationalId: "0101901234",
      },
    });
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "send-handler-link", {
      handlerName: "Per Holm",
      handlerEmail: "per.holm@skole-a.example",
    });
    const path = await linkIn(receipt.id, "/handler/");
    const file = join(tmpdir(), `klara-referat-${process.pid}.txt`);
    writeFileSync(file, "Referat af mødet med forældrene.\n");

    const context = await browser.newContext({
      viewport: PHONE,
      isMobile: true,
      javaScriptEnabled: false,
      locale: "da-DK",
    });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${path}`);
      expect(await page.textContent("main")).toContain("Min søn bliver mobbet");
      expect(await page.content()).not.toContain("0101901234");
      await page.fill("#text", "Jeg har holdt møde med forældrene.");
      await page.setInputFiles("#files", file);
      await page.click("main form button[type=submit]");
      await page.waitForURL(/added=1/);
      expect(await page.textContent(".alert-success")).toContain("journaliseret");
      expect(await page.textContent("main")).toContain(`klara-referat-${process.pid}.txt`);
    } finally {
      await context.close();
    }
    const entry = (await journalOf(s.t.db.kysely, receipt.id)).at(-1);
    expect(entry?.title).toBe("Reply or notes from the external handler");
    expect(entry?.body).toContain("Jeg har holdt møde med forældrene.");
  }, 60_000);

  it("lets the complainant confirm a formal complaint with one button", async () => {
    const created = await registerCase(
      s.deps,
      s.org.actors.leaderA,
      RegisterCaseBody.parse({
        procedure: "dk-central-unit",
        unit: "SKOLE-A",
        category: "school",
        needsConfirmation: true,
        complainant: { name: "Jonas Krogh", email: "jonas@example.org" },
        subject: "Henvendelse om trivsel",
        description: "Forælderen var utilfreds ved et møde.",
      }),
    );
    const path = await linkIn(created.case.id, "/complaints/confirm/");
    const context = await browser.newContext({ viewport: PHONE, isMobile: true });
    const page = await context.newPage();
    try {
      await page.goto(`${base}${path}?lang=en`);
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.click("main form button[type=submit]");
      await page.waitForSelector(".alert-success");
      expect(await page.textContent(".alert-success")).toContain("formal complaint");
    } finally {
      await context.close();
    }
    expect((await findCase(s.t.db.kysely, created.case.id))?.status).toBe("received");
  }, 60_000);
});
