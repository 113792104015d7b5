/**
 * Deadline and linking defects found in review (issue 10 point 7, issue 7 point 5), on each
 * database: an answered case leaves no acknowledge/route deadline to be missed, ended cases are not
 * proposed for linking, and dk-employment's fast track records no deviation when the decision changes.
 */
import { describe, expect, it } from "vitest";
import { linkProposals } from "../../src/app/link-proposals.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { sweepDeadlines } from "../../src/app/sweep-deadlines.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { migrateTo, migrateToLatest, migrationNames } from "../../src/db/create-db.js";
import { seedOrganisation, testDeps } from "../support/fixtures.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS, openTestDb } from "../support/test-db.js";

// Mon 2 March 2026, 10:00 Copenhagen: dk-school acknowledge and route due Thu 5 March.
const RECEIVED = "2026-03-02T09:00:00.000Z";

describe.each(DIALECTS)("deadline correctness (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, RECEIVED);

  const load = async (id: string) => (await findCase(s.deps.db.kysely, id))!;
  const deviationRows = (id: string) =>
    s.deps.db.kysely
      .selectFrom("deviations")
      .select(["deadline_kind", "due_date"])
      .where("case_id", "=", id)
      .execute();

  it("an answered case has no open acknowledge deadline: the sweep records no deviation for it", async () => {
    s.deps.clock.set(RECEIVED);
    const { receipt } = await submitComplaint(s.deps, {
      procedure: "dk-school",
      unit: "SKOLE-A",
      complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
      subject: "Mobning",
      description: "Min søn bliver mobbet.",
      category: "school_conduct",
    });
    const id = receipt.id;
    const { actors } = s.org;
    // never acknowledged: routed, drafted, approved and answered on Tuesday
    s.deps.clock.set("2026-03-03T09:00:00.000Z");
    await runCaseCommand(s.deps, actors.coordinator, id, "assign", {});
    await runCaseCommand(s.deps, actors.leaderA, id, "submit-draft", { body: "Kære Mette" });
    await runCaseCommand(s.deps, actors.approver, id, "approve", {});
    const answered = await runCaseCommand(s.deps, actors.leaderA, id, "send-reply", { outcome: "upheld" });
    expect(answered.status).toBe("answered");
    expect(answered.deadlines.find((d) => d.kind === "acknowledge")?.metAt).toBe("2026-03-03T09:00:00.000Z");

    s.deps.clock.set("2026-03-09T09:00:00.000Z"); // the acknowledge deadline (Thu 5 March) has passed
    await sweepDeadlines(s.deps);
    const c = await load(id);
    expect(c.deviations).toEqual([]);
    expect(await deviationRows(id)).toEqual([]);
    expect((await journalOf(s.deps.db.kysely, id)).filter((e) => e.kind === "deviation")).toEqual([]);
    const row = await s.deps.db.kysely
      .selectFrom("cases")
      .select(["next_due_date"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.next_due_date).toBeNull();
  });

  it("never proposes a withdrawn case or one that is not a complaint for linking", async () => {
    s.deps.clock.set(RECEIVED);
    const complaint = (email: string): SubmitComplaintBody => ({
      procedure: s.org.procedureIds["dk-central-unit"]!,
      unit: "SKOLE-A",
      complainant: { name: "Anna", email, anonymous: false },
      subject: "Lukning af fritidsklubben",
      description: "Klubben lukker uden varsel, og ingen har sagt noget.",
    });
    const target = (await submitComplaint(s.deps, complaint("anna@example.dk"))).receipt.id;
    const open = (await submitComplaint(s.deps, complaint("anna@example.dk"))).receipt.id;
    const withdrawn = (await submitComplaint(s.deps, complaint("anna@example.dk"))).receipt.id;
    const notComplaint = (await submitComplaint(s.deps, complaint("anna@example.dk"))).receipt.id;
    await runCaseCommand(s.deps, s.org.actors.coordinator, withdrawn, "withdraw", {
      reason: "Trukket tilbage",
    });
    await runCaseCommand(s.deps, s.org.actors.coordinator, notComplaint, "mark-not-a-complaint", {
      reason: "Et spørgsmål",
    });
    const proposed = (await linkProposals(s.deps, await load(target))).map((p) => p.id);
    expect(proposed).toContain(open);
    expect(proposed).not.toContain(withdrawn);
    expect(proposed).not.toContain(notComplaint);
    // and an ended case proposes nothing itself
    expect(await linkProposals(s.deps, await load(withdrawn))).toEqual([]);
  });

  describe("dk-employment's fast track (5 working days only when the decision is upheld)", () => {
    const fastTrack = async () => {
      s.deps.clock.set(RECEIVED);
      const { receipt } = await submitComplaint(s.deps, {
        procedure: "dk-employment",
        unit: "JOBCENTER",
        complainant: { name: "Bo Borger", email: "bo@example.dk", anonymous: false },
        subject: "Klage over tilbud",
        description: "Tilbuddet passer ikke til mig.",
        category: "job_centre",
        decision: { date: "2026-02-27", reference: "J-2026-18", area: "tilbud", fastTrack: true },
      });
      const id = receipt.id;
      await runCaseCommand(s.deps, s.org.actors.coordinator, id, "classify", {
        type: "decision",
        category: "job_centre",
      });
      await runCaseCommand(s.deps, s.org.actors.coordinator, id, "assign", {});
      // received Mon 2 March: + 5 working days = Mon 9 March
      expect((await load(id)).deadlines.find((d) => d.kind === "reassessment")?.dueDate).toBe("2026-03-09");
      return id;
    };

    it("records no deviation on day 6 while the reassessment is open, nor when it changes the decision", async () => {
      const id = await fastTrack();
      s.deps.clock.set("2026-03-11T09:00:00.000Z"); // Wed 11 March: past the 5 working days
      await sweepDeadlines(s.deps);
      expect((await load(id)).deviations).toEqual([]);
      const decided = await runCaseCommand(s.deps, s.org.actors.handler1, id, "decide-reassessment", {
        result: "changed",
        body: "Afgørelsen ændres.",
      });
      const reassessment = decided.deadlines.find((d) => d.kind === "reassessment")!;
      // 4 weeks apply: Mon 30 March, met on Wed 11 March
      expect([reassessment.dueDate, reassessment.metAt]).toEqual(["2026-03-30", "2026-03-11T09:00:00.000Z"]);
      await sweepDeadlines(s.deps);
      expect((await load(id)).deviations).toEqual([]);
      expect(await deviationRows(id)).toEqual([]);
    });

    it("records the deviation when the decision is upheld after the 5 working days", async () => {
      const id = await fastTrack();
      s.deps.clock.set("2026-03-11T09:00:00.000Z");
      await sweepDeadlines(s.deps);
      await runCaseCommand(s.deps, s.org.actors.handler1, id, "decide-reassessment", {
        result: "upheld",
        body: "Afgørelsen fastholdes.",
      });
      expect((await load(id)).deviations.map((d) => [d.deadlineKind, d.dueDate])).toEqual([
        ["reassessment", "2026-03-09"],
      ]);
      expect(await deviationRows(id)).toEqual([{ deadline_kind: "reassessment", due_date: "2026-03-09" }]);
    });

    it("is missed once even the 4 weeks have passed undecided", async () => {
      const id = await fastTrack();
      s.deps.clock.set("2026-03-31T09:00:00.000Z"); // after Mon 30 March
      await sweepDeadlines(s.deps);
      expect((await load(id)).deviations.map((d) => d.deadlineKind)).toEqual(["reassessment"]);
    });
  });
});

describe.each(DIALECTS)("answered before a reply settled acknowledging (%s)", (dialect) => {
  it("the migration takes the stale acknowledgement out of the case's next deadline", async () => {
    const t = await openTestDb(dialect);
    try {
      const deps = testDeps(t.db, RECEIVED);
      const org = await seedOrganisation(deps, { country: "DK" });
      const { receipt } = await submitComplaint(deps, {
        procedure: "dk-school",
        unit: "SKOLE-A",
        complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
        subject: "Mobning",
        description: "Min søn bliver mobbet.",
        category: "school_conduct",
      });
      const { actors } = org;
      await runCaseCommand(deps, actors.coordinator, receipt.id, "assign", {});
      await runCaseCommand(deps, actors.leaderA, receipt.id, "submit-draft", { body: "Kære Mette" });
      await runCaseCommand(deps, actors.approver, receipt.id, "approve", {});
      await runCaseCommand(deps, actors.leaderA, receipt.id, "send-reply", { outcome: "upheld" });
      // as an answered case was written before: the acknowledgement open and the case's next deadline
      await t.db.kysely
        .updateTable("deadlines")
        .set({ met_at: null })
        .where("case_id", "=", receipt.id)
        .where("kind", "=", "acknowledge")
        .execute();
      await t.db.kysely
        .updateTable("cases")
        .set({ next_due_date: "2026-03-05", next_due_kind: "acknowledge" })
        .where("id", "=", receipt.id)
        .execute();
      const names = migrationNames(t.db);
      await migrateTo(t.db, names[names.indexOf("2026-12-01T18-settle-answered-deadlines") - 1]!);
      await migrateToLatest(t.db);
      const row = await t.db.kysely
        .selectFrom("cases")
        .select(["next_due_date", "next_due_kind"])
        .where("id", "=", receipt.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ next_due_date: null, next_due_kind: null });
    } finally {
      await t.cleanup();
    }
  });
});
