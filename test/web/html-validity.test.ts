/**
 * Every page as the Nu Html Checker (vnu-jar, Java) sees it: no error on the public pages in
 * each language, the forms with their errors showing, the error pages, and the staff and admin
 * pages of several demo people. The pages are rendered through the app on each database and checked
 * in one run of the checker at the end (it is slow to start). Also: no inline script or style (the CSP allows neither), and
 * every dkfds class the pages use is in the served stylesheet (the purge kept what is used).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { DKFDS_DIR } from "../../src/web/render.js";
import { useDemoWeb } from "../support/demo-web.js";
import { everyPage, LANGS } from "../support/every-page.js";
import { DIALECTS } from "../support/test-db.js";
import { HAS_VNU, vnuBatch } from "../support/vnu-check.js";
import { WebClient } from "../support/web-session.js";

const classesIn = (html: string) =>
  new Set([...html.matchAll(/\sclass="([^"]*)"/g)].flatMap((m) => (m[1] ?? "").split(/\s+/).filter(Boolean)));

/** every page both dialects rendered, for the checker's one run at the end */
const checker = vnuBatch();

describe.skipIf(!HAS_VNU).each(DIALECTS)("every page as the Nu Html Checker sees it (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  it("renders every page for the checker, and no page has inline script or style", async () => {
    const pages: { name: string; html: string }[] = [];
    const clients = new Map<string, WebClient>();
    for (const visit of await everyPage(demo)) {
      let client = clients.get(visit.as ?? "");
      if (!client) {
        client = visit.as ? await demo.signedIn(visit.as) : new WebClient(demo.app);
        clients.set(visit.as ?? "", client);
      }
      const res = await client.get(visit.url);
      expect(res.statusCode, visit.url).toBe(visit.status ?? 200);
      pages.push({ name: visit.name, html: res.body });
    }
    // the forms with every error showing, in each language, and a refused sign-in
    for (const lang of LANGS) {
      const client = new WebClient(demo.app);
      const form = await client.get(`/complaints/new/dk-school?lang=${lang}`);
      const res = await client.post(`/complaints/new/dk-school?lang=${lang}`, {
        _csrf: WebClient.token(form.body),
      });
      expect(res.statusCode).toBe(400);
      pages.push({ name: `form-errors-${lang}`, html: res.body });
    }
    const signIn = new WebClient(demo.app);
    const form = await signIn.get("/sign-in");
    const refused = await signIn.post("/sign-in", {
      _csrf: WebClient.token(form.body),
      email: "nobody@kommune.example",
      password: "wrong",
    });
    pages.push({ name: "sign-in-refused", html: refused.body });
    const csrf = await new WebClient(demo.app).post("/complaints/new/dk-school", { subject: "x" });
    expect(csrf.statusCode).toBe(403);
    pages.push({ name: "csrf-refused", html: csrf.body });

    expect(pages.length).toBeGreaterThan(40);
    checker.add(...pages.map((p) => ({ name: `${p.name}-${dialect}`, html: p.html })));

    for (const p of pages) {
      // a script file of our own (the character counter) is allowed; a script in the page is not
      expect(/<script\b(?![^>]*\bsrc="\/assets\/)/i.test(p.html), `${p.name}: inline script`).toBe(false);
      expect(/\sstyle=/i.test(p.html), `${p.name}: style attribute`).toBe(false);
      expect(/\son[a-z]+=/i.test(p.html), `${p.name}: event handler attribute`).toBe(false);
    }

    // every dkfds class a page uses has its rules in the served stylesheet
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(pages[0]?.html ?? "")?.[1] ?? "";
    const css = await demo.app.inject({ url: href, headers: { "accept-encoding": "br" } });
    const served = brotliDecompressSync(css.rawPayload).toString("utf8");
    const full = readFileSync(join(DKFDS_DIR, "dist", "css", "dkfds.min.css"), "utf8");
    const missing = [...new Set(pages.flatMap((p) => [...classesIn(p.html)]))].filter(
      (c) => full.includes(`.${c}`) && !served.includes(`.${c}`),
    );
    expect(missing).toEqual([]);
  }, 240_000);
});

describe("every page as the Nu Html Checker sees it", () => {
  checker.itValidates("finds no error on any page of either database", 41 * DIALECTS.length, 240_000);
});
