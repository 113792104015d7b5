/**
 * link asks whether the cases are merely related or answered together (issue 7 point 10):
 * `answerTogether: true` from the case that will answer makes it the lead; related cases stay apart.
 */
import { describe, expect, it } from "vitest";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("linking: related or answered together (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  const complaint = async (name: string) =>
    (
      await submitComplaint(s.deps, {
        procedure: s.org.procedureIds["dk-central-unit"]!,
        unit: "SKOLE-A",
        complainant: { name, email: `${name.toLowerCase()}@example.dk`, anonymous: false },
        subject: "Lukning af fritidsklubben",
        description: "Klubben lukker uden varsel.",
      })
    ).receipt.id;

  async function answer(id: string) {
    const { actors, people } = s.org;
    await runCaseCommand(s.deps, actors.coordinator, id, "assign", {
      handlers: [{ person: people.handler1.id, part: "all" }],
    });
    await runCaseCommand(s.deps, actors.handler1, id, "submit-draft", { body: "Klubben genåbner 1. april." });
    await runCaseCommand(s.deps, actors.approver, id, "approve", {});
    return runCaseCommand(s.deps, actors.handler1, id, "send-reply", { outcome: "partly_upheld" });
  }

  it("answered together from the answering case: its reply answers the other", async () => {
    const lead = await complaint("Anna");
    const other = await complaint("Bo");
    const linked = await runCaseCommand(s.deps, s.org.actors.receiver, lead, "link", {
      case: other,
      answerTogether: true,
    });
    expect(linked.links).toEqual([{ caseId: other, leadCaseId: lead }]);
    expect((await findCase(s.t.db.kysely, other))!.links).toEqual([{ caseId: lead, leadCaseId: lead }]);
    const titles = (await journalOf(s.t.db.kysely, lead)).map((e) => e.title);
    expect(titles.some((x) => / \(answered together\)$/.test(x))).toBe(true);

    await answer(lead);
    const answered = (await findCase(s.t.db.kysely, other))!;
    expect([answered.status, answered.outcome]).toEqual(["answered", "partly_upheld"]);
  });

  it("merely related: each case is answered on its own", async () => {
    const one = await complaint("Cai");
    const two = await complaint("Dina");
    const linked = await runCaseCommand(s.deps, s.org.actors.receiver, one, "link", {
      case: two,
      answerTogether: false,
    });
    expect(linked.links).toEqual([{ caseId: two, leadCaseId: null }]);
    await answer(one);
    expect((await findCase(s.t.db.kysely, two))!.status).toBe("received");
  });

  it("a lead that is not answered together is a contradiction, refused naming the field", async () => {
    const one = await complaint("Eva");
    const two = await complaint("Finn");
    const e = await runCaseCommand(s.deps, s.org.actors.receiver, one, "link", {
      case: two,
      lead: true,
      answerTogether: false,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KlaraError);
    expect((e as KlaraError).details.fieldErrors?.map((f) => f.path)).toEqual(["answerTogether"]);
    expect((await findCase(s.t.db.kysely, one))!.links).toEqual([]);
  });
});
