/**
 * A receiver registers a decision complaint that came by letter from a representative, on a phone,
 * in Chromium with and without JavaScript: the form has the decision, the representative and the
 * power of attorney, and axe finds nothing on it (empty or with its errors showing).
 */
import { describe, expect, it } from "vitest";
import { findCase } from "../../src/db/case.repository.js";
import { accessibilityViolations, HAS_CHROMIUM, PHONE } from "../support/browser.js";
import { useBrowserDemo } from "../support/browser-demo.js";

describe.skipIf(!HAS_CHROMIUM)("registering a decision complaint in Chromium", () => {
  const demo = useBrowserDemo();
  const RECEIVER = "modtager@kommune.example";

  for (const javaScriptEnabled of [true, false]) {
    it(`with a representative and the decision (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await demo.browser.newContext({ viewport: PHONE, javaScriptEnabled, locale: "da-DK" });
      const page = await context.newPage();
      const axe = async () => {
        if (javaScriptEnabled) expect(await accessibilityViolations(page)).toEqual([]);
      };
      const subject = `Afslag på enkeltydelse (${javaScriptEnabled})`;
      try {
        await demo.signIn(page, RECEIVER);
        await page.goto(`${demo.base}/cases/new?procedure=dk-employment`);
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
      const row = await demo.t.db.kysely
        .selectFrom("cases")
        .select("id")
        .where("subject", "=", subject)
        .executeTakeFirstOrThrow();
      const c = await findCase(demo.t.db.kysely, row.id);
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
