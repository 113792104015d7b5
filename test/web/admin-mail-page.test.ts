/**
 * The captured letters page on each database: without SMTP the demo's letters are captured and an
 * admin reads each one's recipient, subject and exact text at /admin/mail; nobody else gets in.
 */
import { describe, expect, it } from "vitest";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { findPersonByEmail } from "../../src/db/organisation.repository.js";
import { capturedLetters, outboxFor } from "../../src/db/outbox.repository.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("the captured letters page (%s)", (dialect) => {
  const web = useDemoWeb(dialect);

  it("shows an admin every captured letter with its text, and refuses others", async () => {
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
    const result = await deliverMail(web.deps, { sender: null });
    expect(result.captured).toBeGreaterThan(0);
    expect(result.sent).toBe(0);

    const admin = await web.signedIn("admin@kommune.example");
    const page = await admin.get("/admin/mail");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Opsamlede breve");
    const orgId = (
      await web.t.db.kysely
        .selectFrom("people")
        .select("organisation_id")
        .where("email", "=", "admin@kommune.example")
        .executeTakeFirstOrThrow()
    ).organisation_id;
    const letters = await capturedLetters(web.t.db.kysely, orgId);
    expect(letters.length).toBeGreaterThan(0);
    const first = letters[0]!;
    expect(page.body).toContain(first.subject!.replace(/'/g, "&#39;"));
    // the letter's own words are on the page (escaped as HTML)
    const line = first.body!.split("\n").find((l) => l.length > 20)!;
    expect(page.body).toContain(line.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"));

    const coordinator = await web.signedIn("koordinator@kommune.example");
    expect((await coordinator.get("/admin/mail")).statusCode).toBe(403);
    expect((await web.app.inject({ method: "GET", url: "/admin/mail" })).statusCode).toBe(303);
  });

  it("lists the case's letters with how each went: for print without an e-mail address", async () => {
    const res = await web.app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: "Skolebus",
        description: "Bussen kommer ikke.",
        complainant: { name: "Ib Telefon", phone: "+45 11 22 33 44" },
      },
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const receiver = (await findPersonByEmail(web.t.db.kysely, "modtager@kommune.example"))!;
    const actor = {
      personId: receiver.id,
      organisationId: receiver.organisationId,
      name: receiver.name,
      roles: receiver.roles,
    };
    await runCaseCommand(web.deps, actor, id, "acknowledge", {});
    const coordinator = await web.signedIn("koordinator@kommune.example");
    const page = await coordinator.get(`/cases/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h2>Breve</h2>");
    // the API's case lists the letters too (the staff API takes the web session)
    const api = await coordinator.get(`/api/v1/cases/${id}`);
    expect(api.statusCode).toBe(200);
    expect(api.json().letters).toEqual([
      expect.objectContaining({
        letter: "acknowledgement",
        to: "complainant",
        channel: "print",
        state: "for_print",
        recipient: "+45 11 22 33 44",
        sentAt: null,
        attempts: 0,
      }),
    ]);
    expect(page.body).toMatch(
      /Vi har modtaget din klage \(KLA-[^)]+\) — Ib Telefon, \+45 11 22 33 44: <strong>til print \(ingen e-mailadresse\)<\/strong>/,
    );
  });

  it("edits a letter template: preview with example values, an unknown merge field refused by name, saved for new letters", async () => {
    const admin = await web.signedIn("admin@kommune.example");
    const url = "/admin/letters/dk-school/acknowledgement";
    expect((await admin.get("/admin/procedures")).body).toContain(`href="${url}"`);
    const page = await admin.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Skoleafdelingen har den {{receivedDate}} modtaget din klage.");

    const bad = await admin.post(url, {
      _csrf: csrfToken(page.body),
      action: "save",
      text: "Kære {{recipientName}}, sag {{sagsnr}} er modtaget.",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Ukendt flettefelt: {{sagsnr}}.");
    expect(bad.body).toContain('href="#text"');

    const text = "Kære {{recipientName}}\n\nVi har modtaget din klage {{reference}} den {{receivedDate}}.";
    const preview = await admin.post(url, { _csrf: csrfToken(bad.body), action: "preview", text });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Vi har modtaget din klage KLA-2026-000123 den 2. marts 2026.");

    const saved = await admin.post(url, { _csrf: csrfToken(preview.body), action: "save", text });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain("Skabelonen er gemt");

    // a complaint registered now is acknowledged with the new text
    const res = await web.app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: "Lektier",
        description: "For mange lektier.",
        complainant: { name: "Lis Lektie", email: "lis@example.org" },
      },
    });
    const id = res.json().id as string;
    const receiver = (await findPersonByEmail(web.t.db.kysely, "modtager@kommune.example"))!;
    await runCaseCommand(
      web.deps,
      {
        personId: receiver.id,
        organisationId: receiver.organisationId,
        name: receiver.name,
        roles: receiver.roles,
      },
      id,
      "acknowledge",
      {},
    );
    const [letter] = await outboxFor(web.t.db.kysely, id);
    expect(letter!.body).toBe(
      `Kære Lis Lektie\n\nVi har modtaget din klage ${res.json().reference} den 2. marts 2026.`,
    );

    const coordinator = await web.signedIn("koordinator@kommune.example");
    expect((await coordinator.get(url)).statusCode).toBe(403);
  });
});

function csrfToken(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
}
