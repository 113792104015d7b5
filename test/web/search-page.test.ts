/**
 * The staff search page finds a case by its reference (with or without "KLA-"), the complainant's
 * name and e-mail; a personnel case is not found by someone who may not see it, nor another
 * department's case by a school leader (need to know, decision 0007).
 */
import { describe, expect, it } from "vitest";
import { K } from "../../src/app/demo-data.js";
import { useDemoWeb } from "../support/demo-web.js";

describe("the staff search page", () => {
  const demo = useDemoWeb("sqlite");

  const found = (html: string) => [...html.matchAll(/href="\/cases\/([0-9a-z-]{20,})"/g)].map((m) => m[1]);

  it("finds by reference, name and e-mail, and never a personnel case for the leader it concerns", async () => {
    const receiver = await demo.signedIn(K("modtager"));
    const listed = await demo.t.db.kysely
      .selectFrom("cases")
      .select(["id", "reference", "data"])
      .where("procedure_id", "=", "dk-school")
      .where("confidentiality", "=", "normal")
      .execute();
    const withEmail = listed.find((c) => JSON.parse(c.data).complainant?.email);
    expect(withEmail).toBeDefined();
    const { id, reference } = withEmail!;
    const email = JSON.parse(withEmail!.data).complainant.email as string;
    for (const q of [reference, reference.replace(/^KLA-/, ""), email.toUpperCase()]) {
      const page = await receiver.get(`/cases?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q).toBe(200);
      expect(found(page.body), q).toContain(id);
    }
    // the demo's leadership complaint about school A's leader: found by its handler's side, never by her
    const director = await demo.signedIn(K("skolechef"));
    const byName = await director.get(`/cases?q=${encodeURIComponent("Karen Vestergaard")}`);
    expect(found(byName.body)).toHaveLength(1);
    const leader = await demo.signedIn(K("skoleleder.a"));
    const hidden = await leader.get(`/cases?q=${encodeURIComponent("Karen Vestergaard")}`);
    expect(hidden.statusCode).toBe(200);
    expect(found(hidden.body)).toEqual([]);
    // need to know: the stopped sick pay complaint is the benefits unit's, not the school leader's
    const sickPay = await demo.t.db.kysely
      .selectFrom("cases")
      .select("id")
      .where("subject", "=", "Stop af sygedagpenge")
      .executeTakeFirstOrThrow();
    expect(found((await leader.get("/cases?q=sygedagpenge")).body)).not.toContain(sickPay.id);
    expect(found((await leader.get("/cases?procedure=dk-employment")).body)).toEqual([]);
    expect((await leader.get(`/cases/${sickPay.id}`)).statusCode).toBe(403);
    const benefits = await demo.signedIn(K("sagsbehandler.ydelse"));
    expect(found((await benefits.get("/cases?q=sygedagpenge")).body)).toContain(sickPay.id);
  }, 60_000);

  it("shows a linked personnel case to the other case's readers only as a linked confidential case", async () => {
    const k = demo.t.db.kysely;
    const personnel = await k
      .selectFrom("cases")
      .select(["id", "reference"])
      .where("procedure_id", "=", "dk-school")
      .where("confidentiality", "=", "personnel")
      .executeTakeFirstOrThrow();
    const normal = await k
      .selectFrom("cases")
      .innerJoin("units", "units.id", "cases.unit_id")
      .select(["cases.id", "cases.reference"])
      .where("cases.procedure_id", "=", "dk-school")
      .where("cases.confidentiality", "=", "normal")
      .where("units.code", "=", "SKOLE-A")
      .where("cases.status", "not in", ["closed", "withdrawn", "not_a_complaint"])
      .executeTakeFirstOrThrow();
    // the department head handles the personnel case and sees both
    const head = await demo.signedIn(K("skolechef"));
    const linked = await head.command(personnel.id, "link", { case: normal.reference, lead: "false" });
    expect(linked.statusCode).toBe(303);
    const leader = await demo.signedIn(K("skoleleder.a"));
    const page = await leader.get(`/cases/${normal.id}?lang=en`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("a linked confidential case");
    expect(page.body).not.toContain(personnel.id);
    expect(page.body).not.toContain(personnel.reference);
    const full = await head.get(`/cases/${normal.id}?lang=en`);
    expect(full.body).toContain(`href="/cases/${personnel.id}"`);
  }, 60_000);
});
