/**
 * Staff correct the facts registered at intake (issue 7 point 10): unit, type, category and the
 * decision complained of, journalised with the old and the new value; deadlines follow.
 */
import { describe, expect, it } from "vitest";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import type { KlaraError } from "../../src/domain/errors.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

describe.each(DIALECTS)("correcting a case's facts (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  const employmentCase = async () =>
    (
      await submitComplaint(s.deps, {
        procedure: s.org.procedureIds["dk-employment"]!,
        unit: "YDELSE",
        complainant: { name: "Yasmin", email: "yasmin@example.dk", anonymous: false },
        subject: "Afslag på kontanthjælp",
        description: "Jeg er uenig i afgørelsen.",
        category: "job_centre",
      })
    ).receipt.id;

  const refused = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected a refusal");
      },
      (e: unknown) => e as KlaraError,
    );

  it("changes unit, type and decision facts, journals old → new, and re-plans the deadlines", async () => {
    const id = await employmentCase();
    const before = (await findCase(s.t.db.kysely, id))!;
    expect(before.type).not.toBe("decision");
    const corrected = await runCaseCommand(s.deps, s.org.actors.receiver, id, "correct", {
      unit: "JOBCENTER",
      type: "decision",
      decisionDate: "2026-02-20",
      decisionReference: "J.nr. 7",
      fastTrack: true,
      reason: "The complaint is about the decision of 20 February.",
    });
    expect(corrected.unitId).toBe(s.org.units.jobcentre.id);
    expect(corrected.type).toBe("decision");
    expect(corrected.decision).toMatchObject({ date: "2026-02-20", reference: "J.nr. 7", fastTrack: true });
    const entry = (await journalOf(s.t.db.kysely, id)).find((e) => e.title === "Corrected")!;
    expect(entry.kind).toBe("field_change");
    expect(entry.body).toContain("unit: YDELSE → JOBCENTER");
    expect(entry.body).toContain(`type: ${before.type} → decision`);
    expect(entry.body).toContain("decision date: - → 2026-02-20");
    expect(entry.body).toContain("fast track: false → true");
    expect(entry.body).toContain("The complaint is about the decision of 20 February.");
    // a fast-tracked decision complaint runs on the decision's deadlines now
    expect(corrected.deadlines.map((d) => d.kind)).toContain("reassessment");
  });

  it("refuses a future decision date, an unknown unit and a missing reason; nothing changes", async () => {
    const id = await employmentCase();
    const version = (await findCase(s.t.db.kysely, id))!.version;
    const future = await refused(
      runCaseCommand(s.deps, s.org.actors.receiver, id, "correct", {
        decisionDate: "2026-04-01",
        reason: "x",
      }),
    );
    expect(future.details.fieldErrors?.map((f) => f.path)).toEqual(["decisionDate"]);
    const unit = await refused(
      runCaseCommand(s.deps, s.org.actors.receiver, id, "correct", { unit: "NOWHERE", reason: "x" }),
    );
    expect(unit.details.fieldErrors?.map((f) => f.path)).toEqual(["unit"]);
    const noReason = await refused(
      runCaseCommand(s.deps, s.org.actors.receiver, id, "correct", { type: "process" }),
    );
    expect(noReason.details.fieldErrors?.map((f) => f.path)).toEqual(["reason"]);
    expect((await findCase(s.t.db.kysely, id))!.version).toBe(version);
  });
});
