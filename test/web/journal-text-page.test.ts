/**
 * The case page says journal titles and deadline explanations from their data (decision 0019): with
 * the stored English made unreadable, the page still says them right in Danish and Norwegian, and an
 * entry without data is read back from its English as before.
 */
import { describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { useDemoWeb } from "../support/demo-web.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("the case page's journal and deadlines from their data (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);
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
  const db = () => demo.t.db.kysely;

  it("says them from the event and the reckoning, not from the stored English", async () => {
    const id = await newComplaint();
    // the English beside the data, garbled: only the data can say it now
    await db().updateTable("deadlines").set({ explanation: "garbled" }).where("case_id", "=", id).execute();
    await db()
      .updateTable("journal_entries")
      .set({ title: "garbled title", body: "garbled body" })
      .where("case_id", "=", id)
      .where("kind", "=", "deadline")
      .execute();
    const client = await demo.signedIn("modtager@kommune.example");
    const da = (await client.get(`/cases/${id}`)).body;
    expect(da).not.toContain("garbled");
    expect(da).toMatch(/Frist sat: Svar på klagen/);
    expect(da).toMatch(/modtaget [^;<]+; \+ 30 dage = /);
    const nb = (await client.get(`/cases/${id}?lang=nb`)).body;
    expect(nb).not.toContain("garbled");
    expect(nb).toMatch(/Frist satt: Svar på klagen/);
    expect(nb).toMatch(/mottatt [^;<]+; \+ 30 dager = /);
  });

  it("reads an entry written before the data was kept back from its English", async () => {
    const id = await newComplaint();
    await db().updateTable("deadlines").set({ reckoning: null }).where("case_id", "=", id).execute();
    await db().updateTable("journal_entries").set({ event: null }).where("case_id", "=", id).execute();
    const client = await demo.signedIn("modtager@kommune.example");
    const da = (await client.get(`/cases/${id}`)).body;
    expect(da).toMatch(/Klage modtaget \(/);
    expect(da).toMatch(/Frist sat: Svar på klagen/);
    expect(da).toMatch(/modtaget [^;<]+; \+ 30 dage = /);
    expect(da).not.toMatch(/received Mon|Deadline set:/);
  });
});
