/**
 * The citizen's pages through the real app: the start page, the form in each language, CSRF
 * refusal, the error summary with messages at each field and values kept, a successful submission
 * redirecting to the status page, and script typed into a field shown as text.
 */
import { describe, expect, it } from "vitest";
import { createHttpApp } from "../../src/http/server.js";
import { useSeededApp } from "../support/seeded-app.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("the citizen's pages (%s)", (dialect) => {
  const s = useSeededApp(dialect, { country: "DK" });

  const countCases = async () =>
    Number(
      (
        await s.t.db.kysely
          .selectFrom("cases")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Opens the form like a browser: its CSRF cookie and token. */
  async function openForm(query = "") {
    const res = await s.app.inject({ url: `/complaints/new/dk-school${query}` });
    const cookie = [res.headers["set-cookie"]]
      .flat()
      .filter((c): c is string => typeof c === "string")
      .map((c) => c.split(";")[0])
      .join("; ");
    const token = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1] ?? "";
    return { res, cookie, token };
  }

  const post = (fields: Record<string, string>, cookie: string, query = "") =>
    s.app.inject({
      method: "POST",
      url: `/complaints/new/dk-school${query}`,
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      payload: new URLSearchParams(fields).toString(),
    });

  it("lists the organisations and their procedures on the start page, in Danish by default", async () => {
    const res = await s.app.inject({ url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('<html lang="da">');
    expect(res.body).toContain("Test Kommune");
    expect(res.body).toContain('href="/complaints/new/dk-school?lang=da"');
  });

  it("shows the form in Danish, English on request, and Norwegian by Accept-Language", async () => {
    const { res, token } = await openForm();
    expect(res.statusCode).toBe(200);
    expect(token.length).toBeGreaterThan(20);
    expect(res.body).toContain("Beskriv din klage");
    expect(res.body).toContain('<label class="form-label" for="subject"');
    const english = await s.app.inject({ url: "/complaints/new/dk-school?lang=en" });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain("Describe your complaint");
    // the step indicator: choosing is done, describing is the current step, in the page's language
    expect(res.body).toContain('<ol class="step-indicator" aria-label="Trin i at indgive en klage">');
    expect(res.body).toContain('aria-label="Trin 1 gennemført"');
    expect(english.body).toContain('aria-label="Step 1 done"');
    expect(english.body).toMatch(
      /<a class="step" href="[^"]*" aria-current="step">[\s\S]*?Describe your complaint/,
    );
    // the explicit choice is remembered in a cookie
    expect(String(english.headers["set-cookie"])).toContain("klara_lang=en");
    const norwegian = await s.app.inject({
      url: "/complaints/new/dk-school",
      headers: { "accept-language": "nb-NO,nb;q=0.9,en;q=0.5" },
    });
    expect(norwegian.body).toContain('<html lang="nb">');
    expect(norwegian.body).toContain("Beskriv klagen");
  });

  it("marks every cookie Secure when configured for HTTPS", async () => {
    const secure = await createHttpApp({ deps: s.deps, rateLimitPerMinute: 0, secureCookies: true });
    try {
      const res = await secure.inject({ url: "/complaints/new/dk-school?lang=en" });
      const cookies = [res.headers["set-cookie"]].flat().map(String);
      expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual(["klara_csrf", "klara_lang"]);
      for (const c of cookies) expect(c).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it("refuses a post without a valid CSRF token with a friendly page, and saves nothing", async () => {
    const before = await countCases();
    const { cookie } = await openForm();
    const forged = await post({ _csrf: "forged", subject: "x", description: "y" }, cookie);
    expect(forged.statusCode).toBe(403);
    expect(forged.headers["content-type"]).toContain("text/html");
    expect(forged.body).toContain("Formularen er udløbet");
    const missing = await post({ subject: "x", description: "y" }, "");
    expect(missing.statusCode).toBe(403);
    expect(await countCases()).toBe(before);
  });

  it("shows every error at once, at the top and at each field, keeps the values and saves nothing", async () => {
    const before = await countCases();
    const { cookie, token } = await openForm("?lang=en");
    const res = await post(
      { _csrf: token, subject: '<script>alert("x")</script>', "complainant.email": "not-an-email" },
      cookie,
      "?lang=en",
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="error-summary"');
    expect(res.body).toMatch(/<title>There is a problem with the form/);
    expect(res.body).toContain('<a href="#description" class="function-link">Describe your complaint.</a>');
    expect(res.body).toContain('<a href="#complainant.email" class="function-link">');
    expect(res.body).toMatch(/id="complainant\.email"[^>]*aria-invalid="true"/);
    expect(res.body).toContain('id="complainant.email-error"');
    // dkfds' fields say "Error:" to screen readers in the page's language, not always Danish
    expect(res.body).toContain('<span class="sr-only">Error: </span>');
    expect(res.body).not.toContain('<span class="sr-only">Fejl: </span>');
    // the typed values are kept, and script shows as text
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(res.body).not.toContain('<script>alert("x")');
    expect(await countCases()).toBe(before);
  });

  it("asks for a way to answer unless the complaint is anonymous", async () => {
    const { cookie, token } = await openForm();
    const res = await post(
      {
        _csrf: token,
        subject: "Mobning",
        description: "Min søn bliver mobbet.",
        "complainant.name": "Karen",
      },
      cookie,
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#complainant" class="function-link">Skriv en e-mailadresse');
  });

  it("files a complaint and shows the receipt with the private link and the deadlines in plain words", async () => {
    const before = await countCases();
    const { cookie, token } = await openForm();
    const res = await post(
      {
        _csrf: token,
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: "Mobning i 5.B",
        description: "Min søn bliver mobbet.",
        "complainant.name": "Karen Jensen",
        "complainant.email": "karen@example.org",
      },
      cookie,
    );
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/complaints\/status\/kt_[\w-]+\?submitted=1&lang=da$/);
    expect(await countCases()).toBe(before + 1);
    const c = await s.t.db.kysely
      .selectFrom("cases")
      .selectAll()
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect({ channel: c.channel, subject: c.subject, category: c.category }).toEqual({
      channel: "web",
      subject: "Mobning i 5.B",
      category: "school_conduct",
    });

    const receipt = await s.app.inject({ url: location });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain("<h1>Vi har modtaget din klage</h1>");
    expect(receipt.body).toContain(`Dit sagsnummer er ${c.reference}.`);
    expect(receipt.body).toContain(`http://localhost:80${location.split("?")[0]}`);
    // received Monday 2 March 2026: the reply is due 30 days later, Wednesday 1 April
    expect(receipt.body).toContain("onsdag den 1. april 2026");
    // and in plain words, what happens by when
    expect(receipt.body).toContain(
      "<li>Vi bekræfter, at vi har modtaget din klage, senest torsdag den 5. marts 2026.</li>",
    );
    expect(receipt.body).toContain("<li>Du får svar på din klage senest onsdag den 1. april 2026.</li>");
    expect(receipt.body).toContain("Modtaget");
    expect(receipt.body).not.toContain("Karen");
  });

  it("answers an unknown tracking link and an unknown page with a 404 page", async () => {
    const unknown = await s.app.inject({ url: "/complaints/status/kt_unknown-token-000000" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("Siden findes ikke");
    const nowhere = await s.app.inject({ url: "/nowhere", headers: { "accept-language": "en" } });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.body).toContain("Page not found");
    const api = await s.app.inject({ url: "/api/v1/nowhere" });
    expect(api.headers["content-type"]).toContain("application/problem+json");
  });

  it("serves the design system's styles from the package", async () => {
    const css = await s.app.inject({ url: "/assets/dkfds/css/dkfds.min.css" });
    expect(css.statusCode).toBe(200);
    expect(css.headers["content-type"]).toContain("text/css");
    expect((await s.app.inject({ url: "/assets/klara.css" })).statusCode).toBe(200);
  });
});
