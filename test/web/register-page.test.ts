/**
 * Staff registration on the web takes everything `POST /api/v1/cases` takes (issue 7, point 1): the
 * type, the decision complained of (date, reference, area, fast track), a representative and whether
 * the power of attorney was received, any source the procedure allows (staff-only ones included),
 * the channel and the time of receipt. Required selects start with an empty placeholder.
 */
import { describe, expect, it } from "vitest";
import { findCase } from "../../src/db/case.repository.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";
import { WebClient } from "../support/web-session.js";

describe.each(DIALECTS)("registering a complaint on the web (%s)", (dialect) => {
  const web = useDemoWeb(dialect);
  const RECEIVER = "modtager@kommune.example";

  const byReference = async (procedure: string, reference: string) => {
    const row = await web.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("procedure_id", "=", procedure)
      .where("reference", "=", reference)
      .executeTakeFirstOrThrow();
    const c = await findCase(web.t.db.kysely, row.id);
    if (!c) throw new Error("the case was not stored");
    return c;
  };

  it("offers the decision, the representative, the type and every source of the procedure", async () => {
    const client = await web.signedIn(RECEIVER);
    const chooser = await client.get("/cases/new?lang=en");
    // a required select's first option is an empty placeholder
    expect(chooser.body).toMatch(/<select[^>]*id="procedure"[^>]*required>\s*<option value="">/);
    const res = await client.get("/cases/new?procedure=dk-employment&lang=en");
    expect(res.statusCode).toBe(200);
    for (const name of [
      "type",
      "decision.date",
      "decision.reference",
      "decision.area",
      "decision.fastTrack",
      "representative.name",
      "representative.email",
      "representative.powerOfAttorneyReceived",
    ])
      expect(res.body, name).toContain(`name="${name}"`);
    for (const source of ["citizen", "representative", "citizens_advisor", "ombudsman", "political"])
      expect(res.body).toContain(`<option value="${source}"`);
    expect(res.body).toMatch(/<select[^>]*id="channel"[^>]*required>\s*<option value="">/);
    expect(res.body).toMatch(/<select[^>]*id="source"[^>]*required>\s*<option value="">/);
    expect(res.body).not.toMatch(/Email \(optional\)/);
  });

  it("registers a fast-track decision complaint by letter from a representative with power of attorney", async () => {
    const client = await web.signedIn(RECEIVER);
    const form = await client.get("/cases/new?procedure=dk-employment&lang=en");
    const res = await client.post("/cases/new?procedure=dk-employment&lang=en", {
      _csrf: WebClient.token(form.body),
      channel: "letter",
      receivedDate: "2026-02-27",
      receivedTime: "14:10",
      source: "representative",
      type: "decision",
      category: "benefits",
      subject: "Klage over afslag på enkeltydelse",
      description: "Vi klager over afgørelsen om afslag.",
      "decision.date": "2026-02-20",
      "decision.reference": "YD-2026-0042",
      "decision.area": "Enkeltydelser",
      "decision.fastTrack": "true",
      "complainant.name": "Ole Olsen",
      "complainant.address": "Vejen 1, 2610 Rødovre",
      "representative.name": "Advokat Berg",
      "representative.email": "berg@example.org",
      "representative.powerOfAttorneyReceived": "true",
    });
    expect(res.statusCode, res.body).toBe(303);
    const reference = /registered=(KLA-2026-\d{6})/.exec(String(res.headers.location))?.[1] ?? "";
    const c = await byReference("dk-employment", reference);
    expect(c).toMatchObject({
      channel: "letter",
      source: "representative",
      type: "decision",
      category: "benefits",
      receivedAt: "2026-02-27T13:10:00.000Z",
      decision: { date: "2026-02-20", reference: "YD-2026-0042", area: "Enkeltydelser", fastTrack: true },
      representative: { name: "Advokat Berg", email: "berg@example.org", powerOfAttorneyReceived: true },
    });
    expect(c.complainant).toMatchObject({ name: "Ole Olsen", address: "Vejen 1, 2610 Rødovre" });
    // the fast track's 5 working days from receipt (Friday 27 February) are counted
    expect(c.deadlines.find((d) => d.kind === "reassessment")?.dueDate).toBe("2026-03-06");
  });

  it("registers a complaint the ombudsman forwarded, a source the public may not claim", async () => {
    const client = await web.signedIn(RECEIVER);
    const form = await client.get("/cases/new?procedure=dk-school&lang=en");
    const res = await client.post("/cases/new?procedure=dk-school&lang=en", {
      _csrf: WebClient.token(form.body),
      channel: "email",
      receivedDate: "2026-03-02",
      receivedTime: "09:30",
      source: "ombudsman",
      subject: "Henvendelse fra Ombudsmanden",
      description: "Ombudsmanden har sendt en klage videre.",
      "complainant.email": "borger@example.org",
    });
    expect(res.statusCode, res.body).toBe(303);
    const reference = /registered=(KLA-2026-\d{6})/.exec(String(res.headers.location))?.[1] ?? "";
    expect((await byReference("dk-school", reference)).source).toBe("ombudsman");
  });

  it("refuses a decision dated in the future and a representative without a name, naming the fields", async () => {
    const client = await web.signedIn(RECEIVER);
    const form = await client.get("/cases/new?procedure=dk-employment&lang=en");
    const res = await client.post("/cases/new?procedure=dk-employment&lang=en", {
      _csrf: WebClient.token(form.body),
      channel: "phone",
      receivedDate: "2026-03-02",
      receivedTime: "09:00",
      source: "citizen",
      subject: "Afslag",
      description: "Afslag på ydelse.",
      "decision.date": "2026-04-01",
      "complainant.phone": "+45 11 22 33 44",
      "representative.email": "berg@example.org",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#representative.name"');
    expect(res.body).toMatch(/id="representative\.email"[^>]*value="berg@example.org"/);
    const api = await client.post("/cases/new?procedure=dk-employment&lang=en", {
      _csrf: WebClient.token(form.body),
      channel: "phone",
      receivedDate: "2026-03-02",
      receivedTime: "09:00",
      subject: "Afslag",
      description: "Afslag på ydelse.",
      "decision.date": "2026-04-01",
      "complainant.phone": "+45 11 22 33 44",
    });
    expect(api.statusCode).toBe(400);
    expect(api.body).toContain('<a href="#decision.date"');
  });
});
