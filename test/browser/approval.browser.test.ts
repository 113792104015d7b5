/**
 * dk-abc's two approval stages in Chromium (issue 7 point 2): the director cannot approve first (no
 * button; the page names the head of department), the head of department approves, then the director.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { caseAction, HAS_CHROMIUM } from "../support/browser.js";
import { useBrowserDemo } from "../support/browser-demo.js";

const K = (local: string) => `${local}@kommune.example`;

describe.skipIf(!HAS_CHROMIUM)("dk-abc approval in order, in Chromium", () => {
  const demo = useBrowserDemo();

  /** Registers a dk-abc case and works it to the head of department's stage through the API. */
  async function drafted(): Promise<string> {
    const api = async (who: string, url: string, payload: object) => {
      const res = await demo.app.inject({
        method: "POST",
        url,
        headers: { authorization: `Bearer ${demo.tokens[who]}` },
        payload,
      });
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json();
    };
    const job = K("sagsbehandler.job");
    const handlerId = (
      await demo.t.db.kysely
        .selectFrom("people")
        .select("id")
        .where("email", "=", job)
        .executeTakeFirstOrThrow()
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

  const as = (email: string, url: string, work: (page: Page) => Promise<void>) =>
    demo.as(email, work, { url });

  const approve = async (page: Page) => {
    await (await caseAction(page, "approve")).getByRole("button").click();
    await page.waitForURL(/done=approve/);
  };

  it("refuses the director first, then takes the head of department and the director in order", async () => {
    const url = `${demo.base}/cases/${await drafted()}`;
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
