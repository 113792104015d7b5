/**
 * Admin pages on each database: adding a person who can then sign in, refusals at their fields,
 * deactivating (no more sign-in) and reactivating, never oneself; procedures shown with their rules;
 * everyone else refused.
 */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("the admin pages (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  const signedIn = async (email: string, password = demo.passwords[email] ?? "") => {
    const client = new WebClient(demo.app);
    const res = await client.signIn(email, password);
    return { client, ok: res.statusCode === 303 };
  };

  it("adds a person who can then sign in, and refuses bad input at each field", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const page = await client.get("/admin/people");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Karl Koordinator");
    const token = WebClient.token(page.body);

    const bad = await client.post("/admin/people", {
      _csrf: token,
      name: "",
      email: "nope",
      unit: "SKOLE",
      password: "short",
    });
    expect(bad.statusCode).toBe(400);
    for (const field of ["name", "email", "roles", "password"])
      expect(bad.body).toContain(`<a href="#${field}"`);

    const dup = await client.post("/admin/people", {
      _csrf: token,
      name: "Igen",
      email: "modtager@kommune.example",
      unit: "SKOLE",
      "role-receiver": "true",
    });
    expect(dup.body).toContain("Der findes allerede en person med denne e-mail.");

    const added = await client.post("/admin/people", {
      _csrf: token,
      name: "Nina <Ny>",
      email: "nina@kommune.example",
      unit: "SKOLE",
      "role-receiver": "true",
      "role-handler": "true",
      password: "en-lang-adgangskode",
    });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain("Nina &lt;Ny&gt; er tilføjet.");
    const nina = await demo.t.db.kysely
      .selectFrom("people")
      .selectAll()
      .where("email", "=", "nina@kommune.example")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(nina.roles)).toEqual(["receiver", "handler"]);
    expect(nina.password_hash).toMatch(/^\$argon2id\$/);
    expect((await signedIn("nina@kommune.example", "en-lang-adgangskode")).ok).toBe(true);
  });

  it("deactivates a person, who can no longer sign in, and reactivates them; never oneself", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const token = WebClient.token((await client.get("/admin/people")).body);
    const id = await demo.personId("godkender@kommune.example");
    expect((await client.post(`/admin/people/${id}/deactivate`, { _csrf: token })).statusCode).toBe(303);
    expect((await signedIn("godkender@kommune.example")).ok).toBe(false);
    expect((await client.post(`/admin/people/${id}/reactivate`, { _csrf: token })).statusCode).toBe(303);
    expect((await signedIn("godkender@kommune.example")).ok).toBe(true);

    const self = await client.post(
      `/admin/people/${await demo.personId("admin@kommune.example")}/deactivate`,
      {
        _csrf: token,
      },
    );
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain("Du kan ikke deaktivere dig selv.");
    const forged = await client.post(`/admin/people/${id}/deactivate`, { _csrf: "forged" });
    expect(forged.statusCode).toBe(403);
    expect((await signedIn("godkender@kommune.example")).ok).toBe(true);
  });

  it("adds a unit with a manager, edits it, and refuses a duplicate code and a unit under itself", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const page = await client.get("/admin/units");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("SKOLE-A");
    const token = WebClient.token(page.body);
    const school = await demo.t.db.kysely
      .selectFrom("units")
      .select("id")
      .where("code", "=", "SKOLE")
      .executeTakeFirstOrThrow();
    const leader = await demo.personId("skoleleder.b@kommune.example");

    const dup = await client.post("/admin/units", {
      _csrf: token,
      code: "skole-a",
      name: "Igen",
      parentId: "",
      managerId: "",
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain("Der findes allerede en enhed med denne kode.");

    const added = await client.post("/admin/units", {
      _csrf: token,
      code: "skole-c",
      name: "Centerskolen",
      parentId: school.id,
      managerId: leader,
    });
    expect(added.statusCode).toBe(200);
    const unit = await demo.t.db.kysely
      .selectFrom("units")
      .selectAll()
      .where("code", "=", "SKOLE-C")
      .executeTakeFirstOrThrow();
    expect({ name: unit.name, parent: unit.parent_id, manager: unit.manager_id }).toEqual({
      name: "Centerskolen",
      parent: school.id,
      manager: leader,
    });

    // the school department cannot be placed under its own school
    const cycle = await client.post(`/admin/units/${school.id}`, {
      _csrf: token,
      name: "Skoleafdelingen",
      parentId: unit.id,
      managerId: "",
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain("En enhed kan ikke ligge under sig selv.");
    const edited = await client.post(`/admin/units/${unit.id}`, {
      _csrf: token,
      name: "Centerskolen Øst",
      parentId: school.id,
      managerId: "",
    });
    expect(edited.statusCode).toBe(200);
    const after = await demo.t.db.kysely
      .selectFrom("units")
      .selectAll()
      .where("id", "=", unit.id)
      .executeTakeFirstOrThrow();
    expect({ name: after.name, manager: after.manager_id }).toEqual({
      name: "Centerskolen Øst",
      manager: null,
    });
  });

  it("edits a person's name, unit and roles, but never one's own admin role", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const id = await demo.personId("behandler@kommune.example");
    const form = await client.get(`/admin/people/${id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/id="role-handler"[^>]*checked/);
    const token = WebClient.token(form.body);
    const unit = await demo.t.db.kysely
      .selectFrom("units")
      .select("id")
      .where("code", "=", "YDELSE")
      .executeTakeFirstOrThrow();
    const saved = await client.post(`/admin/people/${id}/edit`, {
      _csrf: token,
      name: "Birgitte B. Behandler",
      unit: unit.id,
      "role-handler": "true",
      "role-approver": "true",
    });
    expect(saved.statusCode).toBe(303);
    const p = await demo.t.db.kysely
      .selectFrom("people")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect({ name: p.name, unit: p.unit_id, roles: JSON.parse(p.roles) }).toEqual({
      name: "Birgitte B. Behandler",
      unit: unit.id,
      roles: ["handler", "approver"],
    });
    const self = await demo.personId("admin@kommune.example");
    const refused = await client.post(`/admin/people/${self}/edit`, {
      _csrf: token,
      name: "Ahmad",
      unit: unit.id,
      "role-legal": "true",
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Du kan ikke fjerne din egen administratorrolle.");
  });

  it("shows the procedures with their deadlines, categories and approval", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const res = await client.get("/admin/procedures");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Klageprocedure, Skoleafdelingen");
    expect(res.body).toContain("Svar på klagen");
    expect(res.body).toContain("school_conduct");
    // rule conditions and routing in words, not codes
    expect(res.body).toContain("fra: Borgerrådgiveren");
    expect(res.body).toContain(
      "type: Klage over afgørelse; hastesager; genvurderingen ændrede ikke afgørelsen",
    );
    expect(res.body).toContain("Lederen af enheden");
    expect(res.body).not.toContain("no-workplace");
  });

  it("revises a procedure into a new version that new complaints get and old cases do not", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const form = await client.get("/admin/procedures/dk-school");
    expect(form.statusCode).toBe(200);
    const token = WebClient.token(form.body);
    const fields = procedureFields(form.body);
    const replyIndex = Object.entries(fields).find(([k, v]) => k.endsWith(".length") && v === "30")?.[0];
    expect(replyIndex).toBeDefined();
    const before = await demo.t.db.kysely
      .selectFrom("procedures")
      .select("current_version")
      .where("id", "=", "dk-school")
      .executeTakeFirstOrThrow();

    const bad = await client.post("/admin/procedures/dk-school", {
      _csrf: token,
      version: String(before.current_version),
      ...fields,
      [replyIndex!]: "0",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv et helt tal fra 1 til 3650.");

    const saved = await client.post("/admin/procedures/dk-school", {
      _csrf: token,
      version: String(before.current_version),
      ...fields,
      [replyIndex!]: "20",
    });
    expect(saved.statusCode).toBe(303);
    const after = await demo.t.db.kysely
      .selectFrom("procedures")
      .select("current_version")
      .where("id", "=", "dk-school")
      .executeTakeFirstOrThrow();
    expect(after.current_version).toBe(before.current_version + 1);
    const list = await client.get(String(saved.headers.location));
    expect(list.body).toContain(`Version ${after.current_version} er gemt.`);
    const old = await demo.t.db.kysely
      .selectFrom("cases")
      .select("procedure_version")
      .where("procedure_id", "=", "dk-school")
      .execute();
    expect(old.every((c) => c.procedure_version === before.current_version)).toBe(true);
  });

  it("adds a category and retires one from the procedure page", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const form = await client.get("/admin/procedures/dk-school");
    const token = WebClient.token(form.body);
    const fields = procedureFields(form.body);
    const adminConduct = Object.entries(fields).find(([, v]) => v === "Forvaltningens adfærd")?.[0];
    expect(adminConduct).toMatch(/^categories\.\d\.name\.da$/);
    const retire = adminConduct!.replace(/name\.da$/, "retire");
    const head = async () =>
      (
        await demo.t.db.kysely
          .selectFrom("procedures")
          .select("current_version")
          .where("id", "=", "dk-school")
          .executeTakeFirstOrThrow()
      ).current_version;
    const version = await head();

    const bad = await client.post("/admin/procedures/dk-school", {
      _csrf: token,
      version: String(version),
      ...fields,
      [retire]: "true",
      "added.code": "Skole Bus",
      "added.name.da": "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv koden med små bogstaver, tal og _");
    expect(bad.body).toMatch(/id="added\.name\.da"/);
    expect(bad.body).toContain('value="Skole Bus"');
    expect(bad.body).toMatch(
      new RegExp(`name="${retire.replace(/\./g, "\\.")}" value="true" class="form-checkbox" checked`),
    );
    const taken = await client.post("/admin/procedures/dk-school", {
      _csrf: token,
      version: String(version),
      ...fields,
      "added.code": "leadership",
      "added.name.da": "Ledelse igen",
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain("Proceduren har allerede en kategori med denne kode.");
    expect(await head()).toBe(version);

    const saved = await client.post("/admin/procedures/dk-school", {
      _csrf: token,
      version: String(version),
      ...fields,
      [retire]: "true",
      "added.code": "school_bus",
      "added.name.da": "Skolebus <kørsel>",
      "added.handler": "coordinator",
    });
    expect(saved.statusCode).toBe(303);
    expect(await head()).toBe(version + 1);
    const list = (await client.get("/admin/procedures")).body;
    expect(list).toContain("school_bus");
    expect(list).toContain("Skolebus &lt;kørsel&gt;");
    const publicForm = (await client.get("/complaints/new/dk-school")).body;
    expect(publicForm).toContain("Skolebus &lt;kørsel&gt;");
    expect(publicForm).not.toContain("Forvaltningens adfærd");
  });

  it("routes a topic to another unit in a new version of the procedure", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const form = await client.get("/admin/procedures/dk-employment");
    expect(form.body).toMatch(/id="topicUnits\.benefits"[\s\S]*?<option value="YDELSE" selected>/);
    const fields = procedureFields(form.body);
    const posted = { _csrf: WebClient.token(form.body), ...fields };
    const version = (
      await demo.t.db.kysely
        .selectFrom("procedures")
        .select("current_version")
        .where("id", "=", "dk-employment")
        .executeTakeFirstOrThrow()
    ).current_version;
    const unknown = await client.post("/admin/procedures/dk-employment", {
      ...posted,
      version: String(version),
      "topicUnits.benefits": "NOPE",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<a href="#topicUnits.benefits" class="function-link">');
    const saved = await client.post("/admin/procedures/dk-employment", {
      ...posted,
      version: String(version),
      "topicUnits.job_centre": "JOBCENTER",
      "topicUnits.benefits": "JOBCENTER",
    });
    expect(saved.statusCode).toBe(303);
    const row = await demo.t.db.kysely
      .selectFrom("procedure_versions")
      .select("definition")
      .where("procedure_id", "=", "dk-employment")
      .where("version", "=", version + 1)
      .executeTakeFirstOrThrow();
    expect((JSON.parse(String(row.definition)) as { topicUnits: unknown }).topicUnits).toEqual({
      job_centre: "JOBCENTER",
      benefits: "JOBCENTER",
    });
  });

  it("refuses the admin pages to everyone else", async () => {
    const { client } = await signedIn("koordinator@kommune.example");
    expect((await client.get("/admin/people")).statusCode).toBe(403);
    expect((await client.get("/admin/procedures")).statusCode).toBe(403);
    expect((await client.get("/admin/units")).statusCode).toBe(403);
    expect((await client.get("/admin/procedures/dk-school")).statusCode).toBe(403);
    const work = await client.get("/work");
    const res = await client.post(
      `/admin/people/${await demo.personId("modtager@kommune.example")}/deactivate`,
      {
        _csrf: WebClient.token(work.body),
      },
    );
    expect(res.statusCode).toBe(403);
    expect((await signedIn("modtager@kommune.example")).ok).toBe(true);
  });
});

/** The procedure form's current values, as a browser would post them (checkboxes left unticked). */
function procedureFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="((?:deadlines|categories)\.[^"]+)"[^>]*value="([^"]*)"/g))
    if (!m[1]!.endsWith(".retire")) fields[m[1]!] = m[2]!;
  for (const m of html.matchAll(
    /<select[^>]*name="((?:deadlines|categories)\.[^"]+)"[^>]*>([\s\S]*?)<\/select>/g,
  )) {
    fields[m[1]!] = /<option value="([^"]+)" selected/.exec(m[2]!)?.[1] ?? "";
  }
  return fields;
}
