/**
 * The accessibility statement per organisation (issue 7 point 9): linked from every page's footer,
 * public and staff; a default naming the organisation in da/nb/en; its text or address set by the
 * organisation's admin (an address sends the reader there); bad input refused naming the field.
 */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("the accessibility statement (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const organisationId = async (name: string) =>
    (
      await demo.t.db.kysely
        .selectFrom("organisations")
        .select("id")
        .where("name", "=", name)
        .executeTakeFirstOrThrow()
    ).id;
  const footerLink = (html: string) =>
    /<footer>[\s\S]*<a href="([^"]+)"[^>]*>(?:Tilgængelighedserklæring|Tilgjengelighetserklæring|Accessibility statement)<\/a>/.exec(
      html,
    )?.[1];

  it("is linked from the footer of public and staff pages, for the page's organisation", async () => {
    const kommune = await organisationId("Demo Kommune");
    const asvo = await organisationId("Demo ASVO");
    const visitor = new WebClient(demo.app);
    expect(footerLink((await visitor.get("/")).body)).toBe("/accessibility?lang=da");
    // (a language chosen is remembered: a visitor of its own)
    expect(footerLink((await new WebClient(demo.app).get("/sign-in?lang=en")).body)).toBe(
      "/accessibility?lang=en",
    );
    expect(footerLink((await visitor.get("/complaints/new/dk-school")).body)).toBe(
      `/accessibility/${kommune}?lang=da`,
    );
    expect(footerLink((await visitor.get("/nowhere")).body)).toBe("/accessibility?lang=da");
    const kari = await demo.signedIn("koordinator@asvo.example");
    expect(footerLink((await kari.get("/work")).body)).toBe(`/accessibility/${asvo}?lang=nb`);
  });

  it("says a default statement naming the organisation, in Danish, Norwegian and English", async () => {
    const visitor = new WebClient(demo.app);
    const list = await visitor.get("/accessibility");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Demo Kommune");
    expect(list.body).toContain("Demo ASVO");
    const kommune = await organisationId("Demo Kommune");
    const da = await visitor.get(`/accessibility/${kommune}?lang=da`);
    expect(da.statusCode).toBe(200);
    expect(da.body).toContain("<h1>Tilgængelighedserklæring for Demo Kommune</h1>");
    expect(da.body).toContain("Oplever du problemer med tilgængeligheden, så kontakt Demo Kommune.");
    const asvo = await organisationId("Demo ASVO");
    const nb = await new WebClient(demo.app).get(`/accessibility/${asvo}`, { "accept-language": "nb" });
    expect(nb.body).toContain("<h1>Tilgjengelighetserklæring for Demo ASVO</h1>");
    const en = await visitor.get(`/accessibility/${asvo}?lang=en`);
    expect(en.body).toContain("If you meet a problem with accessibility, contact Demo ASVO.");
    expect((await visitor.get("/accessibility/no-such-organisation")).statusCode).toBe(404);
  });

  it("takes its text, then its address, from the organisation's admin", async () => {
    const kommune = await organisationId("Demo Kommune");
    const admin = await demo.signedIn("admin@kommune.example");
    const form = await admin.get("/admin/accessibility");
    expect(form.statusCode).toBe(200);
    const saved = await admin.post("/admin/accessibility", {
      _csrf: WebClient.token(form.body),
      url: "",
      text: "Demo Kommunes egen erklæring <b>med</b> tekst.",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Tilgængelighedserklæringen er gemt.");
    const shown = await new WebClient(demo.app).get(`/accessibility/${kommune}`);
    expect(shown.body).toContain("Demo Kommunes egen erklæring &lt;b&gt;med&lt;/b&gt; tekst.");
    expect(shown.body).not.toContain("Oplever du problemer");
    // the other organisation keeps its default
    const asvo = await organisationId("Demo ASVO");
    expect((await new WebClient(demo.app).get(`/accessibility/${asvo}`)).body).toContain(
      "Opplever du problemer",
    );

    await admin.post("/admin/accessibility", {
      _csrf: WebClient.token(form.body),
      url: "https://www.was.digst.dk/demo-kommune-dk",
      text: "",
    });
    const sent = await new WebClient(demo.app).get(`/accessibility/${kommune}`);
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe("https://www.was.digst.dk/demo-kommune-dk");
    const row = await demo.t.db.kysely
      .selectFrom("organisations")
      .select(["accessibility_statement_url", "accessibility_statement"])
      .where("id", "=", kommune)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      accessibility_statement_url: "https://www.was.digst.dk/demo-kommune-dk",
      accessibility_statement: null,
    });
  });

  it("refuses an address that is not http(s), naming the field, and changes nothing", async () => {
    const admin = await demo.signedIn("admin@asvo.example");
    const form = await admin.get("/admin/accessibility");
    const bad = await admin.post("/admin/accessibility", {
      _csrf: WebClient.token(form.body),
      url: "javascript:alert(1)",
      text: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#url" class="function-link">');
    expect(bad.body).toContain("Skriv en adresse som begynner med https:// eller http://.");
    const asvo = await organisationId("Demo ASVO");
    expect((await new WebClient(demo.app).get(`/accessibility/${asvo}`)).statusCode).toBe(200);
  });

  it("is set only by admins, and only with the form's CSRF token", async () => {
    const coordinator = await demo.signedIn("koordinator@kommune.example");
    expect((await coordinator.get("/admin/accessibility")).statusCode).toBe(403);
    const form = await coordinator.get("/work");
    const refused = await coordinator.post("/admin/accessibility", {
      _csrf: WebClient.token(form.body),
      url: "https://example.org/",
    });
    expect(refused.statusCode).toBe(403);
    const admin = await demo.signedIn("admin@asvo.example");
    expect((await admin.post("/admin/accessibility", { url: "https://example.org/" })).statusCode).toBe(403);
    const asvo = await organisationId("Demo ASVO");
    expect((await new WebClient(demo.app).get(`/accessibility/${asvo}`)).statusCode).toBe(200);
  });
});
