/**
 * Intake through the pages, without JavaScript (issue 7, points 1, 9 and 10): the public form asks
 * "who are you?" with the procedure's own complainants, takes an anonymous participant at
 * no-workplace, names what a complaint is about in plain words, and marks the contact fields as
 * "at least one"; the status page shows the deadlines the API's receipt shows.
 */
import { describe, expect, it } from "vitest";
import { findCase } from "../../src/db/case.repository.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("the public complaint form for every complainant (%s)", (dialect) => {
  const web = useDemoWeb(dialect);

  // references count per organisation: the procedure tells the two demo organisations apart
  const caseRow = (procedure: string, reference: string) =>
    web.t.db.kysely
      .selectFrom("cases")
      .selectAll()
      .where("procedure_id", "=", procedure)
      .where("reference", "=", reference)
      .executeTakeFirstOrThrow();

  it("lists what each procedure takes complaints about in words, not internal names", async () => {
    const res = await web.app.inject({ url: "/?lang=da" });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("ABC-metoden");
    expect(res.body).toContain("Klag over: Kommunens service og sagsbehandling i øvrigt");
    expect(res.body).toContain("Klag over: Jobcenter og ydelser");
    expect(res.body).toContain('href="/complaints/new/no-workplace?lang=da"');
    const english = await web.app.inject({ url: "/?lang=en" });
    expect(english.body).toContain("Complain about: Schools and the school department");
  });

  it("titles each form by its topic and asks no-workplace's complainants who they are", async () => {
    const res = await web.app.inject({ url: "/complaints/new/no-workplace?lang=nb" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<title>Klage på Arbeidsplassen, tiltaket, tjenestene og produktene/);
    expect(res.body).toContain("<h1>Klage på Arbeidsplassen, tiltaket, tjenestene og produktene</h1>");
    expect(res.body).toContain("Til Demo ASVO.");
    expect(res.body).toContain("Hvem er du?");
    for (const [value, words] of [
      ["employee", "Jeg er ansatt"],
      ["participant", "Jeg er deltaker i et tiltak"],
      ["partner", "Jeg er samarbeidspartner"],
      ["customer", "Jeg er kunde"],
    ]) {
      expect(res.body).toMatch(new RegExp(`name="source" class="form-radio" value="${value}"`));
      expect(res.body).toContain(words);
    }
    expect(res.body).not.toContain('value="citizen"');
    // anonymous is offered; a representative is not one of this procedure's complainants
    expect(res.body).toContain('name="complainant.anonymous"');
    expect(res.body).not.toContain('name="representative.name"');
    // "at least one way to reach you", not every contact field marked optional
    expect(res.body).toContain("Gi minst én måte vi kan svare deg på");
    expect(res.body).not.toMatch(/E-post \(valgfritt\)/);
    expect(res.body).not.toMatch(/Telefon \(valgfritt\)/);
    // the character counter is a small script of its own (no inline script), the limit also in words
    expect(res.body).not.toContain("data-maxlength");
    expect(res.body).toContain("høyst 300 tegn");
    expect(res.body).toMatch(
      /id="subject"[^>]*data-klara-limit="300" data-klara-left="Du har \{n\} tegn igjen"/,
    );
    const script = /<script src="(\/assets\/character-count[^"]*\.js)" defer><\/script>/.exec(res.body)?.[1];
    expect(script).toBeTruthy();
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const served = await web.app.inject({ url: String(script) });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toContain("javascript");
    expect(served.body).toContain("data-klara-limit");
  });

  it("asks a Danish citizen whether they complain for themselves or for someone else", async () => {
    const res = await web.app.inject({ url: "/complaints/new/dk-employment?lang=da" });
    expect(res.body).toContain("<h1>Klage over Jobcenter og ydelser");
    expect(res.body).toContain('name="source" class="form-radio" value="citizen"');
    expect(res.body).toContain("Jeg klager på vegne af en anden");
    expect(res.body).not.toContain('value="ombudsman"');
    expect(res.body).not.toContain('value="citizens_advisor"');
    expect(res.body).toContain('name="representative.name"');
  });

  it("files an anonymous participant's complaint to no-workplace", async () => {
    const client = new WebClient(web.app);
    const form = await client.get("/complaints/new/no-workplace?lang=nb");
    const res = await client.post("/complaints/new/no-workplace?lang=nb", {
      _csrf: WebClient.token(form.body),
      source: "participant",
      category: "training",
      subject: "Opplæring på maskinen",
      description: "Jeg har ikke fått opplæring før jeg måtte bruke kappemaskinen.",
      "complainant.anonymous": "true",
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toMatch(/^\/complaints\/status\/kt[^?]+\?submitted=1&lang=nb$/);
    const status = await client.get(String(res.headers.location));
    expect(status.statusCode).toBe(200);
    const reference = /KLA-2026-\d{6}/.exec(status.body)?.[0] ?? "";
    const row = await caseRow("no-workplace", reference);
    expect(row.source).toBe("participant");
    expect(row.channel).toBe("web");
    const stored = await findCase(web.t.db.kysely, row.id);
    expect(stored?.complainant).toMatchObject({ anonymous: true, name: null, email: null });
  });

  it("asks no-workplace's complainant who they are when they did not say, and saves nothing", async () => {
    const before = await countCases();
    const client = new WebClient(web.app);
    const form = await client.get("/complaints/new/no-workplace?lang=en");
    const res = await client.post("/complaints/new/no-workplace?lang=en", {
      _csrf: WebClient.token(form.body),
      subject: "Training",
      description: "No training.",
      "complainant.anonymous": "true",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#source-option1" class="function-link">Choose who you are.</a>');
    expect(res.body).toContain('id="source-option1"');
    expect(await countCases()).toBe(before);
  });

  it("shows on the status page the deadlines the API's receipt gives", async () => {
    const api = await web.app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "dk-school",
        subject: "Mobning",
        description: "Min søn bliver mobbet.",
        complainant: { name: "Karen", email: "karen@example.org" },
      },
    });
    expect(api.statusCode).toBe(201);
    const receipt = api.json() as { trackingToken: string; deadlines: { kind: string }[] };
    expect(receipt.deadlines.length).toBeGreaterThan(0);
    const page = await web.app.inject({ url: `/complaints/status/${receipt.trackingToken}?lang=en` });
    const names: Record<string, string> = {
      acknowledge: "Acknowledgement of receipt",
      route: "Assignment to a case handler",
      firstContact: "First contact",
      draft: "Draft reply",
      reassessment: "Reassessment of the decision",
      reply: "Reply to the complaint",
      complaintWindow: "Time limit for complaining",
    };
    for (const d of receipt.deadlines) expect(page.body, d.kind).toContain(names[d.kind]);
    const rows = page.body.match(/<tr>\s*<t[hd][^>]*>/g)?.length ?? 0;
    // one row per deadline, plus the table's header row
    expect(rows).toBe(receipt.deadlines.length + 1);
  });

  async function countCases() {
    const row = await web.t.db.kysely
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
