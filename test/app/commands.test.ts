/**
 * Case commands end to end through runCaseCommand on a real database, once per dialect: the
 * dk-school and dk-employment flows, failed commands writing nothing, optimistic concurrency,
 * idempotent intake and personnel cases.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { inTransaction } from "../../src/app/context.js";
import { createCase } from "../../src/app/create-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf, saveCase } from "../../src/db/case.repository.js";
import { notificationsFor, outboxFor } from "../../src/db/outbox.repository.js";
import type { ComplaintCase } from "../../src/domain/case.js";
import { KlaraError } from "../../src/domain/errors.js";
import { verifyChain } from "../../src/domain/journal.js";
import type { CommandName } from "../../src/domain/lifecycle.js";
import type { CaseStatus } from "../../src/domain/vocabulary.js";
import { type SeededOrganisation, seedOrganisation, testDeps } from "../support/fixtures.js";
import { DIALECTS, openTestDb, type TestDatabase } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z"; // Monday 2 March 2026, 10:00 Copenhagen

function schoolComplaint(patch: Partial<SubmitComplaintBody> = {}): SubmitComplaintBody {
  return {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning i 4.b",
    description: "Min søn bliver mobbet i frikvartererne, og skolen gør ikke noget.",
    category: "school_conduct",
    ...patch,
  };
}

async function expectKlaraError(promise: Promise<unknown>): Promise<KlaraError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KlaraError);
    return error as KlaraError;
  }
  throw new Error("expected a KlaraError, but the call succeeded");
}

describe.each(DIALECTS)("case commands through runCaseCommand (%s)", (dialect) => {
  let t: TestDatabase;
  let deps: ReturnType<typeof testDeps>;
  let org: SeededOrganisation;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    deps = testDeps(t.db, START);
    org = await seedOrganisation(deps, { country: "DK" });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const kysely = () => deps.db.kysely;
  const journal = (id: string) => journalOf(kysely(), id);
  const letters = async (id: string) =>
    (await outboxFor(kysely(), id)).map(
      (m) => m.payload as { template: string; to: string; reference: string },
    );

  async function countCases(): Promise<number> {
    const r = await kysely()
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Runs one command an hour after the last, checking status, version and the journal's growth. */
  async function step(
    actor: Actor,
    id: string,
    command: CommandName,
    body: unknown,
    status: CaseStatus,
    addedKinds: string[],
  ): Promise<ComplaintCase> {
    const before = await findCase(kysely(), id);
    const entriesBefore = await journal(id);
    deps.clock.advance({ hours: 1 });
    const c = await runCaseCommand(deps, actor, id, command, body);
    expect(c.status).toBe(status);
    expect(c.version).toBe(before!.version + 1);
    const entries = await journal(id);
    expect(entries.slice(0, entriesBefore.length)).toEqual(entriesBefore);
    expect(entries.slice(entriesBefore.length).map((e) => e.kind)).toEqual(addedKinds);
    for (const e of entries.slice(entriesBefore.length)) {
      expect(e.actorId).toBe(actor.personId);
      expect(e.at).toBe(deps.clock.now().toString({ smallestUnit: "millisecond" }));
    }
    expect(verifyChain(id, entries)).toEqual({ ok: true, entries: entries.length });
    return c;
  }

  /** A command that must be refused, writing nothing at all. */
  async function refused(actor: Actor, id: string, command: CommandName, body: unknown): Promise<KlaraError> {
    const before = await findCase(kysely(), id);
    const entries = await journal(id);
    const outbox = await outboxFor(kysely(), id);
    const e = await expectKlaraError(runCaseCommand(deps, actor, id, command, body));
    expect(await findCase(kysely(), id)).toEqual(before);
    expect(await journal(id)).toEqual(entries);
    expect(await outboxFor(kysely(), id)).toEqual(outbox);
    return e;
  }

  /** A dk-school complaint at school A, acknowledged, routed and drafted by the school leader. */
  async function draftedCase(): Promise<ComplaintCase> {
    deps.clock.set(START);
    const { receipt } = await submitComplaint(deps, schoolComplaint());
    const { actors } = org;
    await runCaseCommand(deps, actors.receiver, receipt.id, "acknowledge", {});
    await runCaseCommand(deps, actors.receiver, receipt.id, "assign", {});
    return runCaseCommand(deps, actors.leaderA, receipt.id, "submit-draft", { body: "Kære Mette" });
  }

  it("runs a dk-school complaint from submission to closing", async () => {
    const { actors, people } = org;
    deps.clock.set(START);
    const submitted = await submitComplaint(deps, schoolComplaint(), { channel: "web" });
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
    expect(closed.closedAt).toBe(deps.clock.now().toString({ smallestUnit: "millisecond" }));

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
    const { actors } = org;
    deps.clock.set(START);
    const { receipt } = await submitComplaint(deps, schoolComplaint());
    await runCaseCommand(deps, actors.receiver, receipt.id, "assign", {});
    deps.clock.set("2026-03-02T12:00:00.000Z");
    // 12:30+01:00 is 11:30Z, half an hour ago
    const c = await runCaseCommand(deps, actors.leaderA, receipt.id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T12:30:00+01:00",
      note: "Talked with the mother",
    });
    expect(c.status).toBe("in_progress");
    expect(c.contacts.map((x) => x.at)).toEqual(["2026-03-02T11:30:00.000Z"]);
  });

  it("a refused command leaves the case row, its journal and outbox exactly as before", async () => {
    const { actors } = org;
    const c = await draftedCase();
    const e = await refused(actors.leaderA, c.id, "approve", {});
    expect(e.details.reason).toBe("four_eyes");
    const byRole = await refused(actors.handler1, c.id, "approve", {});
    expect(byRole.code).toBe("forbidden");
    const byState = await refused(actors.receiver, c.id, "close", {});
    expect({ code: byState.code, reason: byState.details.reason }).toEqual({
      code: "invalid_state",
      reason: "state_forbids_command",
    });
    const badBody = await refused(actors.approver, c.id, "return-draft", {});
    expect(badBody.code).toBe("invalid_input");
    expect(badBody.details.fieldErrors?.map((f) => f.path)).toEqual(["reason"]);
    const after = await findCase(kysely(), c.id);
    expect({ version: after!.version, status: after!.status }).toEqual({
      version: c.version,
      status: c.status,
    });
  });

  it("of two concurrent approve / return-draft, exactly one succeeds", async () => {
    const { actors } = org;
    const c = await draftedCase();
    const entriesBefore = await journal(c.id);
    deps.clock.advance({ hours: 1 });
    const results = await withCaseRowLocked(c.id, () =>
      Promise.allSettled([
        // two people with decision authority over the school (approval by the right person, issue 7)
        runCaseCommand(deps, actors.director, c.id, "return-draft", {
          reason: "Needs the class teacher's view",
        }),
        runCaseCommand(deps, actors.approver, c.id, "approve", {}),
      ]),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(KlaraError);
    expect(["conflict", "invalid_state"]).toContain((lost[0]!.reason as KlaraError).code);

    const after = (await findCase(kysely(), c.id))!;
    expect(after.version).toBe(c.version + 1);
    const added = (await journal(c.id)).slice(entriesBefore.length);
    if (results[0]!.status === "fulfilled") {
      expect(after.status).toBe("in_progress");
      expect(after.draft!.approvals).toEqual([]);
      expect(added.map((e) => e.kind)).toEqual(["approval", "state_change"]);
    } else {
      expect(after.status).toBe("awaiting_approval");
      expect(after.draft!.approvals.map((a) => a.personId)).toEqual([org.people.approver.id]);
      expect(added.map((e) => e.kind)).toEqual(["approval"]);
    }
    const entries = await journal(c.id);
    expect(verifyChain(c.id, entries)).toEqual({ ok: true, entries: entries.length });
  });

  it("of two concurrent approvals by different approvers, exactly one is recorded", async () => {
    const { actors } = org;
    const c = await draftedCase();
    const results = await withCaseRowLocked(c.id, () =>
      Promise.allSettled([
        runCaseCommand(deps, actors.approver, c.id, "approve", {}),
        runCaseCommand(deps, actors.director, c.id, "approve", {}),
      ]),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    const e = lost.reason as KlaraError;
    expect(e).toBeInstanceOf(KlaraError);
    if (e.code === "invalid_state") expect(e.details.reason).toBe("nothing_to_approve");
    else expect(e.code).toBe("conflict");
    const after = (await findCase(kysely(), c.id))!;
    expect(after.version).toBe(c.version + 1);
    expect(after.draft!.approvals).toHaveLength(1);
    const entries = await journal(c.id);
    expect(entries.filter((x) => x.kind === "approval")).toHaveLength(1);
    expect(verifyChain(c.id, entries)).toEqual({ ok: true, entries: entries.length });
  });

  it("a write based on a stale read is a conflict", async () => {
    const { actors } = org;
    const c = await draftedCase();
    const stale = (await findCase(kysely(), c.id))!;
    await runCaseCommand(deps, actors.approver, c.id, "approve", {});
    const e = await expectKlaraError(
      inTransaction(deps, (tx) => saveCase(tx, stale, { ...stale, status: "in_progress" }, "2026-03-02")),
    );
    expect(e.code).toBe("conflict");
    const after = (await findCase(kysely(), c.id))!;
    expect({ status: after.status, version: after.version }).toEqual({
      status: "awaiting_approval",
      version: c.version + 1,
    });
  });

  /**
   * On PostgreSQL, holds the case row locked while `run` starts, until both commands wait to write
   * it: both have read the same version, so the version check must refuse one. SQLite has one
   * connection and runs the transactions one after the other.
   */
  async function withCaseRowLocked<T>(caseId: string, run: () => Promise<T>): Promise<T> {
    if (dialect !== "postgres") return run();
    const client = new pg.Client({ connectionString: t.target });
    await client.connect();
    try {
      await client.query("begin");
      await client.query("select id from cases where id = $1 for update", [caseId]);
      const pending = run();
      const until = Date.now() + 10_000;
      while (Date.now() < until) {
        const r = await client.query<{ n: number }>(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        if ((r.rows[0]?.n ?? 0) >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await client.query("commit");
      return await pending;
    } finally {
      await client.end();
    }
  }

  it("submitComplaint is idempotent per key and body", async () => {
    deps.clock.set(START);
    const before = await countCases();
    const body = schoolComplaint({ subject: "Idempotent" });
    const first = await submitComplaint(deps, body, { idempotencyKey: "key-1" });
    const again = await submitComplaint(deps, schoolComplaint({ subject: "Idempotent" }), {
      idempotencyKey: "key-1",
    });
    expect(first).toMatchObject({ status: 201, replayed: false });
    expect(again).toMatchObject({ status: 201, replayed: true });
    expect(again.receipt).toEqual(first.receipt);
    expect(await countCases()).toBe(before + 1);

    const other = await expectKlaraError(
      submitComplaint(deps, schoolComplaint({ subject: "Another subject" }), { idempotencyKey: "key-1" }),
    );
    expect(other.code).toBe("conflict");
    expect(await countCases()).toBe(before + 1);

    const fresh = await submitComplaint(deps, body, { idempotencyKey: "key-2" });
    expect(fresh.replayed).toBe(false);
    expect(fresh.receipt.id).not.toBe(first.receipt.id);
    expect(await countCases()).toBe(before + 2);
  });

  it("a leadership complaint about a school leader is a personnel case", async () => {
    const { actors, people } = org;
    deps.clock.set(START);
    const created = await inTransaction(deps, (tx) =>
      createCase(
        deps,
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
    const { actors, people } = org;
    deps.clock.set(START);
    const { receipt } = await submitComplaint(deps, {
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
