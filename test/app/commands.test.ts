/**
 * Case commands end to end through runCaseCommand on a real database, once per dialect: the
 * dk-school and dk-employment flows, a contact written with a local offset, and personnel cases
 * (all-or-nothing writes: commands-atomicity.test.ts).
 */
import { describe, expect, it } from "vitest";
import { inTransaction } from "../../src/app/context.js";
import { createCase } from "../../src/app/create-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import { notificationsFor } from "../../src/db/outbox.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { commandsKit } from "../support/commands-kit.js";
import { schoolComplaint, useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z"; // Monday 2 March 2026, 10:00 Copenhagen

describe.each(DIALECTS)("case commands through runCaseCommand (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  const { kysely, journal, letters, step, refused } = commandsKit(s);

  it("runs a dk-school complaint from submission to closing", async () => {
    const { actors, people } = s.org;
    s.deps.clock.set(START);
    const submitted = await submitComplaint(s.deps, schoolComplaint(), { channel: "web" });
    expect(submitted.status).toBe(201);
    expect(submitted.replayed).toBe(false);
    const { receipt } = submitted;
    expect(receipt.status).toBe("received");
    expect(receipt.reference).toMatch(/^KLA-2026-\d{6}$/);
    expect(receipt.deadlines).toEqual([
      { kind: "acknowledge", dueDate: "2026-03-05", metAt: null },
      { kind: "route", dueDate: "2026-03-05", metAt: null },
      { kind: "draft", dueDate: "2026-03-26", metAt: null },
      { kind: "reply", dueDate: "2026-04-01", metAt: null },
    ]);
    const id = receipt.id;
    const first = await journal(id);
    expect(first.map((e) => e.kind)).toEqual(["document_in", "deadline", "deadline", "deadline", "deadline"]);
    expect(verifyChain(id, first)).toEqual({ ok: true, entries: 5 });
    expect((await findCase(kysely(), id))!.version).toBe(1);

    await step(actors.receiver, id, "acknowledge", {}, "acknowledged", [
      "letter_queued",
      "deadline",
      "acknowledgement",
      "state_change",
    ]);

    // No handlers named: dk-school routes school_conduct to the school's leader.
    const assigned = await step(actors.receiver, id, "assign", {}, "assigned", [
      "assignment",
      "letter_queued",
      "letter_queued",
      "deadline",
      "state_change",
    ]);
    expect(assigned.handlers).toEqual([
      { personId: people.leaderA.id, part: "the whole complaint", partReply: null },
    ]);
    expect(assigned.coordinatorId).toBe(people.coordinator.id);
    const notes = (await notificationsFor(kysely(), people.leaderA.id)).filter((n) => n.caseId === id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      kind: "assigned",
      message: `You handle ${receipt.reference}: the whole complaint`,
    });

    // Duty to take notes: a contact without a note is refused and writes nothing.
    const noNote = await refused(actors.leaderA, id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T10:00:00.000Z",
      note: "",
    });
    expect(noNote.code).toBe("invalid_input");
    expect(noNote.details.fieldErrors?.map((f) => f.path)).toEqual(["note"]);

    const contacted = await step(
      actors.leaderA,
      id,
      "record-contact",
      { channel: "phone", at: "2026-03-02T11:30:00.000Z", note: "Talked with the mother about the breaks" },
      "in_progress",
      ["contact", "state_change"],
    );
    expect(contacted.contacts).toEqual([
      { channel: "phone", at: "2026-03-02T11:30:00.000Z", byId: people.leaderA.id },
    ]);

    const drafted = await step(
      actors.leaderA,
      id,
      "submit-draft",
      { body: "Kære Mette. Vi har talt med klassen." },
      "awaiting_approval",
      ["draft", "deadline", "state_change"],
    );
    expect(drafted.draft).toMatchObject({ drafterId: people.leaderA.id, approvals: [] });

    // The drafter has decision authority, but cannot approve their own draft.
    const own = await refused(actors.leaderA, id, "approve", {});
    expect({ code: own.code, reason: own.details.reason }).toEqual({
      code: "invalid_state",
      reason: "four_eyes",
    });
    const early = await refused(actors.leaderA, id, "send-reply", { outcome: "partly_upheld" });
    expect({ code: early.code, reason: early.details.reason }).toEqual({
      code: "invalid_state",
      reason: "approval_required",
    });

    const approved = await step(actors.approver, id, "approve", {}, "awaiting_approval", ["approval"]);
    expect(approved.approverId).toBe(people.approver.id);
    expect(approved.draft!.approvals.map((a) => a.personId)).toEqual([people.approver.id]);

    const answered = await step(
      actors.leaderA,
      id,
      "send-reply",
      { outcome: "partly_upheld", measures: "Extra adult in the breaks", rootCauses: ["communication"] },
      "answered",
      ["reply", "letter_queued", "deadline", "state_change"],
    );
    expect(answered.outcome).toBe("partly_upheld");
    expect(answered.measures).toBe("Extra adult in the breaks");
    expect(answered.rootCauses).toEqual(["communication"]);
    expect(answered.deadlines.find((d) => d.kind === "reply")!.metAt).not.toBeNull();

    const closed = await step(actors.receiver, id, "close", {}, "closed", ["state_change"]);
    expect(closed.version).toBe(8);
    expect(closed.closedAt).toBe(s.deps.clock.now().toString({ smallestUnit: "millisecond" }));

    const sent = await letters(id);
    // seed 000: the school leader is told by letter that they handle it (handler_notification)
    expect(sent.map((l) => l.template).sort()).toEqual([
      "acknowledgement",
      "handler_assigned",
      "handler_notification",
      "reply",
    ]);
    expect(
      sent.every(
        (l) =>
          l.to === (l.template === "handler_notification" ? "handler" : "complainant") &&
          l.reference === receipt.reference,
      ),
    ).toBe(true);
    const all = await journal(id);
    expect(all).toHaveLength(5 + 4 + 5 + 2 + 3 + 1 + 4 + 1);
    expect(verifyChain(id, all)).toEqual({ ok: true, entries: all.length });
  });

  // BUG: the API accepts `at` with any offset (z.iso.datetime({ offset: true })), but recordContact
  // (src/domain/case-commands.ts) compares it with `now` as a string, so a past contact written in
  // Danish local time (+01:00) is refused as "in the future".
  it("record-contact accepts a past contact written with the local offset", async () => {
    const { actors } = s.org;
    s.deps.clock.set(START);
    const { receipt } = await submitComplaint(s.deps, schoolComplaint());
    await runCaseCommand(s.deps, actors.receiver, receipt.id, "assign", {});
    s.deps.clock.set("2026-03-02T12:00:00.000Z");
    // 12:30+01:00 is 11:30Z, half an hour ago
    const c = await runCaseCommand(s.deps, actors.leaderA, receipt.id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T12:30:00+01:00",
      note: "Talked with the mother",
    });
    expect(c.status).toBe("in_progress");
    expect(c.contacts.map((x) => x.at)).toEqual(["2026-03-02T11:30:00.000Z"]);
  });

  it("a leadership complaint about a school leader is a personnel case", async () => {
    const { actors, people } = s.org;
    s.deps.clock.set(START);
    const created = await inTransaction(s.deps, (tx) =>
      createCase(
        s.deps,
        tx,
        {
          ...schoolComplaint({ category: "leadership", subject: "Skolelederens optræden" }),
          channel: "phone",
          source: "citizen",
          personComplainedAbout: people.leaderA.id,
        },
        actors.receiver,
      ),
    );
    const id = created.case.id;
    expect(created.case.confidentiality).toBe("personnel");
    // Nobody else may see it to route it, so registration routes it to the leader's nearest manager.
    expect(created.case.status).toBe("assigned");
    expect(created.case.handlers.map((h) => h.personId)).toEqual([people.manager.id]);

    for (const who of [actors.handler1, actors.receiver, actors.approver, actors.leaderB]) {
      const e = await refused(who, id, "add-note", { title: "Looked at it" });
      expect(e.code).toBe("forbidden");
    }

    // The admin re-runs routing: the same manager, so no new letter and no state change.
    const assigned = await step(actors.admin, id, "assign", {}, "assigned", ["assignment"]);
    expect(assigned.handlers.map((h) => h.personId)).toEqual([people.manager.id]);

    const stillForbidden = await refused(actors.handler1, id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T10:00:00.000Z",
      note: "Called",
    });
    expect(stillForbidden.code).toBe("forbidden");
    // Nor may the leader complained about work on it.
    expect((await refused(actors.leaderA, id, "add-note", { title: "My side" })).code).toBe("forbidden");

    await step(actors.manager, id, "add-note", { title: "Talked with the leader", body: "" }, "assigned", [
      "note",
    ]);
    await step(
      actors.manager,
      id,
      "record-contact",
      { channel: "meeting", at: "2026-03-02T10:00:00.000Z", note: "Met the parents" },
      "in_progress",
      ["contact", "state_change"],
    );
    // Further up the tree, the director may also see it.
    await step(actors.director, id, "add-note", { title: "Informed" }, "in_progress", ["note"]);
  });

  it("runs a dk-employment decision complaint through reassessment and the appeals board", async () => {
    const { actors, people } = s.org;
    s.deps.clock.set(START);
    const { receipt } = await submitComplaint(s.deps, {
      procedure: "dk-employment",
      unit: "JOBCENTER",
      complainant: { name: "Bo Borger", email: "bo@example.dk", anonymous: false },
      subject: "Klage over afgørelse om kontanthjælp",
      description: "Jeg er uenig i afgørelsen.",
      category: "job_centre",
      decision: { date: "2026-02-20", reference: "J-2026-17", area: "kontanthjælp", fastTrack: false },
    });
    const id = receipt.id;
    expect(receipt.status).toBe("received");

    // seed 004 has no acknowledgement deadline: acknowledging meets none
    await step(actors.receiver, id, "acknowledge", {}, "acknowledged", [
      "letter_queued",
      "acknowledgement",
      "state_change",
    ]);
    const classified = await step(
      actors.receiver,
      id,
      "classify",
      { type: "decision", category: "job_centre" },
      "acknowledged",
      ["field_change", "deadline", "deadline"],
    );
    expect(classified.type).toBe("decision");
    expect(classified.deadlines.map((d) => [d.kind, d.dueDate])).toEqual([
      ["reassessment", "2026-03-30"],
      ["complaintWindow", "2026-03-20"],
    ]);
    expect(classified.decision).toMatchObject({ late: false, fastTrack: false });

    const assigned = await step(actors.receiver, id, "assign", {}, "in_reassessment", [
      "assignment",
      "letter_queued",
      "state_change",
    ]);
    expect(assigned.handlers.map((h) => h.personId)).toEqual([people.handler1.id]);

    const early = await refused(actors.receiver, id, "close", {});
    expect(early.details.reason).toBe("state_forbids_command");
    const notYet = await refused(actors.handler1, id, "forward-to-appeals-board", {});
    expect(notYet.details.reason).toBe("reassessment_first");

    const decided = await step(
      actors.handler1,
      id,
      "decide-reassessment",
      { result: "upheld", body: "Afgørelsen fastholdes." },
      "in_reassessment",
      ["reassessment", "deadline"],
    );
    expect(decided.outcome).toBe("not_upheld");
    expect(decided.deadlines.find((d) => d.kind === "reassessment")!.metAt).not.toBeNull();

    const forwarded = await step(
      actors.handler1,
      id,
      "forward-to-appeals-board",
      {},
      "forwarded_to_appeals_board",
      ["letter_queued", "letter_queued", "state_change"],
    );
    expect(forwarded.appealsBoard).toMatchObject({ result: null, decidedAt: null });

    const recorded = await step(
      actors.legal,
      id,
      "record-appeals-decision",
      // the board's decision is in the past (today at the latest): a future date is refused below
      { result: "upheld", decidedAt: "2026-03-02" },
      "forwarded_to_appeals_board",
      ["appeals_decision"],
    );
    expect(recorded.appealsBoard).toMatchObject({ result: "upheld", decidedAt: "2026-03-02" });

    const closed = await step(actors.receiver, id, "close", {}, "closed", ["state_change"]);
    expect(closed.outcome).toBe("not_upheld");

    const sent = await letters(id);
    expect(sent.map((l) => `${l.template}→${l.to}`).sort()).toEqual([
      "acknowledgement→complainant",
      "forward_to_appeals_board→appeals_board",
      "forwarded_notice→complainant",
      "handler_assigned→complainant",
    ]);
    const notes = (await notificationsFor(kysely(), people.handler1.id)).filter((n) => n.caseId === id);
    expect(notes.map((n) => n.kind)).toEqual(["assigned"]);
  });
});
