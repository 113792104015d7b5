/**
 * The mail settings page and API on each database (issue 8, API.md "Mail"): an admin sets the
 * sender and the complaint mailbox (a real Dovecot); a bad address or port is a 400 whose error
 * summary names the field; the password is sealed in the row and never on the page or in the
 * API's answers; the test button says in plain words whether the connection works; each change is
 * listed with who made it and which fields; nobody else gets in, and every change needs the CSRF
 * token. The API answers problem+json naming the field, and the OpenAPI document has the paths.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../src/app/create-token.js";
import { readAllMailboxes } from "../../src/app/read-mailboxes.js";
import { useDemoWeb } from "../support/demo-web.js";
import { imapUnavailable, PASSWORD, startImap, type TestImap, USER } from "../support/imap-server.js";
import { DIALECTS } from "../support/test-db.js";
import { vnuBatch } from "../support/vnu-check.js";
import { WebClient } from "../support/web-session.js";

const unavailable = imapUnavailable();
/** the pages the tests saw on both databases, checked by the Nu Html Checker in one run at the end (a JVM start is slow) */
const checked = vnuBatch();

describe.skipIf(unavailable !== null).each(DIALECTS)("the mail settings page and API (%s)", (dialect) => {
  const web = useDemoWeb(dialect);
  let imap: TestImap;
  beforeAll(async () => {
    imap = await startImap();
  }, 30_000);
  afterAll(async () => {
    await imap?.close();
  });

  const form = (token: string, fields: Record<string, string>) => ({
    _csrf: token,
    senderName: "",
    senderAddress: "",
    replyTo: "",
    host: "",
    port: "",
    user: "",
    password: "",
    folder: "",
    processedFolder: "",
    quarantineFolder: "",
    action: "save",
    ...fields,
  });
  const mailboxFields = () => ({ host: "127.0.0.1", port: String(imap.port), user: USER });

  it("refuses a bad address and port with 400 and an error summary naming the fields", async () => {
    const admin = await web.signedIn("admin@kommune.example");
    const page = await admin.get("/admin/mail-settings");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Mailindstillinger</h1>");
    expect((await admin.get("/admin/people")).body).toContain('href="/admin/mail-settings"');
    const res = await admin.post(
      "/admin/mail-settings",
      form(WebClient.token(page.body), {
        senderAddress: "klage(at)aaby",
        ...mailboxFields(),
        port: "99999",
        password: PASSWORD,
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="error-summary"');
    expect(res.body).toContain('<a href="#senderAddress" class="function-link">Skriv en e-mailadresse');
    expect(res.body).toContain('<a href="#port" class="function-link">Skriv et portnummer');
    // the typed values stay, but never the password
    expect(res.body).toContain('value="klage(at)aaby"');
    expect(res.body).not.toContain(PASSWORD);
    checked.add({ name: `form-${dialect}`, html: page.body }, { name: `refused-${dialect}`, html: res.body });
    expect(
      await web.t.db.kysely.selectFrom("mail_settings").selectAll().execute(),
      "nothing was saved",
    ).toEqual([]);
  }, 120_000);

  it("saves sender and mailbox with the password sealed, never shown, and lists the change", async () => {
    const admin = await web.signedIn("admin@kommune.example");
    const token = WebClient.token((await admin.get("/admin/mail-settings")).body);
    const saved = await admin.post(
      "/admin/mail-settings",
      form(token, {
        senderName: "Demo Kommune, Klageenheden",
        senderAddress: "klage@demo-kommune.example",
        replyTo: "svar@demo-kommune.example",
        ...mailboxFields(),
        password: PASSWORD,
      }),
    );
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Mailindstillingerne er gemt.");
    expect(saved.body).toContain('value="klage@demo-kommune.example"');
    expect(saved.body).toContain("Der er gemt en adgangskode.");
    expect(saved.body).not.toContain(PASSWORD);
    expect(saved.body).toMatch(/<td>Ahmad Administrator<\/td><td>[^<]*klagepostkasse<\/td>/);

    const row = await web.t.db.kysely.selectFrom("mail_settings").selectAll().executeTakeFirstOrThrow();
    expect(row.imap_password).toMatch(/^klara:v1:/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(row).toMatchObject({
      sender_address: "klage@demo-kommune.example",
      imap_host: "127.0.0.1",
      imap_tls: 0,
    });
  }, 120_000);

  it("tests the connection with the form's values and says how it went", async () => {
    const admin = await web.signedIn("admin@kommune.example");
    const token = WebClient.token((await admin.get("/admin/mail-settings")).body);
    // the stored password (same server, port, TLS and user); TLS unticked for the test server
    const ok = await admin.post("/admin/mail-settings", form(token, { ...mailboxFields(), action: "test" }));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain("Forbindelsen virker: Klara loggede ind og fandt mappen INBOX med 0 e-mails.");
    const wrong = await admin.post(
      "/admin/mail-settings",
      form(token, { ...mailboxFields(), password: "forkert", action: "test" }),
    );
    expect(wrong.body).toContain("Serveren afviste brugernavnet eller adgangskoden.");
    expect(wrong.body).not.toContain("forkert");
    checked.add({ name: `tested-${dialect}`, html: ok.body }, { name: `wrong-${dialect}`, html: wrong.body });
    // a test saves nothing
    const row = await web.t.db.kysely
      .selectFrom("mail_settings")
      .select("imap_tls")
      .executeTakeFirstOrThrow();
    expect(row.imap_tls).toBe(0);
  }, 120_000);

  it("is for admins only, and every change needs the form's CSRF token", async () => {
    const coordinator = await web.signedIn("koordinator@kommune.example");
    expect((await coordinator.get("/admin/mail-settings")).statusCode).toBe(403);
    const admin = await web.signedIn("admin@kommune.example");
    const res = await admin.post("/admin/mail-settings", { senderAddress: "x@y.example", action: "save" });
    expect(res.statusCode).toBe(403);
    expect((await web.app.inject({ url: "/admin/mail-settings" })).statusCode).toBe(303);
  }, 120_000);

  it("answers GET and PATCH /api/v1/organisation/mail-settings for admins, the password write-only", async () => {
    const token = await createToken(web.deps, "admin@kommune.example");
    const auth = { authorization: `Bearer ${token}` };
    const got = await web.app.inject({ url: "/api/v1/organisation/mail-settings", headers: auth });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      senderAddress: "klage@demo-kommune.example",
      mailbox: { host: "127.0.0.1", port: imap.port, user: USER, passwordSet: true },
    });
    expect(got.body).not.toContain(PASSWORD);

    const bad = await web.app.inject({
      method: "PATCH",
      url: "/api/v1/organisation/mail-settings",
      headers: auth,
      payload: { replyTo: "nope" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(["replyTo"]);

    const patched = await web.app.inject({
      method: "PATCH",
      url: "/api/v1/organisation/mail-settings",
      headers: auth,
      payload: {
        replyTo: null,
        mailbox: { ...mailboxFields(), port: imap.port, tls: false, password: "nyt-kodeord" },
      },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ replyTo: null, mailbox: { tls: false, passwordSet: true } });
    expect(patched.body).not.toContain("nyt-kodeord");
    const test = await web.app.inject({
      method: "POST",
      url: "/api/v1/organisation/mail-settings/test",
      headers: auth,
      payload: {},
    });
    expect(test.statusCode).toBe(400);
    // without a body: the stored mailbox, whose password is now wrong
    const stored = await web.app.inject({
      method: "POST",
      url: "/api/v1/organisation/mail-settings/test",
      headers: auth,
    });
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual({ outcome: "auth_failed" });

    // the mailbox job finds it failing: the page says so, since when and why, in the reader's language
    const [run] = await readAllMailboxes(web.deps, {});
    expect(run).toMatchObject({ failure: "auth_failed", began: true });
    const admin = await web.signedIn("admin@kommune.example");
    const da = await admin.get("/admin/mail-settings");
    expect(da.body).toContain(
      "Klagepostkassen har ikke kunnet læses siden 2. mar. 2026, 10.00: Serveren afviste",
    );
    const en = await admin.get("/admin/mail-settings?lang=en");
    expect(en.body).toContain("The complaint mailbox could not be read since");
    expect(en.body).toContain("A password is stored. Leave the field blank to keep it.");
    checked.add(
      { name: `failing-da-${dialect}`, html: da.body },
      { name: `failing-en-${dialect}`, html: en.body },
    );

    const coordinator = await createToken(web.deps, "koordinator@kommune.example");
    const refused = await web.app.inject({
      url: "/api/v1/organisation/mail-settings",
      headers: { authorization: `Bearer ${coordinator}` },
    });
    expect(refused.statusCode).toBe(403);

    const doc = (await web.app.inject({ url: "/api/v1/openapi.json" })).json();
    expect(Object.keys(doc.paths["/api/v1/organisation/mail-settings"])).toEqual(["get", "patch"]);
    expect(JSON.stringify(doc.components.schemas.MailSettings)).not.toContain('"password"');
  }, 120_000);
});

describe.skipIf(unavailable !== null)("the mail settings page and API", () => {
  checked.itValidates(
    "every page the tests saw is valid HTML (Nu Html Checker)",
    6 * DIALECTS.length,
    120_000,
  );
});
