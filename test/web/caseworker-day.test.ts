/**
 * The caseworker's day (issue 7 point 10): the case page names the unit, the decision complained of
 * and the late flag at the top, with the journal folded below; a draft sent back is flagged on
 * "My work" for its handler.
 */
import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import type { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("the caseworker's day (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn } = demo;
  const act = async (client: WebClient, id: string, command: string, fields: Record<string, string> = {}) =>
    expect((await client.command(id, command, fields)).statusCode, command).toBe(303);

  const decisionComplaint = async (date: string, reference: string) =>
    (
      await submitComplaint(demo.deps, {
        procedure: "dk-employment",
        unit: "YDELSE",
        category: "benefits",
        decision: { date, reference, area: "Enkeltydelser", fastTrack: true },
        subject: "Stop af ydelse",
        description: "Jeg er uenig i afgørelsen.",
        complainant: { name: "Ali Hassan", email: "ali@borger.example", anonymous: false },
      })
    ).receipt;

  it("shows the unit, the decision complained of and no late flag for a complaint in time", async () => {
    // decided Friday 20 February, complained Monday 2 March: well within the four weeks
    const { id } = await decisionComplaint("2026-02-20", "YD-2026-0042");
    const page = (await (await signedIn("modtager@kommune.example")).get(`/cases/${id}`)).body;
    expect(page).toContain('<dt>Enhed</dt><dd class="klara-unit">Ydelsesservice</dd>');
    expect(page).toContain(
      '<dt>Afgørelsen der klages over</dt><dd class="klara-decision">af fre. den 20. februar 2026, sagsnr. YD-2026-0042, område: Enkeltydelser, hurtigt spor</dd>',
    );
    expect(page).not.toContain("Klaget for sent");
    // the facts come before the deadlines, the actions and the journal
    expect(page.indexOf("klara-decision")).toBeLessThan(page.indexOf("<h2>Frister</h2>"));
  });

  it("flags a complaint received after the four weeks as late, at the top, in each language", async () => {
    const { id } = await decisionComplaint("2026-01-15", "YD-2026-0007");
    const receiver = await signedIn("modtager@kommune.example");
    const page = (await receiver.get(`/cases/${id}`)).body;
    expect(page).toContain("sagsnr. YD-2026-0007");
    expect(page).toMatch(
      /<h1>[^<]*<\/h1>\s*<p>[^\n]*<strong class="badge badge-warning klara-late">Klaget for sent<\/strong>/,
    );
    expect((await receiver.get(`/cases/${id}?lang=nb`)).body).toContain("Klaget for seint");
    expect((await receiver.get(`/cases/${id}?lang=en`)).body).toContain(">Complained late</strong>");
  });

  it("folds the journal into a native details element that says how many entries it holds", async () => {
    const { id } = await decisionComplaint("2026-02-20", "YD-2026-0050");
    const receiver = await signedIn("modtager@kommune.example");
    await act(receiver, id, "acknowledge");
    const page = (await receiver.get(`/cases/${id}?lang=da`)).body;
    const entries = (page.match(/<li><h3 class="h5">/g) ?? []).length;
    expect(entries).toBeGreaterThan(1);
    expect(page).toMatch(
      new RegExp(
        `<details class="details klara-journal-fold">\\s*<summary class="details-summary">Journal \\(${entries} poster\\)</summary>\\s*<div class="details-text">\\s*<ol class="klara-journal" reversed>`,
      ),
    );
    expect(page).toMatch(/<\/ol>\s*<\/div>\s*<\/details>/);
  });

  it("flags the draft an approver returned on its handler's My work, until it is submitted again", async () => {
    const { id, reference } = (
      await submitComplaint(demo.deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: "Retur af udkast",
        description: "Min søn bliver mobbet.",
        complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
      })
    ).receipt;
    const receiver = await signedIn("modtager@kommune.example");
    await act(receiver, id, "acknowledge");
    await act(receiver, id, "assign");
    const handler = await signedIn("skoleleder.a@kommune.example");
    const row = async () => {
      const work = (await handler.get("/work?lang=da")).body;
      const at = work.indexOf(`>${reference}</a>`);
      expect(at, "the case is on My work").toBeGreaterThan(0);
      return work.slice(at, work.indexOf("</tr>", at));
    };
    expect(await row()).not.toContain("Udkast returneret");
    await act(handler, id, "submit-draft", { body: "Kære Karen" });
    expect(await row()).not.toContain("Udkast returneret");
    await act(await signedIn("godkender@kommune.example"), id, "return-draft", { reason: "Mere konkret." });
    expect(await row()).toContain(
      '<strong class="badge badge-warning klara-returned">Udkast returneret</strong>',
    );
    expect((await handler.get("/work?lang=en")).body).toContain(">Draft returned</strong>");
    expect((await handler.get("/work?lang=nb")).body).toContain(">Utkast returnert</strong>");
    await act(handler, id, "submit-draft", { body: "Kære Karen, mere konkret." });
    expect(await row()).not.toContain("Udkast returneret");
  });
});
