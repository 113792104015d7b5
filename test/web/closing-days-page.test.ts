/**
 * The closing days page on each database (issue 7 point 8): an admin adds and removes a closing day;
 * a complaint received after the change has its deadline moved past the day, and the case page's
 * explanation names it; a past or malformed date is a 400 naming the date; nobody else gets in.
 */
import { describe, expect, it } from "vitest";
import { findCase } from "../../src/db/case.repository.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("the closing days page (%s)", (dialect) => {
  const web = useDemoWeb(dialect);
  const complain = async () => {
    const res = await web.app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: "Mobning",
        description: "Min søn bliver mobbet.",
        complainant: { name: "Karen Jensen", email: "karen@example.org" },
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    return { id, deadlines: (await findCase(web.t.db.kysely, id))!.deadlines };
  };

  it("adds a closing day that the next deadline moves past, names it, and removes it again", async () => {
    const admin = await web.signedIn("admin@kommune.example");
    const page = await admin.get("/admin/closing-days");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Der er ingen lukkedage.");
    expect((await admin.get("/admin/people")).body).toContain('href="/admin/closing-days"');

    // Mon 2 March 2026: dk-school acknowledges within 3 days, Thu 5 March
    expect((await complain()).deadlines.find((d) => d.kind === "acknowledge")!.dueDate).toBe("2026-03-05");
    const added = await admin.post("/admin/closing-days", { _csrf: csrfToken(page.body), add: "2026-03-05" });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('datetime="2026-03-05"');
    expect(added.body).toContain("er nu en lukkedag");

    const after = await complain();
    expect(after.deadlines.find((d) => d.kind === "acknowledge")!.dueDate).toBe("2026-03-06");
    const coordinator = await web.signedIn("koordinator@kommune.example");
    const casePage = await coordinator.get(`/cases/${after.id}`);
    expect(casePage.statusCode).toBe(200);
    expect(casePage.body).toMatch(/5\.? mar[^;]*;[^<]*lukkedag/i);

    const removed = await admin.post("/admin/closing-days", {
      _csrf: csrfToken(added.body),
      remove: "2026-03-05",
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.body).not.toContain('datetime="2026-03-05"');
    expect((await complain()).deadlines.find((d) => d.kind === "acknowledge")!.dueDate).toBe("2026-03-05");
  });

  it("refuses a past or malformed date with 400 naming it, and keeps the list", async () => {
    const admin = await web.signedIn("admin@kommune.example");
    const token = csrfToken((await admin.get("/admin/closing-days")).body);
    const past = await admin.post("/admin/closing-days", { _csrf: token, add: "2026-03-01" });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('<a href="#add"');
    expect(past.body).toContain("2026-03-01 ligger i fortiden");
    const malformed = await admin.post("/admin/closing-days", { _csrf: token, add: "5. juni" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain("5. juni er ikke en dato");
    expect(malformed.body).toContain("Der er ingen lukkedage.");
  });

  it("is for admins only, and every change needs the form's CSRF token", async () => {
    const coordinator = await web.signedIn("koordinator@kommune.example");
    expect((await coordinator.get("/admin/closing-days")).statusCode).toBe(403);
    const admin = await web.signedIn("admin@kommune.example");
    expect((await admin.post("/admin/closing-days", { add: "2026-12-24" })).statusCode).toBe(403);
    expect((await admin.get("/admin/closing-days")).body).toContain("Der er ingen lukkedage.");
  });
});

/** The CSRF token of a page's first form. */
function csrfToken(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
}
