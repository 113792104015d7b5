/** Linked cases (dk-central-unit): the same matter complained of twice is answered once, by the lead. */
import { describe, expect, it } from "vitest";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { journalOf } from "../../src/db/case.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("linked cases on %s", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  const complaint = (name: string, email: string) =>
    submitComplaint(s.deps, {
      procedure: s.org.procedureIds["dk-central-unit"]!,
      unit: "SKOLE-A",
      complainant: { name, email, anonymous: false },
      subject: "Lukning af fritidsklubben",
      description: "Klubben lukker uden varsel.",
    });

  it("answers the merged case when the lead's reply is sent, with its own letter and journal", async () => {
    const { actors } = s.org;
    const lead = (await complaint("Anna", "anna@example.dk")).receipt.id;
    const merged = (await complaint("Bo", "bo@example.dk")).receipt.id;

    const linked = await runCaseCommand(s.deps, actors.receiver, merged, "link", { case: lead, lead: true });
    expect(linked.links).toEqual([{ caseId: lead, leadCaseId: lead }]);

    await runCaseCommand(s.deps, actors.coordinator, lead, "assign", {
      handlers: [{ person: s.org.people.handler1.id, part: "all" }],
    });
    await runCaseCommand(s.deps, actors.handler1, lead, "submit-draft", {
      body: "Klubben genåbner 1. april.",
    });
    await runCaseCommand(s.deps, actors.approver, lead, "approve", {});
    const answered = await runCaseCommand(s.deps, actors.handler1, lead, "send-reply", {
      outcome: "partly_upheld",
    });
    expect(answered.status).toBe("answered");

    const { findCase } = await import("../../src/db/case.repository.js");
    const other = (await findCase(s.t.db.kysely, merged))!;
    expect(other.status).toBe("answered");
    expect(other.outcome).toBe("partly_upheld");
    expect(other.deadlines.find((d) => d.kind === "reply")!.metAt).not.toBeNull();
    const journal = await journalOf(s.t.db.kysely, merged);
    expect(journal.find((e) => e.kind === "reply")!.title).toContain(answered.reference);
    expect(verifyChain(merged, journal)).toMatchObject({ ok: true });
    const letters = (await outboxFor(s.t.db.kysely, merged)).map(
      (m) => (m.payload as { template: string }).template,
    );
    expect(letters).toContain("reply");
  });

  it("does not link to, or reveal, a personnel case the person linking may not see", async () => {
    const { actors } = s.org;
    const normal = (await complaint("Cai", "cai@example.dk")).receipt.id;
    const personnel = (
      await submitComplaint(s.deps, {
        procedure: s.org.procedureIds["dk-school"]!,
        unit: "SKOLE-A",
        category: "leadership",
        complainant: { name: "Dina", email: "dina@example.dk", anonymous: false },
        subject: "Skolelederens optræden",
        description: "Skolelederen råbte.",
      })
    ).receipt;
    const { findCase } = await import("../../src/db/case.repository.js");
    expect((await findCase(s.t.db.kysely, personnel.id))?.confidentiality).toBe("personnel");

    for (const target of [personnel.reference, personnel.id]) {
      await expect(
        runCaseCommand(s.deps, actors.receiver, normal, "link", { case: target }),
      ).rejects.toMatchObject({ code: "invalid_input", details: { fieldErrors: [{ path: "case" }] } });
    }
    expect((await findCase(s.t.db.kysely, normal))?.links).toEqual([]);
    const linked = await runCaseCommand(s.deps, actors.admin, normal, "link", { case: personnel.reference });
    expect(linked.links.map((l) => l.caseId)).toEqual([personnel.id]);
  });
});
