/** Linked cases (dk-central-unit): the same matter complained of twice is answered once, by the lead. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { journalOf } from "../../src/db/case.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { type SeededOrganisation, seedOrganisation, testDeps } from "../support/fixtures.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

describe.each(DIALECTS)("linked cases on %s", (dialect) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    deps = testDeps(t.db);
    org = await seedOrganisation(deps, { country: "DK" });
  });
  afterAll(async () => t?.cleanup());

  const complaint = (name: string, email: string) =>
    submitComplaint(deps, {
      procedure: org.procedureIds["dk-central-unit"]!,
      unit: "SKOLE-A",
      complainant: { name, email, anonymous: false },
      subject: "Lukning af fritidsklubben",
      description: "Klubben lukker uden varsel.",
    });

  it("answers the merged case when the lead's reply is sent, with its own letter and journal", async () => {
    const { actors } = org;
    const lead = (await complaint("Anna", "anna@example.dk")).receipt.id;
    const merged = (await complaint("Bo", "bo@example.dk")).receipt.id;

    const linked = await runCaseCommand(deps, actors.receiver, merged, "link", { case: lead, lead: true });
    expect(linked.links).toEqual([{ caseId: lead, leadCaseId: lead }]);

    await runCaseCommand(deps, actors.coordinator, lead, "assign", {
      handlers: [{ person: org.people.handler1.id, part: "all" }],
    });
    await runCaseCommand(deps, actors.handler1, lead, "submit-draft", { body: "Klubben genåbner 1. april." });
    await runCaseCommand(deps, actors.approver, lead, "approve", {});
    const answered = await runCaseCommand(deps, actors.handler1, lead, "send-reply", {
      outcome: "partly_upheld",
    });
    expect(answered.status).toBe("answered");

    const { findCase } = await import("../../src/db/case.repository.js");
    const other = (await findCase(t.db.kysely, merged))!;
    expect(other.status).toBe("answered");
    expect(other.outcome).toBe("partly_upheld");
    expect(other.deadlines.find((d) => d.kind === "reply")!.metAt).not.toBeNull();
    const journal = await journalOf(t.db.kysely, merged);
    expect(journal.find((e) => e.kind === "reply")!.title).toContain(answered.reference);
    expect(verifyChain(merged, journal)).toMatchObject({ ok: true });
    const letters = (await outboxFor(t.db.kysely, merged)).map(
      (m) => (m.payload as { template: string }).template,
    );
    expect(letters).toContain("reply");
  });

  it("does not link to, or reveal, a personnel case the person linking may not see", async () => {
    const { actors } = org;
    const normal = (await complaint("Cai", "cai@example.dk")).receipt.id;
    const personnel = (
      await submitComplaint(deps, {
        procedure: org.procedureIds["dk-school"]!,
        unit: "SKOLE-A",
        category: "leadership",
        complainant: { name: "Dina", email: "dina@example.dk", anonymous: false },
        subject: "Skolelederens optræden",
        description: "Skolelederen råbte.",
      })
    ).receipt;
    const { findCase } = await import("../../src/db/case.repository.js");
    expect((await findCase(t.db.kysely, personnel.id))?.confidentiality).toBe("personnel");

    for (const target of [personnel.reference, personnel.id]) {
      await expect(
        runCaseCommand(deps, actors.receiver, normal, "link", { case: target }),
      ).rejects.toMatchObject({ code: "invalid_input", details: { fieldErrors: [{ path: "case" }] } });
    }
    expect((await findCase(t.db.kysely, normal))?.links).toEqual([]);
    const linked = await runCaseCommand(deps, actors.admin, normal, "link", { case: personnel.reference });
    expect(linked.links.map((l) => l.caseId)).toEqual([personnel.id]);
  });
});
