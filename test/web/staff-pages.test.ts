import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("the staff pages (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const { signedIn } = demo;

  const status = async (id: string) =>
    (
      await demo.t.db.kysely
        .selectFrom("cases")
        .select("status")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).status;
  const newComplaint = async () =>
    (
      await submitComplaint(demo.deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        subject: "Mobning i 5.B",
        description: "Min søn bliver mobbet.",
        complainant: { name: "Karen Jensen", email: "karen@example.org", anonymous: false },
      })
    ).receipt.id;

  it("sends a visitor without a session to sign in, and back afterwards", async () => {
    const client = new WebClient(demo.app);
    const res = await client.get("/work");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/sign-in?next=%2Fwork");
    expect((await client.get("/cases/anything")).statusCode).toBe(303);
  });

  it("refuses a wrong password with the same message as an unknown e-mail, and no session", async () => {
    for (const [email, password] of [
      ["modtager@kommune.example", "wrong-password"],
      ["nobody@kommune.example", "whatever-password"],
    ] as const) {
      const client = new WebClient(demo.app);
      const res = await client.signIn(email, password);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('id="error-summary"');
      expect(res.body).toContain("E-mail eller adgangskode er forkert.");
      expect(res.body).toContain(`value="${email}"`);
      expect(client.cookieHeader).not.toContain("klara_session");
    }
    const empty = await new WebClient(demo.app).signIn("", "");
    expect(empty.body).toContain('<a href="#email" class="function-link">Skriv din e-mail.</a>');
    expect(empty.body).toContain('<a href="#password" class="function-link">Skriv din adgangskode.</a>');
  });

  it("shows a receiver the unassigned inbox and runs an action from the case page", async () => {
    const id = await newComplaint();
    const client = await signedIn("modtager@kommune.example");
    const work = await client.get("/work");
    expect(work.statusCode).toBe(200);
    expect(work.body).toContain("Ufordelte klager");
    expect(work.body).toContain(`href="/cases/${id}"`);
    // cases that have ended are nobody's work, handled or not
    const ended = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("status", "in", ["closed", "not_a_complaint", "withdrawn"])
      .execute();
    expect(ended.length).toBeGreaterThan(0);
    for (const c of ended) expect(work.body).not.toContain(`href="/cases/${c.id}"`);

    const page = await client.get(`/cases/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="action-acknowledge"');
    expect(page.body).not.toContain('id="action-approve"');
    const token = WebClient.token(page.body);

    const forged = await client.post(`/cases/${id}/commands/acknowledge`, { _csrf: "forged" });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain("Formularen er udløbet");
    expect(await status(id)).toBe("received");

    const done = await client.post(`/cases/${id}/commands/acknowledge`, { _csrf: token });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/cases/${id}?done=acknowledge`);
    expect(await status(id)).toBe("acknowledged");
    const after = await client.get(String(done.headers.location));
    expect(after.body).toContain("Udført: Kvitter for modtagelsen.");
  });

  it("shows every field error of an action, keeps what was typed, and writes nothing", async () => {
    const id = await newComplaint();
    const client = await signedIn("modtager@kommune.example");
    const token = WebClient.token((await client.get(`/cases/${id}`)).body);
    const res = await client.post(`/cases/${id}/commands/add-note`, {
      _csrf: token,
      title: "",
      body: "Noget <b>fedt</b>",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#add-note-title" class="function-link">Udfyld feltet.</a>');
    expect(res.body).toContain("Noget &lt;b&gt;fedt&lt;/b&gt;</textarea>");
    const journal = await demo.t.db.kysely
      .selectFrom("journal_entries")
      .select("kind")
      .where("case_id", "=", id)
      .execute();
    expect(journal.some((e) => e.kind === "note")).toBe(false);

    const saved = await client.post(`/cases/${id}/commands/add-note`, {
      _csrf: token,
      title: "<script>alert(1)</script>",
      body: "Ringede til <i>forælder</i>",
    });
    expect(saved.statusCode).toBe(303);
    const page = await client.get(`/cases/${id}`);
    expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page.body).not.toContain("<script>alert(1)</script>");
  });

  it("answers a refused action with its reason and writes nothing", async () => {
    const id = await newComplaint();
    const client = await signedIn("modtager@kommune.example");
    const token = WebClient.token((await client.get(`/cases/${id}`)).body);
    const res = await client.post(`/cases/${id}/commands/close`, { _csrf: token });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="error-summary"');
    expect(res.body).toContain("Handlingen kan ikke udføres nu");
    expect(await status(id)).toBe("received");
  });

  it("keeps a personnel case from people who may not see it", async () => {
    const personnel = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("confidentiality", "=", "personnel")
      // a personnel case of the outsider's own organisation (another's would be 404)
      .where("organisation_id", "=", (eb) =>
        eb.selectFrom("people").select("organisation_id").where("email", "=", "behandler@kommune.example"),
      )
      .orderBy("received_at")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const outsider = await signedIn("behandler@kommune.example");
    const refused = await outsider.get(`/cases/${personnel.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain("Ingen adgang");
    const search = await outsider.get("/cases?sort=-received&limit=200");
    expect(search.body).not.toContain(personnel.id);
    const legal = await signedIn("jura@kommune.example");
    expect((await legal.get(`/cases/${personnel.id}`)).statusCode).toBe(200);
  });

  it("speaks Norwegian to Norwegian staff unless they choose otherwise", async () => {
    const client = await signedIn("koordinator@asvo.example");
    const work = await client.get("/work");
    expect(work.body).toContain('<html lang="nb">');
    expect((await client.get("/work", { "accept-language": "en-GB,en;q=0.9" })).body).toContain(
      '<html lang="en">',
    );
    expect((await client.get("/work?lang=da")).body).toContain('<html lang="da">');
  });

  it("searches with filters and refuses an unknown unit at its field", async () => {
    const client = await signedIn("koordinator@kommune.example");
    const res = await client.get("/cases?q=mobbet&status=received");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Mobning i 5.B");
    // category and unit are chosen by name; the query keeps codes, so links stay readable
    const byCategory = await client.get("/cases?category=leadership&unit=SKOLE-A");
    expect(byCategory.body).toMatch(/id="category"[\s\S]*?<option value="leadership" selected>Skoleledelse/);
    expect(byCategory.body).toMatch(/id="unit"[\s\S]*?<option value="SKOLE-A" selected>Aaskolen \(SKOLE-A\)/);
    expect(byCategory.body).not.toContain("Mobning i 5.B");
    // each filter in use is a tag that searches again without it
    expect(byCategory.body).toMatch(
      /<input type="hidden" name="unit" value="SKOLE-A">\s*<button type="submit" class="tag tag-icon"><span class="sr-only">Fjern filteret <\/span>Kategori: Skoleledelse/,
    );
    expect(byCategory.body).toMatch(
      /<input type="hidden" name="category" value="leadership">\s*<button type="submit" class="tag tag-icon"><span class="sr-only">Fjern filteret <\/span>Enhed: Aaskolen/,
    );
    const bad = await client.get("/cases?unit=NOPE");
    expect(bad.body).toContain('<a href="#unit" class="function-link">Vælg en enhed fra listen.</a>');
  });

  it("registers a phone complaint with a back-dated receipt, and refuses bad dates at their fields", async () => {
    const client = await signedIn("modtager@kommune.example");
    const choose = await client.get("/cases/new");
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('<option value="dk-school"');
    const form = await client.get("/cases/new?procedure=dk-school");
    const token = WebClient.token(form.body);
    const fields = {
      _csrf: token,
      channel: "phone",
      receivedDate: "2026-02-27",
      receivedTime: "10:15",
      source: "citizen",
      unit: "SKOLE-B",
      category: "school_conduct",
      subject: "Telefonklage om skolebussen",
      description: "Bussen kom ikke i tre dage.",
      "complainant.name": "Per Hansen",
      "complainant.phone": "+45 12345678",
    };
    const bad = await client.post("/cases/new?procedure=dk-school", { ...fields, receivedDate: "27/2" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#receivedDate" class="function-link">Skriv datoen som år-måned-dag');
    expect(bad.body).toContain('value="Telefonklage om skolebussen"');
    const future = await client.post("/cases/new?procedure=dk-school", {
      ...fields,
      receivedDate: "2026-03-09",
    });
    expect(future.body).toContain("Modtagelsen kan ikke ligge i fremtiden.");

    const ok = await client.post("/cases/new?procedure=dk-school", fields);
    expect(ok.statusCode).toBe(303);
    const reference = decodeURIComponent(String(ok.headers.location).split("registered=")[1] ?? "");
    const c = await demo.t.db.kysely
      .selectFrom("cases")
      .selectAll()
      .where("reference", "=", reference)
      .executeTakeFirstOrThrow();
    // 10:15 in Copenhagen on Friday 27 February is 09:15 UTC
    expect({ channel: c.channel, receivedAt: c.received_at, received: c.received_date }).toEqual({
      channel: "phone",
      receivedAt: "2026-02-27T09:15:00.000Z",
      received: "2026-02-27",
    });
    const work = await client.get(String(ok.headers.location));
    expect(work.body).toContain(`Klagen er registreret som ${reference}.`);

    const analyst = await signedIn("analytiker@kommune.example");
    expect((await analyst.get("/cases/new")).statusCode).toBe(403);
  });

  it("signs out: the session no longer opens pages", async () => {
    const client = await signedIn("modtager@kommune.example");
    const work = await client.get("/work");
    const out = await client.post("/sign-out", { _csrf: WebClient.token(work.body) });
    expect(out.statusCode).toBe(303);
    expect((await client.get("/work")).statusCode).toBe(303);
  });
});
