/**
 * link asks whether the cases are merely related or answered together (issue 7 point 10):
 * `answerTogether: true` from the case that will answer makes it the lead; related cases stay apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import { type SeededOrganisation, seedOrganisation, testDeps } from "../support/fixtures.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

describe.each(DIALECTS)("linking: related or answered together (%s)", (dialect) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let org: SeededOrganisation;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    deps = testDeps(t.db);
    org = await seedOrganisation(deps, { country: "DK" });
  });
  afterAll(async () => t?.cleanup());

  const complaint = async (name: string) =>
    (
      await submitComplaint(deps, {
        procedure: org.procedureIds["dk-central-unit"]!,
        unit: "SKOLE-A",
        complainant: { name, email: `${name.toLowerCase()}@example.dk`, anonymous: false },
        subject: "Lukning af fritidsklubben",
        description: "Klubben lukker uden varsel.",
      })
    ).receipt.id;

  async function answer(id: string) {
    const { actors, people } = org;
    await runCaseCommand(deps, actors.coordinator, id, "assign", {
      handlers: [{ person: people.handler1.id, part: "all" }],
    });
    await runCaseCommand(deps, actors.handler1, id, "submit-draft", { body: "Klubben genåbner 1. april." });
    await runCaseCommand(deps, actors.approver, id, "approve", {});
    return runCaseCommand(deps, actors.handler1, id, "send-reply", { outcome: "partly_upheld" });
  }

  it("answered together from the answering case: its reply answers the other", async () => {
    const lead = await complaint("Anna");
    const other = await complaint("Bo");
    const linked = await runCaseCommand(deps, org.actors.receiver, lead, "link", {
      case: other,
      answerTogether: true,
    });
    expect(linked.links).toEqual([{ caseId: other, leadCaseId: lead }]);
    expect((await findCase(t.db.kysely, other))!.links).toEqual([{ caseId: lead, leadCaseId: lead }]);
    const titles = (await journalOf(t.db.kysely, lead)).map((e) => e.title);
    expect(titles.some((x) => / \(answered together\)$/.test(x))).toBe(true);

    await answer(lead);
    const answered = (await findCase(t.db.kysely, other))!;
    expect([answered.status, answered.outcome]).toEqual(["answered", "partly_upheld"]);
  });

  it("merely related: each case is answered on its own", async () => {
    const one = await complaint("Cai");
    const two = await complaint("Dina");
    const linked = await runCaseCommand(deps, org.actors.receiver, one, "link", {
      case: two,
      answerTogether: false,
    });
    expect(linked.links).toEqual([{ caseId: two, leadCaseId: null }]);
    await answer(one);
    expect((await findCase(t.db.kysely, two))!.status).toBe("received");
  });

  it("a lead that is not answered together is a contradiction, refused naming the field", async () => {
    const one = await complaint("Eva");
    const two = await complaint("Finn");
    const e = await runCaseCommand(deps, org.actors.receiver, one, "link", {
      case: two,
      lead: true,
      answerTogether: false,
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KlaraError);
    expect((e as KlaraError).details.fieldErrors?.map((f) => f.path)).toEqual(["answerTogether"]);
    expect((await findCase(t.db.kysely, one))!.links).toEqual([]);
  });
});
