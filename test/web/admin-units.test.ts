/**
 * Deactivating a unit from the admin pages, on each database: refused while people or units are
 * still in it; once deactivated it takes no complaints and is offered in no form; reactivated, it
 * is back.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("deactivating a unit (%s)", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let deps: ReturnType<typeof createDeps>;
  let passwords: Record<string, string>;

  const signedIn = async (email: string) => {
    const client = new WebClient(app);
    expect((await client.signIn(email, passwords[email] ?? "")).statusCode).toBe(303);
    return client;
  };
  const unit = (code: string) =>
    t.db.kysely
      .selectFrom("units")
      .select(["id", "active"])
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
  const complaint = (unitCode: string) =>
    submitComplaint(deps, {
      procedure: "dk-school",
      unit: unitCode,
      category: "school_conduct",
      subject: "Skolen",
      description: "Om skolen.",
      complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
    });

  beforeAll(async () => {
    t = await openTestDb(dialect);
    deps = createDeps(t.db, FixedClock.at("2026-03-02T09:00:00Z"));
    passwords = (await loadDemo(deps)).passwords;
    app = await createHttpApp({ deps, rateLimitPerMinute: 0 });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await t?.cleanup();
  });

  it("refuses a unit that still has people, and keeps it active", async () => {
    const admin = await signedIn("admin@kommune.example");
    const schoolB = await unit("SKOLE-B");
    const form = await admin.get(`/admin/units/${schoolB.id}`);
    expect(form.body).toContain("Deaktivér Bakkeskolen");
    const refused = await admin.post(`/admin/units/${schoolB.id}/deactivate`, {
      _csrf: WebClient.token(form.body),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      '<a href="#unit-state" class="function-link">Enheden har stadig aktive personer',
    );
    expect((await unit("SKOLE-B")).active).toBe(1);
  });

  it("takes no complaints for a deactivated unit and offers it nowhere, until reactivated", async () => {
    const admin = await signedIn("admin@kommune.example");
    const list = await admin.get("/admin/units");
    const school = await unit("SKOLE");
    expect(
      (
        await admin.post("/admin/units", {
          _csrf: WebClient.token(list.body),
          code: "SKOLE-D",
          name: "Skole D",
          parentId: school.id,
          managerId: "",
        })
      ).statusCode,
    ).toBe(200);
    const d = await unit("SKOLE-D");
    expect((await admin.get("/complaints/new/dk-school")).body).toContain(
      '<option value="SKOLE-D">Skole D</option>',
    );

    const form = await admin.get(`/admin/units/${d.id}`);
    const done = await admin.post(`/admin/units/${d.id}/deactivate`, { _csrf: WebClient.token(form.body) });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("Enheden er deaktiveret.");
    expect(done.body).toMatch(/SKOLE-D[\s\S]*?<td>Deaktiveret<\/td>/);
    expect((await unit("SKOLE-D")).active).toBe(0);

    // offered nowhere: the complaint form, the parent of a unit, a person's unit
    expect((await admin.get("/complaints/new/dk-school")).body).not.toContain('value="SKOLE-D"');
    expect((await admin.get("/admin/units")).body).not.toContain(`<option value="${d.id}"`);
    expect((await admin.get("/admin/people")).body).not.toContain('<option value="SKOLE-D"');
    await expect(complaint("SKOLE-D")).rejects.toMatchObject({
      code: "invalid_input",
      details: { fieldErrors: [{ path: "unit" }] },
    });

    // others may not do it
    const coordinator = await signedIn("koordinator@kommune.example");
    const work = await coordinator.get("/work");
    expect(
      (await coordinator.post(`/admin/units/${d.id}/reactivate`, { _csrf: WebClient.token(work.body) }))
        .statusCode,
    ).toBe(403);

    const again = await admin.post(`/admin/units/${d.id}/reactivate`, {
      _csrf: WebClient.token((await admin.get(`/admin/units/${d.id}`)).body),
    });
    expect(again.body).toContain("Enheden er aktiv igen.");
    expect((await unit("SKOLE-D")).active).toBe(1);
    expect((await complaint("SKOLE-D")).receipt.reference).toMatch(/^KLA-/);
  });

  it("sets who handles a category in the unit, and new complaints are routed by it", async () => {
    const admin = await signedIn("admin@kommune.example");
    const department = await unit("SKOLE");
    const form = await admin.get(`/admin/units/${department.id}`);
    expect(form.body).toContain("Hvem behandler hvad i enheden");
    const person = async (email: string) =>
      (
        await t.db.kysely
          .selectFrom("people")
          .select("id")
          .where("email", "=", email)
          .executeTakeFirstOrThrow()
      ).id;
    const [birgitte, hanne] = [
      await person("behandler@kommune.example"),
      await person("sagsbehandler.job@kommune.example"),
    ];
    expect(form.body).toMatch(
      new RegExp(`id="routing\\.administration_conduct"[\\s\\S]*?<option value="${birgitte}" selected>`),
    );
    const posted = {
      _csrf: WebClient.token(form.body),
      name: "Skoleafdelingen",
      parentId: (await unit("KOMMUNE")).id,
      managerId: await person("skolechef@kommune.example"),
      routingTable: "1",
    };
    const refused = await admin.post(`/admin/units/${department.id}`, {
      ...posted,
      "routing.administration_conduct": "nobody-such",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('<a href="#routing.administration_conduct"');
    const saved = await admin.post(`/admin/units/${department.id}`, {
      ...posted,
      "routing.administration_conduct": hanne,
    });
    expect(saved.statusCode).toBe(200);
    const row = await t.db.kysely
      .selectFrom("units")
      .select("routing")
      .where("id", "=", department.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.routing)).toEqual({ administration_conduct: hanne });

    const { id } = (
      await submitComplaint(deps, {
        procedure: "dk-school",
        unit: "SKOLE",
        category: "administration_conduct",
        subject: "Forvaltningen svarer ikke",
        description: "Ingen svar på mine breve.",
        complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
      })
    ).receipt;
    const receiver = await signedIn("modtager@kommune.example");
    const page = await receiver.get(`/cases/${id}`);
    expect(
      (await receiver.post(`/cases/${id}/commands/assign`, { _csrf: WebClient.token(page.body) })).statusCode,
    ).toBe(303);
    const handlers = await t.db.kysely
      .selectFrom("case_handlers")
      .select("person_id")
      .where("case_id", "=", id)
      .execute();
    expect(handlers.map((h) => h.person_id)).toEqual([hanne]);
  });
});
