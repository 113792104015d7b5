/**
 * Staff in a real browser: the staff and admin pages in English at desktop width without one axe
 * violation (Danish and Norwegian at phone width: accessibility-staff.browser.test.ts), and the
 * approval journey (a handler drafts, the approver returns it, the handler fixes it, the approver
 * approves, the reply is sent, the case closes), with JavaScript on and off.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { accessibilityViolations, caseAction, HAS_CHROMIUM } from "../support/browser.js";
import { useBrowserDemo } from "../support/browser-demo.js";

describe.skipIf(!HAS_CHROMIUM)("staff in Chromium", () => {
  const demo = useBrowserDemo();

  const as = (email: string, javaScriptEnabled: boolean, work: (page: Page) => Promise<void>) =>
    demo.as(email, work, { javaScriptEnabled });

  const act = async (page: Page, command: string, fields: Record<string, string> = {}) => {
    const form = await caseAction(page, command);
    for (const [label, value] of Object.entries(fields)) {
      const field = form.getByLabel(label);
      if ((await field.evaluate((el) => el.tagName)) === "SELECT") await field.selectOption(value);
      else await field.fill(value);
    }
    await form.getByRole("button").click();
    await page.waitForURL(new RegExp(`done=${command}`));
  };

  // at desktop width in English; Danish and Norwegian at phone width: accessibility-staff.browser.test.ts
  for (const lang of ["en"] as const) {
    it(`has no accessibility violations on the staff pages in ${lang}`, async () => {
      const id = (
        await submitComplaint(demo.deps, {
          procedure: "dk-school",
          unit: "SKOLE-A",
          category: "school_conduct",
          subject: "Tilgængelighed",
          description: "En klage til siderne.",
          complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
        })
      ).receipt.id;
      const context = await demo.browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${demo.base}/sign-in?lang=${lang}`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.click("button[type=submit]");
        await page.waitForSelector("#error-summary");
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.fill("#email", "koordinator@kommune.example");
        await page.fill("#password", demo.passwords["koordinator@kommune.example"] ?? "");
        await page.click("button[type=submit]");
        await page.waitForURL(/\/work/);
        expect(await page.getAttribute("html", "lang")).toBe(lang);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/cases?q=klage`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/cases/${id}`);
        expect(await accessibilityViolations(page)).toEqual([]);
        // cases with tasks (dk-abc) and with a reassessment sent to the appeals board (dk-employment)
        for (const procedure of ["dk-abc", "dk-employment", "dk-central-unit"]) {
          const demoCase = await demo.t.db.kysely
            .selectFrom("cases")
            .select("id")
            .where("procedure_id", "=", procedure)
            .where("type", procedure === "dk-abc" ? "!=" : "=", "decision")
            .orderBy("received_at")
            .executeTakeFirstOrThrow();
          await page.goto(`${demo.base}/cases/${demoCase.id}`);
          expect(await accessibilityViolations(page)).toEqual([]);
        }
        // the refusal and not-found pages
        expect((await page.goto(`${demo.base}/admin/people`))?.status()).toBe(403);
        expect(await accessibilityViolations(page)).toEqual([]);
        expect((await page.goto(`${demo.base}/cases/no-such-case`))?.status()).toBe(404);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/cases/new`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/cases/new?procedure=dk-school`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.click("main form[method=post] button[type=submit]");
        await page.waitForSelector("#error-summary");
        expect(await accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 180_000); // a dozen pages through axe: minutes on a busy machine
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`takes a complaint through drafting, return, approval, reply and closing (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const { receipt } = await submitComplaint(demo.deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: `Frikvarteret (${javaScriptEnabled})`,
        description: "Ingen voksne i gården.",
        complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
      });
      const casePage = `${demo.base}/cases/${receipt.id}`;
      const statusOf = async (page: Page) => page.locator("main h1 + p .badge").first().textContent();

      await as("modtager@kommune.example", javaScriptEnabled, async (page) => {
        await page.getByRole("link", { name: receipt.reference }).click();
        await act(page, "acknowledge");
        await act(page, "assign");
        expect(await statusOf(page)).toBe("Fordelt til en sagsbehandler");
      });
      await as("skoleleder.a@kommune.example", javaScriptEnabled, async (page) => {
        await page.getByRole("link", { name: receipt.reference }).click();
        await act(page, "submit-draft", { Tekst: "Kære Karen. Vi sætter en voksen mere i gården." });
        expect(await statusOf(page)).toBe("Svaret godkendes");
      });
      await as("godkender@kommune.example", javaScriptEnabled, async (page) => {
        await page.goto(casePage);
        await act(page, "return-draft", { Begrundelse: "Skriv hvornår det sker." });
        expect(await statusOf(page)).toBe("Under behandling");
      });
      await as("skoleleder.a@kommune.example", javaScriptEnabled, async (page) => {
        await page.goto(casePage);
        await act(page, "submit-draft", { Tekst: "Kære Karen. Fra mandag er der en voksen mere i gården." });
      });
      await as("godkender@kommune.example", javaScriptEnabled, async (page) => {
        await page.goto(casePage);
        await act(page, "approve");
      });
      await as("skoleleder.a@kommune.example", javaScriptEnabled, async (page) => {
        await page.goto(casePage);
        await act(page, "send-reply", { Resultat: "upheld", Tiltag: "En voksen mere i gården" });
        expect(await statusOf(page)).toBe("Besvaret");
      });
      await as("modtager@kommune.example", javaScriptEnabled, async (page) => {
        await page.goto(casePage);
        await act(page, "close");
        expect(await statusOf(page)).toBe("Afsluttet");
        const journal = await page.locator(".klara-journal").textContent();
        expect(journal).toContain("Skriv hvornår det sker.");
      });
    }, 120_000);
  }

  // at desktop width in English; Danish and Norwegian at phone width: accessibility-staff.browser.test.ts
  for (const lang of ["en"] as const) {
    it(`has no accessibility violations on the admin pages in ${lang}`, async () => {
      const context = await demo.browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(`${demo.base}/sign-in?lang=${lang}`);
        await page.fill("#email", "admin@kommune.example");
        await page.fill("#password", demo.passwords["admin@kommune.example"] ?? "");
        await page.click("main button[type=submit]");
        await page.waitForURL(/\/work/);
        await page.goto(`${demo.base}/admin/people`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.click("main form[action='/admin/people'] button[type=submit]");
        await page.waitForSelector("#error-summary");
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/admin/procedures`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/admin/procedures/dk-school`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/statistics?from=2025-01-01&to=2026-03-02&groupBy=category`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/statistics?from=2026-13-01`);
        await page.waitForSelector("#error-summary");
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/admin/units`);
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.click("main form[action='/admin/units'] button[type=submit]");
        await page.waitForSelector("#error-summary");
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.getByRole("link", { name: /^SKOLE-A/ }).click();
        expect(await accessibilityViolations(page)).toEqual([]);
        await page.goto(`${demo.base}/admin/people`);
        await page.getByRole("link", { name: /^Karl Koordinator/ }).click();
        expect(await accessibilityViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }

  for (const javaScriptEnabled of [true, false]) {
    it(`lets a receiver register a phone complaint received yesterday (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const subject = `Telefonklage om busserne (${javaScriptEnabled})`;
      await as("modtager@kommune.example", javaScriptEnabled, async (page) => {
        await page.getByRole("link", { name: "Registrér klage" }).click();
        await page.getByLabel("Klageordning").selectOption("dk-school");
        await page.getByRole("button", { name: "Fortsæt" }).click();
        await page.getByLabel("Modtaget via").selectOption("phone");
        await page.getByLabel("Modtaget dato (år-måned-dag)").fill("2026-03-01");
        await page.getByLabel("Modtaget klokkeslæt (tt:mm)").fill("16:45");
        await page.getByLabel("Hvilken enhed klager du over?").selectOption("SKOLE-B");
        await page.getByLabel("Skolens virke").check();
        await page.getByLabel("Overskrift").fill(subject);
        await page.getByLabel("Beskriv din klage").fill("Skolebussen kørte fra min datter.");
        await page.locator('[id="complainant.phone"]').fill("+45 12 34 56 78");
        await page.getByRole("button", { name: "Registrér klagen" }).click();
        await page.waitForURL(/\/work\?registered=/);
        const banner = await page.locator(".alert-success").textContent();
        const reference = /KLA-2026-\d{6}/.exec(banner ?? "")?.[0];
        expect(reference).toBeTruthy();
      });
      const c = await demo.t.db.kysely
        .selectFrom("cases")
        .selectAll()
        .where("subject", "=", subject)
        .executeTakeFirstOrThrow();
      // 16:45 on Sunday 1 March in Copenhagen
      expect({ channel: c.channel, receivedAt: c.received_at }).toEqual({
        channel: "phone",
        receivedAt: "2026-03-01T15:45:00.000Z",
      });
    }, 60_000);
  }

  it("does not open a personnel case for an outsider", async () => {
    const personnel = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("confidentiality", "=", "personnel")
      .executeTakeFirstOrThrow();
    await as("behandler@kommune.example", true, async (page) => {
      const res = await page.goto(`${demo.base}/cases/${personnel.id}`);
      expect(res?.status()).toBe(403);
      expect(await page.locator("h1").textContent()).toBe("Ingen adgang");
    });
  }, 60_000);
});
