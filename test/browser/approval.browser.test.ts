/**
 * dk-abc's two approval stages in Chromium (issue 7 point 2): the director cannot approve first (no
 * button; the page names the head of department), the head of department approves, then the director.
 */
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { caseAction, HAS_CHROMIUM, launchBrowser } from "../support/browser.js";
import { openTestDb, type TestDatabase } from "../support/test-db.js";

const K = (local: string) => `${local}@kommune.example`;

describe.skipIf(!HAS_CHROMIUM)("dk-abc approval in order, in Chromium", () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let passwords: Record<string, string>;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await openTestDb("sqlite");
    const deps = createDeps(t.db, FixedClock.at("2026-03-02T09:00:00Z"));
    ({ passwords, tokens } = await loadDemo(deps));
    app = await createHttpApp({ deps, rateLimitPerMinute: 0 });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.cleanup();
  });

  /** Registers a dk-abc case and works it to the head of department's stage through the API. */
  async function drafted(): Promise<string> {
    const api = async (who: string, url: string, payload: object) => {
      const res = await app.inject({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${tokens[who]}` },
        payload,
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const job = K("sagsbehandler.job");
    const handlerId = (
      await t.db.kysely.selectFrom("people").select("id").where("email", "=", job).executeTakeFirstOrThrow()
    ).id;
    const { id } = await api(K("modtager"), "/api/v1/cases", {
      procedure: "dk-abc",
      unit: "JOBCENTER",
      category: "service_level",
      channel: "phone",
      complainant: { name: "Morten Storm", phone: "+45 31 32 33 34" },
      subject: "Ingen ringede tilbage",
      description: "Jobcentret lovede at ringe tilbage.",
    });
    const run = (who: string, command: string, body: object = {}) =>
      api(who, `/api/v1/cases/${id}/commands/${command}`, body);
    await run(K("modtager"), "assign", { handlers: [{ person: handlerId }] });
    await run(job, "record-contact", {
      channel: "phone",
      at: "2026-03-02T08:30:00Z",
      note: "Talt med borgeren.",
    });
    await run(job, "complete-task", { task: "b_gather", note: "Talt med medarbejderen." });
    await run(job, "complete-task", { task: "c_get_back", note: "Ringet tilbage." });
    await run(job, "submit-draft", { body: "Kære Morten Storm" });
    return id as string;
  }

  async function as(email: string, url: string, work: (page: Page) => Promise<void>) {
    const context = await browser.newContext({ locale: "da-DK" });
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

  const approve = async (page: Page) => {
    await (await caseAction(page, "approve")).getByRole("button").click();
    await page.waitForURL(/done=approve/);
  };

  it("refuses the director first, then takes the head of department and the director in order", async () => {
    const url = `${base}/cases/${await drafted()}`;
    await as(K("leder"), url, async (page) => {
      await page.getByText("Afventer godkendelse (fagchef) fra: Bent Beskæftigelseschef").waitFor();
      expect(await page.locator("#action-approve").count()).toBe(0);
    });
    await as(K("beskaeftigelseschef"), url, async (page) => {
      await approve(page);
      await page.getByText("Afventer godkendelse (direktør) fra: Dorthe Direktør").waitFor();
      expect(await page.locator("#action-approve").count()).toBe(0);
    });
    await as(K("leder"), url, async (page) => {
      await approve(page);
      await page.getByText("Godkendt af: Bent Beskæftigelseschef, Dorthe Direktør").waitFor();
    });
  });
});
