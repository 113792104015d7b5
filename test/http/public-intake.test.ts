/**
 * Public intake for every complainant a procedure allows (issue 7, point 1): a named complaint to
 * every shipped procedure, an anonymous one to every procedure that allows anonymity, the optional
 * `source` limited to what a complainant may say of themselves, and the OpenAPI document saying so.
 */
import { describe, expect, it } from "vitest";
import { SHIPPED_PROCEDURES } from "../../src/domain/procedures/index.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("public intake on %s", (dialect) => {
  const demo = useDemoWeb(dialect);

  const submit = (body: object) =>
    demo.app.inject({ method: "POST", url: "/api/v1/complaints", payload: body });
  const staffRead = (id: string, admin = "admin@kommune.example") =>
    demo.app.inject({
      url: `/api/v1/cases/${id}`,
      headers: { authorization: `Bearer ${demo.tokens[admin]}` },
    });
  const sourceOf = async (id: string) =>
    (
      await demo.t.db.kysely
        .selectFrom("cases")
        .select("source")
        .where("id", "=", id)
        .executeTakeFirstOrThrow()
    ).source;
  const named = (procedure: string, extra: object = {}) => ({
    procedure,
    subject: "Ingen svar",
    description: "Jeg har ventet længe uden at høre noget.",
    complainant: { name: "Karen Jensen", email: "karen@example.org" },
    ...extra,
  });

  it.each(SHIPPED_PROCEDURES.map((p) => [p.id, p.allowedSources[0]]))(
    "takes a named complaint to %s, from its first allowed source (%s) when none is given",
    async (procedure, first) => {
      const res = await submit(named(procedure));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().reference).toMatch(/^KLA-2026-\d{6}$/);
      expect(await sourceOf(res.json().id)).toBe(first);
    },
  );

  const anonymous = SHIPPED_PROCEDURES.filter((p) => p.allowAnonymous);
  it("ships at least one procedure that takes anonymous complaints", () => {
    expect(anonymous.map((p) => p.id)).toContain("no-workplace");
  });

  it.each(anonymous.map((p) => [p.id]))("takes an anonymous complaint to %s", async (procedure) => {
    const res = await submit({
      procedure,
      subject: "Anonymt",
      description: "Rutinene følges ikke på verkstedet.",
      complainant: { anonymous: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    const admin = procedure === "no-workplace" ? "admin@asvo.example" : "admin@kommune.example";
    const detail = (await staffRead(res.json().id, admin)).json();
    expect(detail.complainant).toMatchObject({ anonymous: true, name: null, email: null });
  });

  it("refuses an anonymous complaint to a procedure that does not allow it, naming the field", async () => {
    const res = await submit({ ...named("dk-school"), complainant: { anonymous: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain("complainant.anonymous");
  });

  it("takes an anonymous programme participant at no-workplace", async () => {
    const res = await submit({
      procedure: "no-workplace",
      source: "participant",
      subject: "Opplæringen",
      description: "Jeg har ikke fått opplæring på maskinen.",
      complainant: { anonymous: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await sourceOf(res.json().id)).toBe("participant");
  });

  it.each([["customer"], ["partner"], ["employee"]])("takes a named %s at no-workplace", async (source) => {
    const res = await submit(named("no-workplace", { source }));
    expect(res.statusCode, res.body).toBe(201);
    expect(await sourceOf(res.json().id)).toBe(source);
  });

  it("refuses a participant at a Danish procedure that does not take them, naming source", async () => {
    const before = await countCases();
    const res = await submit(named("dk-school", { source: "participant" }));
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors).toEqual([expect.objectContaining({ path: "source" })]);
    expect(await countCases()).toBe(before);
  });

  it.each([["ombudsman"], ["citizens_advisor"], ["political"], ["nobody"]])(
    "refuses a public complaint claiming source %s with a 400 naming source",
    async (source) => {
      const before = await countCases();
      const res = await submit(named("dk-abc", { source }));
      expect(res.statusCode).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors).toEqual([expect.objectContaining({ path: "source" })]);
      expect(await countCases()).toBe(before);
    },
  );

  it("refuses a decision complained of that is dated in the future, naming decision.date", async () => {
    const res = await submit(named("dk-employment", { decision: { date: "2026-03-03", reference: "X-1" } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: "decision.date" })]);
    const today = await submit(named("dk-employment", { decision: { date: "2026-03-02" } }));
    expect(today.statusCode, today.body).toBe(201);
  });

  it("registers a citizen's own source and a representative's by default", async () => {
    const citizen = await submit(named("dk-employment", { source: "citizen" }));
    expect(await sourceOf(citizen.json().id)).toBe("citizen");
    const represented = await submit(
      named("dk-employment", { representative: { name: "Advokat Berg", email: "berg@example.org" } }),
    );
    expect(represented.statusCode, represented.body).toBe(201);
    expect(await sourceOf(represented.json().id)).toBe("representative");
    const detail = await staffRead(represented.json().id);
    expect(detail.json().source).toBe("representative");
  });

  it("says in the OpenAPI document which sources a complainant may give", async () => {
    const doc = (await demo.app.inject({ url: "/api/v1/openapi.json" })).json();
    const text = JSON.stringify(doc.paths["/api/v1/complaints"].post);
    const schemas = JSON.stringify(doc.components ?? {});
    const all = text + schemas;
    for (const s of ["participant", "employee", "customer", "partner", "representative"])
      expect(all).toContain(`"${s}"`);
    expect(all).toContain("What the complainant says of themselves");
    // the staff registration still takes the staff-only sources
    expect(JSON.stringify(doc.paths["/api/v1/cases"].post) + schemas).toContain('"ombudsman"');
  });

  async function countCases() {
    const row = await demo.t.db.kysely
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
});
