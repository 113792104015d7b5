/**
 * A receiver registers a decision complaint that came by letter from a representative, on a phone,
 * in Chromium with and without JavaScript: the form has the decision, the representative and the
 * power of attorney, and axe finds nothing on it (empty or with its errors showing).
 */
import type { FastifyInstance } from "fastify";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { findCase } from "../../src/db/case.repository.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { accessibilityViolations, HAS_CHROMIUM, launchBrowser, PHONE } from "../support/browser.js";
import { openTestDb, type TestDatabase } from "../support/test-db.js";

describe.skipIf(!HAS_CHROMIUM)("registering a decision complaint in Chromium", () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let passwords: Record<string, string>;
  const RECEIVER = "modtager@kommune.example";

  beforeAll(async () => {
    t = await openTestDb("sqlite");
    const deps = createDeps(t.db, FixedClock.at("2026-03-02T09:00:00Z"));
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

  for (const javaScriptEnabled of [true, false]) {
    it(`with a representative and the decision (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "da-DK" });
      const page = await context.newPage();
      const axe = async () => {
        if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
      };
      const subject = `Afslag på enkeltydelse (${javaScriptEnabled})`;
      try {
        await page.goto(`${base}/sign-in`);
        await page.getByLabel("E-mail").fill(RECEIVER);
        await page.getByLabel("Adgangskode").fill(passwords[RECEIVER] ?? "");
        await page.getByRole("button", { name: "Log ind" }).click();
        await page.waitForURL(/\/work$/);
        await page.goto(`${base}/cases/new?procedure=dk-employment`);
        await axe();

        await page.getByLabel("Modtaget via").selectOption("letter");
        await page.getByLabel("Modtaget dato (år-måned-dag)").fill("2026-02-27");
        await page.getByLabel("Klagen kommer fra").selectOption("representative");
        await page.getByLabel("Klagens art").selectOption("decision");
        await page.getByLabel("Overskrift").fill(subject);
        await page.getByLabel("Beskriv din klage").fill("Vi klager over afslaget.");
        await page.getByLabel("Afgørelsens dato").fill("2026-04-01");
        await page.locator('[id="complainant.address"]').fill("Vejen 1, 2610 Rødovre");
        await page.locator('[id="representative.name"]').fill("Advokat Berg");
        await page.getByLabel("Fuldmagten er modtaget").check();
        // a decision dated after today is refused, and the form keeps what was typed
        await page.getByRole("button", { name: "Registrér klagen" }).click();
        await expect.poll(() => page.locator("#error-summary").isVisible()).toBe(true);
        await axe();
        expect(await page.locator('[id="representative.name"]').inputValue()).toBe("Advokat Berg");

        await page.getByLabel("Afgørelsens dato").fill("2026-02-20");
        await page.getByLabel("Hurtigsporet (5 arbejdsdage ved genvurdering)").check();
        await page.getByRole("button", { name: "Registrér klagen" }).click();
        await page.waitForURL(/\/work\?registered=/);
      } finally {
        await context.close();
      }
      const row = await t.db.kysely
        .selectFrom("cases")
        .select("id")
        .where("subject", "=", subject)
        .executeTakeFirstOrThrow();
      const c = await findCase(t.db.kysely, row.id);
      expect(c).toMatchObject({
        channel: "letter",
        source: "representative",
        type: "decision",
        decision: { date: "2026-02-20", fastTrack: true },
        representative: { name: "Advokat Berg", powerOfAttorneyReceived: true },
      });
    }, 90_000);
  }
});
