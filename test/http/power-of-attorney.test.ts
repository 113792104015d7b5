/**
 * A power of attorney received after the complaint is recorded on the case (issue 7 point 1,
 * seed 004-3): `record-power-of-attorney` through the command registry, offered in
 * `allowedCommands` only while it can do something, journalised, and letters then go to the
 * representative. On both databases, through the API and the case page.
 */
import { describe, expect, it } from "vitest";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("recording a power of attorney received later (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
  const STAFF = "koordinator@kommune.example";

  const auth = (email = STAFF) => ({ authorization: `Bearer ${demo.tokens[email]}` });
  const register = async (extra: object) => {
    const res = await demo.app.inject({
      method: "POST",
      url: "/api/v1/cases",
      headers: auth(),
      payload: {
        procedure: "dk-employment",
        channel: "letter",
        subject: "Afslag på enkeltydelse",
        description: "Klage over afslag.",
        complainant: { name: "Ole Olsen", address: "Vejen 1, 2610 Rødovre" },
        ...extra,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const command = (id: string, body: object = {}) =>
    demo.app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/commands/record-power-of-attorney`,
      headers: auth(),
      payload: body,
    });
  const read = async (id: string) =>
    (await demo.app.inject({ url: `/api/v1/cases/${id}`, headers: auth() })).json();

  it("records the power of attorney of the representative named at intake, once", async () => {
    const id = await register({ representative: { name: "Advokat Berg", email: "berg@example.org" } });
    const before = await read(id);
    expect(before.representative).toMatchObject({ name: "Advokat Berg", powerOfAttorneyReceived: false });
    expect(before.allowedCommands).toContain("record-power-of-attorney");

    const res = await command(id);
    expect(res.statusCode, res.body).toBe(200);
    const after = await read(id);
    expect(after.representative).toEqual({
      name: "Advokat Berg",
      email: "berg@example.org",
      phone: null,
      address: null,
      powerOfAttorneyReceived: true,
    });
    expect(after.journal.map((e: { title: string }) => e.title)).toContain("Power of attorney received");
    expect(after.allowedCommands).not.toContain("record-power-of-attorney");

    const again = await command(id);
    expect(again.statusCode).toBe(409);
    expect((await read(id)).version).toBe(after.version);
  });

  it("names the representative when the case had none, and refuses without a name", async () => {
    const id = await register({});
    const nameless = await command(id, {});
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().errors).toEqual([expect.objectContaining({ path: "name" })]);
    const bad = await command(id, { name: "Advokat Berg", email: "not-an-email" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: "email" })]);

    const res = await command(id, { name: "Advokat Berg", email: "berg@example.org" });
    expect(res.statusCode, res.body).toBe(200);
    expect((await read(id)).representative).toMatchObject({
      name: "Advokat Berg",
      email: "berg@example.org",
      powerOfAttorneyReceived: true,
    });
  });

  it("is not offered on an anonymous complaint, and refused there", async () => {
    const submitted = await demo.app.inject({
      method: "POST",
      url: "/api/v1/complaints",
      payload: {
        procedure: "no-workplace",
        source: "participant",
        subject: "Anonymt",
        description: "Rutinene følges ikke.",
        complainant: { anonymous: true },
      },
    });
    const id = submitted.json().id as string;
    const admin = { authorization: `Bearer ${demo.tokens["admin@asvo.example"]}` };
    const detail = (await demo.app.inject({ url: `/api/v1/cases/${id}`, headers: admin })).json();
    expect(detail.allowedCommands).not.toContain("record-power-of-attorney");
    const res = await demo.app.inject({
      method: "POST",
      url: `/api/v1/cases/${id}/commands/record-power-of-attorney`,
      headers: admin,
      payload: { name: "Noen" },
    });
    expect(res.statusCode).toBe(409);
  });

  it("is a form on the case page", async () => {
    const id = await register({ representative: { name: "Advokat Holm" } });
    const client = new WebClient(demo.app);
    const form = await client.get("/sign-in");
    await client.post("/sign-in", {
      _csrf: WebClient.token(form.body),
      email: STAFF,
      password: demo.passwords[STAFF] ?? "",
      next: "/work",
    });
    const page = await client.get(`/cases/${id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Record the power of attorney received");
    const res = await client.command(id, "record-power-of-attorney", {});
    expect(res.statusCode, res.body).toBe(303);
    // the journal says it in the reader's language
    expect((await client.get(`/cases/${id}?lang=da`)).body).toContain("Fuldmagt modtaget");
    expect((await read(id)).representative).toMatchObject({
      name: "Advokat Holm",
      powerOfAttorneyReceived: true,
    });
  });
});
