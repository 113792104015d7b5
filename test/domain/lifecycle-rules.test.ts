/**
 * More of the lifecycle (SPEC §3): anonymous complaints, delay notices, the fast-track reassessment,
 * deadlines by local date, reopening, and refused commands leaving the case unchanged.
 */

import { describe, expect, it } from "vitest";

import type { ComplaintCase } from "../../src/domain/case.js";
import * as cmd from "../../src/domain/case-commands.js";
import {
  APPROVER,
  COORD,
  caseIn,
  ctx,
  decisionOf,
  draftedSchoolCase,
  expectInput,
  expectState,
  H1,
  H2,
  LEADER,
  NOW,
  RECEIVER,
  refusal,
  register,
} from "../support/lifecycle-kit.js";

describe("anonymous complaints get no letters and no contact", () => {
  const nw = "no-workplace";
  const anonymous = {
    anonymous: true,
    name: null,
    email: null,
    phone: null,
    address: null,
    nationalId: null,
  };

  it("acknowledge: no letter for an anonymous complaint, one for a named one", () => {
    const anon = register(nw, {
      source: "employee",
      channel: "phone",
      category: "safety",
      complainant: anonymous,
    });
    const a = cmd.acknowledge(anon, ctx(RECEIVER, nw));
    expect(a.case.status).toBe("acknowledged");
    expect(a.effects.letters).toHaveLength(0);
    expect(a.effects.journal.filter((j) => j.kind === "letter_queued")).toHaveLength(0);

    const named = register(nw, { source: "employee", channel: "phone", category: "safety" });
    const n = cmd.acknowledge(named, ctx(RECEIVER, nw));
    expect(n.effects.letters).toEqual([{ template: "acknowledgement", to: "complainant", fields: {} }]);
    expect(n.effects.journal.filter((j) => j.kind === "letter_queued")).toHaveLength(1);
  });

  it("record-contact on an anonymous complaint is refused; assign, delay and reply send nothing", () => {
    let c = register(nw, {
      source: "employee",
      channel: "phone",
      category: "safety",
      complainant: anonymous,
    });
    expectState(
      () =>
        cmd.recordContact(
          c,
          { channel: "phone", at: "2026-03-05T09:00:00.000Z", note: "Called" },
          ctx(H1, nw),
        ),
      "anonymous",
    );
    const assigned = cmd.assign(
      c,
      { handlers: [{ personId: H1.personId, part: "all" }], coordinatorId: null },
      ctx(RECEIVER, nw),
    );
    expect(assigned.effects.letters).toHaveLength(0);
    expect(assigned.effects.notifications).toHaveLength(1);
    c = assigned.case;
    const delayed = cmd.notifyDelay(c, { reason: "Interviews", newDueDate: "2026-03-20" }, ctx(H1, nw));
    expect(delayed.effects.letters).toHaveLength(0);
    c = cmd.submitDraft(delayed.case, { body: "Measures taken" }, ctx(H1, nw)).case;
    // no-workplace has no approval stages: the draft goes straight on
    expect(c.status).toBe("in_progress");
    const sent = cmd.sendReply(c, { outcome: "upheld", measures: "New routine" }, ctx(H1, nw));
    expect(sent.case.status).toBe("answered");
    expect(sent.effects.letters).toHaveLength(0);
  });
});

describe("delay notices", () => {
  it("moves the reply deadline, keeps the original, records the extension and queues the letter", () => {
    const c = caseIn("in_progress");
    const r = cmd.notifyDelay(
      c,
      { reason: "Waiting for the school's statement", newDueDate: "2026-04-15" },
      ctx(H1),
    );
    const reply = r.case.deadlines.find((d) => d.kind === "reply")!;
    expect(reply).toMatchObject({ dueDate: "2026-04-15", originalDueDate: "2026-04-01", metAt: null });
    expect(reply.extensions).toEqual([
      {
        from: "2026-04-01",
        to: "2026-04-15",
        reason: "Waiting for the school's statement",
        at: NOW,
        byId: H1.personId,
      },
    ]);
    expect(r.effects.letters).toEqual([
      {
        template: "delay_notice",
        to: "complainant",
        fields: { reason: "Waiting for the school's statement", newDueDate: "2026-04-15" },
      },
    ]);
    // each entry also carries its event (code and parameters): test/domain/journal-events.test.ts
    expect(r.effects.journal[0]).toMatchObject({
      kind: "deadline",
      title: "Delay notice: reply 2026-04-01 → 2026-04-15",
      body: "Waiting for the school's statement",
    });
    expect(r.case.status).toBe("in_progress");

    // A second notice: the original stays, both extensions are on record.
    const again = cmd.notifyDelay(r.case, { reason: "Illness", newDueDate: "2026-04-22" }, ctx(H1)).case;
    const reply2 = again.deadlines.find((d) => d.kind === "reply")!;
    expect(reply2.originalDueDate).toBe("2026-04-01");
    expect(reply2.extensions.map((e) => [e.from, e.to])).toEqual([
      ["2026-04-01", "2026-04-15"],
      ["2026-04-15", "2026-04-22"],
    ]);
  });

  it("refuses a date not after the current one, and a notice without a reason", () => {
    const c = caseIn("in_progress");
    expectInput(
      () => cmd.notifyDelay(c, { reason: "Busy", newDueDate: "2026-04-01" }, ctx(H1)),
      "newDueDate",
    );
    expectInput(
      () => cmd.notifyDelay(c, { reason: "Busy", newDueDate: "2026-03-20" }, ctx(H1)),
      "newDueDate",
    );
    expectInput(() => cmd.notifyDelay(c, { reason: "  ", newDueDate: "2026-04-20" }, ctx(H1)), "reason");
  });

  it("moves the running reassessment deadline of a decision complaint", () => {
    const emp = "dk-employment";
    let c = register(emp, { type: "decision", category: "benefits", decision: decisionOf(false) });
    c = cmd.assign(
      c,
      { handlers: [{ personId: H1.personId, part: "all" }], coordinatorId: null },
      ctx(RECEIVER, emp),
    ).case;
    const before = c.deadlines.find((d) => d.kind === "reassessment")!;
    expect(before.dueDate).toBe("2026-03-30");
    const r = cmd.notifyDelay(c, { reason: "Missing records", newDueDate: "2026-04-10" }, ctx(H1, emp)).case;
    expect(r.deadlines.find((d) => d.kind === "reassessment")).toMatchObject({
      dueDate: "2026-04-10",
      originalDueDate: "2026-03-30",
    });
  });
});

describe("dk-employment fast-track reassessment", () => {
  const emp = "dk-employment";
  /** Wed 1 April 2026, 10:00 Copenhagen: 5 working days skip Easter → Mon 13 April. */
  const received = "2026-04-01T08:00:00.000Z";

  function fastTrackCase() {
    let c = register(emp, {
      receivedAt: received,
      type: "decision",
      category: "benefits",
      decision: decisionOf(true),
    });
    c = cmd.assign(
      c,
      { handlers: [{ personId: H1.personId, part: "all" }], coordinatorId: null },
      ctx(RECEIVER, emp, "2026-04-02T08:00:00.000Z"),
    ).case;
    return c;
  }

  it("is due 5 working days after receipt", () => {
    const c = fastTrackCase();
    expect(c.status).toBe("in_reassessment");
    expect(c.deadlines.find((d) => d.kind === "reassessment")).toMatchObject({
      dueDate: "2026-04-13",
      originalDueDate: "2026-04-13",
      metAt: null,
    });
  });

  it("a changed decision re-plans it to 4 weeks from receipt, and the journal explains", () => {
    const at = "2026-04-20T08:00:00.000Z";
    const r = cmd.decideReassessment(
      fastTrackCase(),
      { result: "changed", body: "New decision" },
      ctx(H1, emp, at),
    );
    expect(r.case.status).toBe("in_progress");
    expect(r.case.outcome).toBe("upheld");
    expect(r.case.reassessment).toEqual({
      result: "changed",
      body: "New decision",
      decidedAt: at,
      byId: H1.personId,
    });
    expect(r.case.deadlines.find((d) => d.kind === "reassessment")).toMatchObject({
      dueDate: "2026-04-29",
      originalDueDate: "2026-04-29",
      metAt: at,
    });
    expect(r.effects.journal).toMatchObject([
      { kind: "reassessment", title: "Reassessment: changed", body: "New decision" },
      {
        kind: "deadline",
        title: "Deadline set: reassessment 2026-04-29",
        body: "received Wed 1 Apr 2026; + 4 weeks = Wed 29 Apr 2026",
      },
      { kind: "deadline", title: "Deadline met: reassessment", body: `Due 2026-04-29; met ${at} (on time).` },
      { kind: "state_change", title: "Status: in_reassessment → in_progress", body: "" },
    ]);
  });

  it("an upheld decision keeps the 5 working days and is recorded late", () => {
    const at = "2026-04-20T08:00:00.000Z";
    const r = cmd.decideReassessment(fastTrackCase(), { result: "upheld", body: "Stands" }, ctx(H1, emp, at));
    expect(r.case.status).toBe("in_reassessment");
    expect(r.case.deadlines.find((d) => d.kind === "reassessment")).toMatchObject({
      dueDate: "2026-04-13",
      metAt: at,
    });
    // the sweep held the deviation back while the outcome was open; upheld, it is recorded now
    expect(r.effects.journal.map((j) => j.title)).toEqual([
      "Reassessment: upheld",
      "Deadline missed: reassessment (due 2026-04-13)",
      "Deadline met: reassessment",
    ]);
    expect(r.case.deviations.map((d) => [d.deadlineKind, d.dueDate])).toEqual([
      ["reassessment", "2026-04-13"],
    ]);
    expect(r.effects.journal[2]!.body).toBe(`Due 2026-04-13; met ${at} (late).`);
    expectState(
      () => cmd.decideReassessment(r.case, { result: "changed", body: "Again" }, ctx(H1, emp, at)),
      "already_decided",
    );
  });
});

describe("deadlines are met by the organisation's local date", () => {
  // BUG: meetDeadline (case-effects.ts) judges "on time" by `at.slice(0, 10)`, the UTC date. A reply
  // sent at 00:30 Copenhagen time on 2 April (22:30Z on 1 April) after a due date of 1 April is late
  // (SPEC §4: a case is due at the end of its due date, local time) but is journalised "on time".
  it("a reply sent after local midnight of the due date is journalised late", () => {
    const drafted = draftedSchoolCase();
    const approved = cmd.approve(drafted, ctx(APPROVER)).case;
    const at = "2026-04-01T22:30:00.000Z";
    const r = cmd.sendReply(approved, { outcome: "upheld" }, ctx(LEADER, "dk-school", at));
    const met = r.effects.journal.find((j) => j.title === "Deadline met: reply")!;
    expect(met.body).toBe(`Due 2026-04-01; met ${at} (late).`);
  });

  it("a reply sent on the due date, local time, is on time", () => {
    const approved = cmd.approve(draftedSchoolCase(), ctx(APPROVER)).case;
    const at = "2026-04-01T21:30:00.000Z"; // 23:30 in Copenhagen (summer time)
    const r = cmd.sendReply(approved, { outcome: "upheld" }, ctx(LEADER, "dk-school", at));
    expect(r.effects.journal.find((j) => j.title === "Deadline met: reply")!.body).toBe(
      `Due 2026-04-01; met ${at} (on time).`,
    );
  });
});

describe("reopen", () => {
  it("gives a new reply deadline counted from the reopen date", () => {
    const approved = cmd.approve(draftedSchoolCase(), ctx(APPROVER)).case;
    const answered = cmd.sendReply(
      approved,
      { outcome: "not_upheld" },
      ctx(LEADER, "dk-school", "2026-03-20T10:00:00.000Z"),
    ).case;
    const closed = cmd.close(answered, ctx(RECEIVER, "dk-school", "2026-03-21T10:00:00.000Z")).case;
    expect(closed.closedAt).toBe("2026-03-21T10:00:00.000Z");
    const at = "2026-04-10T08:00:00.000Z"; // Fri 10 April
    const r = cmd.reopen(closed, { reason: "The mother is not satisfied" }, ctx(RECEIVER, "dk-school", at));
    expect(r.case.status).toBe("reopened");
    expect(r.case.outcome).toBeNull();
    expect(r.case.draft).toBeNull();
    expect(r.case.closedAt).toBeNull();
    const byKind = Object.fromEntries(r.case.deadlines.map((d) => [d.kind, d]));
    expect(Object.keys(byKind).sort()).toEqual(["acknowledge", "draft", "reply", "route"]);
    // 10 April + 30 days = Sun 10 May → Mon 11 May; + 24 days = Mon 4 May
    expect(byKind.reply).toMatchObject({ dueDate: "2026-05-11", originalDueDate: "2026-05-11", metAt: null });
    expect(byKind.draft).toMatchObject({ dueDate: "2026-05-04", originalDueDate: "2026-05-04", metAt: null });
    // Deadlines already met keep their record.
    expect(byKind.acknowledge!.metAt).toBe(NOW);
    expect(byKind.route!.metAt).toBe(NOW);
    expect(r.effects.journal.map((j) => j.title)).toEqual([
      "Reopened: the complainant is not satisfied",
      "Previous reply",
      "Deadline set: draft 2026-05-04",
      "Deadline set: reply 2026-05-11",
      "Status: closed → reopened",
    ]);
    // The new reply runs on the same case: draft, approval, reply again.
    const redrafted = cmd.submitDraft(r.case, { body: "Second reply" }, ctx(LEADER, "dk-school", at));
    expect(redrafted.case.status).toBe("awaiting_approval");
  });
});

describe("a refused command leaves the case passed in unchanged", () => {
  it.each([
    ["four eyes", () => draftedSchoolCase(LEADER), (c: ComplaintCase) => cmd.approve(c, ctx(LEADER))],
    [
      "approval required",
      () => draftedSchoolCase(LEADER),
      (c: ComplaintCase) => cmd.sendReply(c, { outcome: "upheld" }, ctx(LEADER)),
    ],
    ["outcome required", () => caseIn("answered"), (c: ComplaintCase) => cmd.close(c, ctx(RECEIVER))],
    [
      "delay not after the current date",
      () => caseIn("in_progress"),
      (c: ComplaintCase) => cmd.notifyDelay(c, { reason: "x", newDueDate: "2026-03-01" }, ctx(H1)),
    ],
    [
      "assign the person complained about",
      () => ({ ...caseIn("acknowledged"), personComplainedAboutId: H2.personId }),
      (c: ComplaintCase) =>
        cmd.assign(
          c,
          { handlers: [{ personId: H2.personId, part: "all" }], coordinatorId: null },
          ctx(RECEIVER),
        ),
    ],
    [
      "parts missing",
      () => {
        const c = caseIn("in_progress");
        c.handlers.push({ personId: H2.personId, part: "the bus", partReply: null });
        c.handlers[0]!.partReply = { body: "mine", at: NOW };
        return c;
      },
      (c: ComplaintCase) => cmd.submitDraft(c, { body: "Combined" }, ctx(COORD)),
    ],
    ["state", () => caseIn("closed"), (c: ComplaintCase) => cmd.withdraw(c, { reason: "x" }, ctx(RECEIVER))],
  ])("%s", (_name, build, run) => {
    const c = build();
    const copy = structuredClone(c);
    refusal(() => run(c));
    expect(c).toEqual(copy);
  });
});
