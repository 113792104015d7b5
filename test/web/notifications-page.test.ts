/**
 * The notification pages: "My work" shows the unread count and the newest notifications; opening
 * one (a form with the CSRF token) marks it read and leads to its case; the e-mail choice is saved.
 * Both databases.
 */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

const K = (local: string) => `${local}@kommune.example`;
const unreadOf = (html: string) => Number(/(\d+) (?:ulæste|uleste|unread)/.exec(html)?.[1] ?? Number.NaN);

describe.each(DIALECTS)("notification pages (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  it("lists my notifications on My work; opening one marks it read and leads to its case", async () => {
    const client = await demo.signedIn(K("sagsbehandler.job"));
    const work = await client.get("/work");
    expect(work.statusCode).toBe(200);
    const before = unreadOf(work.body);
    expect(before).toBeGreaterThan(0);
    expect(work.body).toContain('href="/notifications"');
    const page = await client.get("/notifications");
    expect(page.statusCode).toBe(200);
    // the first unread one
    const unread = /<strong class="badge badge-info">[\s\S]*?<\/li>/.exec(page.body)?.[0] ?? "";
    const id = /action="\/notifications\/([^/]+)\/open"/.exec(
      page.body
        .slice(0, page.body.indexOf(unread) + unread.length)
        .split("<li>")
        .at(-1) ?? "",
    )?.[1];
    expect(id).toBeTruthy();
    const opened = await client.post(`/notifications/${id}/open`, { _csrf: WebClient.token(page.body) });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toMatch(/^\/cases\/|^\/notifications$/);
    expect(unreadOf((await client.get("/work")).body)).toBe(before - 1);
  });

  it("refuses opening without the CSRF token, and someone else's notification", async () => {
    const owner = await demo.signedIn(K("sagsbehandler.job"));
    const id = /action="\/notifications\/([^/]+)\/open"/.exec((await owner.get("/notifications")).body)?.[1];
    expect(id).toBeTruthy();
    const other = await demo.signedIn(K("behandler"));
    expect((await other.post(`/notifications/${id}/open`, {})).statusCode).toBe(403);
    const token = WebClient.token((await other.get("/notifications")).body);
    expect((await other.post(`/notifications/${id}/open`, { _csrf: token })).statusCode).toBe(403);
    const anonymous = await new WebClient(demo.app).get("/notifications");
    expect(anonymous.statusCode).toBe(303);
  });

  it("saves the choice of e-mail", async () => {
    const client = await demo.signedIn(K("behandler"));
    const page = await client.get("/notifications");
    expect(page.body).toMatch(/name="email" value="yes"[^>]* checked/);
    const saved = await client.post("/notifications/settings", { _csrf: WebClient.token(page.body) });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).not.toMatch(/name="email" value="yes"[^>]* checked/);
    const row = await demo.t.db.kysely
      .selectFrom("notification_settings")
      .select("email")
      .where("person_id", "=", await demo.personId(K("behandler")))
      .executeTakeFirstOrThrow();
    expect(Number(row.email)).toBe(0);
  });
});
