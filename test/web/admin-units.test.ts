import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("deactivating a unit (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn, personId } = demo;

  const unit = (code: string) =>
    demo.t.db.kysely
      .selectFrom("units")
      .select(["id", "active"])
      .where("code", "=", code)
      .executeTakeFirstOrThrow();
  const complaint = (unitCode: string) =>
    submitComplaint(demo.deps, {
      procedure: "dk-school",
      unit: unitCode,
      category: "school_conduct",
      subject: "Skolen",
      description: "Om skolen.",
      complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
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
    const [birgitte, hanne] = [
      await personId("behandler@kommune.example"),
      await personId("sagsbehandler.job@kommune.example"),
    ];
    expect(form.body).toMatch(
      new RegExp(`id="routing\\.administration_conduct"[\\s\\S]*?<option value="${birgitte}" selected>`),
    );
    const posted = {
      _csrf: WebClient.token(form.body),
      name: "Skoleafdelingen",
      parentId: (await unit("KOMMUNE")).id,
      managerId: await personId("skolechef@kommune.example"),
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
    const row = await demo.t.db.kysely
      .selectFrom("units")
      .select("routing")
      .where("id", "=", department.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.routing)).toEqual({ administration_conduct: hanne });

    const { id } = (
      await submitComplaint(demo.deps, {
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
    const handlers = await demo.t.db.kysely
      .selectFrom("case_handlers")
      .select("person_id")
      .where("case_id", "=", id)
      .execute();
    expect(handlers.map((h) => h.person_id)).toEqual([hanne]);
  });
});
