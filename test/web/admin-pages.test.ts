/**
 * Admin pages on each database: adding a person who can then sign in, refusals at their fields,
 * deactivating (no more sign-in) and reactivating, never oneself; procedures shown with their rules;
 * everyone else refused.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { loadDemo } from "../../src/app/load-demo.js";
import { FixedClock } from "../../src/domain/clock.js";
import { createHttpApp } from "../../src/http/server.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("the admin pages (%s)", (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let passwords: Record<string, string>;

  const signedIn = async (email: string, password = passwords[email] ?? "") => {
    const client = new WebClient(app);
    const res = await client.signIn(email, password);
    return { client, ok: res.statusCode === 303 };
  };
  const personId = async (email: string) =>
    (await t.db.kysely.selectFrom("people").select("id").where("email", "=", email).executeTakeFirstOrThrow())
      .id;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const deps = createDeps(t.db, FixedClock.at("2026-03-02T09:00:00Z"));
    passwords = (await loadDemo(deps)).passwords;
    app = await createHttpApp({ deps, rateLimitPerMinute: 0 });
  }, 60_000);
  afterAll(async () => {
    await app.close();
    await t?.cleanup();
  });

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
    const nina = await t.db.kysely
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
    const id = await personId("godkender@kommune.example");
    expect((await client.post(`/admin/people/${id}/deactivate`, { _csrf: token })).statusCode).toBe(303);
    expect((await signedIn("godkender@kommune.example")).ok).toBe(false);
    expect((await client.post(`/admin/people/${id}/reactivate`, { _csrf: token })).statusCode).toBe(303);
    expect((await signedIn("godkender@kommune.example")).ok).toBe(true);

    const self = await client.post(`/admin/people/${await personId("admin@kommune.example")}/deactivate`, {
      _csrf: token,
    });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain("Du kan ikke deaktivere dig selv.");
    const forged = await client.post(`/admin/people/${id}/deactivate`, { _csrf: "forged" });
    expect(forged.statusCode).toBe(403);
    expect((await signedIn("godkender@kommune.example")).ok).toBe(true);
  });

  it("shows the procedures with their deadlines, categories and approval", async () => {
    const { client } = await signedIn("admin@kommune.example");
    const res = await client.get("/admin/procedures");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Klageprocedure, Skoleafdelingen");
    expect(res.body).toContain("Svar på klagen");
    expect(res.body).toContain("school_conduct");
    expect(res.body).not.toContain("no-workplace");
  });

  it("refuses the admin pages to everyone else", async () => {
    const { client } = await signedIn("koordinator@kommune.example");
    expect((await client.get("/admin/people")).statusCode).toBe(403);
    expect((await client.get("/admin/procedures")).statusCode).toBe(403);
    const work = await client.get("/work");
    const res = await client.post(`/admin/people/${await personId("modtager@kommune.example")}/deactivate`, {
      _csrf: WebClient.token(work.body),
    });
    expect(res.statusCode).toBe(403);
    expect((await signedIn("modtager@kommune.example")).ok).toBe(true);
  });
});
