/**
 * The deadline sweep on each database: reminders before a deadline, missed deadlines at the end of
 * the local due date (also across the start of summer time), deviations and journal entries once
 * only, closed and met deadlines left alone, and several sweepers at once claiming each case once.
 */
import { describe, expect, it } from "vitest";
import { createDeps } from "../../src/app/context.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { sweepDeadlines } from "../../src/app/sweep-deadlines.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { openDatabase } from "../../src/db/create-db.js";
import { findIdempotent, notificationsFor, saveIdempotent } from "../../src/db/outbox.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { type JobsLog, startJobs } from "../../src/jobs/runner.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const complaint: SubmitComplaintBody = {
  procedure: "dk-school",
  unit: "SKOLE-A",
  complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
  subject: "Mobning",
  description: "Min søn bliver mobbet.",
  category: "school_conduct",
};

// Received Mon 2 March 2026, 10:00 Copenhagen: acknowledge and route due Thu 5 March, reply Wed 1 April.
const RECEIVED = "2026-03-02T09:00:00.000Z";

describe.each(DIALECTS)("deadline sweep (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, RECEIVED);

  const newCase = async () => {
    s.deps.clock.set(RECEIVED);
    return (await submitComplaint(s.deps, complaint)).receipt.id;
  };
  const deadline = async (id: string, kind: string) =>
    (await findCase(s.deps.db.kysely, id))!.deadlines.find((d) => d.kind === kind)!;
  const inTx = (work: Parameters<typeof s.deps.db.transaction>[0]) => s.deps.db.transaction(work);
  const notes = async (personId: string, caseId: string, kind: string) =>
    (await notificationsFor(s.deps.db.kysely, personId, 500)).filter(
      (n) => n.caseId === caseId && n.kind === kind,
    );

  it("reminds the coordinator of an unassigned case two working days ahead, once", async () => {
    const id = await newCase();
    await sweepDeadlines(s.deps);
    expect((await deadline(id, "acknowledge")).remindedAt).toBeNull();
    s.deps.clock.set("2026-03-03T09:00:00.000Z"); // Tue: Thu is two working days ahead
    await sweepDeadlines(s.deps);
    expect((await deadline(id, "acknowledge")).remindedAt).toBe("2026-03-03T09:00:00.000Z");
    expect((await deadline(id, "reply")).remindedAt).toBeNull();
    const reminders = await notes(s.org.people.coordinator.id, id, "deadline_reminder");
    expect(reminders.map((n) => n.message).sort()).toEqual([
      expect.stringMatching(/acknowledge deadline is 2026-03-05$/),
      expect.stringMatching(/route deadline is 2026-03-05$/),
    ]);
    await sweepDeadlines(s.deps);
    expect(await notes(s.org.people.coordinator.id, id, "deadline_reminder")).toHaveLength(2);
  });

  it("marks a deadline missed once its local day has ended, with a deviation and a journal entry", async () => {
    const id = await newCase();
    const journalBefore = await journalOf(s.deps.db.kysely, id);
    s.deps.clock.set("2026-03-05T22:59:00.000Z"); // 23:59 Thu 5 March in Copenhagen: still due today
    await sweepDeadlines(s.deps);
    expect((await deadline(id, "acknowledge")).missedAt).toBeNull();

    s.deps.clock.set("2026-03-05T23:00:00.000Z"); // 00:00 Fri 6 March in Copenhagen
    await sweepDeadlines(s.deps);
    const c = (await findCase(s.deps.db.kysely, id))!;
    expect(c.deadlines.find((d) => d.kind === "acknowledge")!.missedAt).toBe("2026-03-05T23:00:00.000Z");
    expect(c.deviations.map((d) => [d.deadlineKind, d.dueDate]).sort()).toEqual([
      ["acknowledge", "2026-03-05"],
      ["route", "2026-03-05"],
    ]);
    expect(c.deadlines.find((d) => d.kind === "reply")!.missedAt).toBeNull();
    const journal = await journalOf(s.deps.db.kysely, id);
    const added = journal.slice(journalBefore.length);
    expect(added.map((e) => [e.kind, e.title]).sort()).toEqual([
      ["deviation", "Deadline missed: acknowledge (due 2026-03-05)"],
      ["deviation", "Deadline missed: route (due 2026-03-05)"],
    ]);
    expect(added.every((e) => e.actorId === null)).toBe(true);
    expect(verifyChain(id, journal)).toEqual({ ok: true, entries: journal.length });
    expect(await notes(s.org.people.coordinator.id, id, "deadline_missed")).toHaveLength(2);

    const again = await sweepDeadlines(s.deps);
    expect(again.missed).toBe(0);
    expect((await findCase(s.deps.db.kysely, id))!.deviations).toHaveLength(2);
    expect(await journalOf(s.deps.db.kysely, id)).toHaveLength(journal.length);
  });

  it("ends the due date at local midnight after summer time has started", async () => {
    const id = await newCase();
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "acknowledge", {});
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "assign", {});
    // the reply is due Wed 1 April; Copenhagen is on UTC+2 since Sun 29 March
    s.deps.clock.set("2026-04-01T21:59:00.000Z");
    await sweepDeadlines(s.deps);
    expect((await deadline(id, "reply")).missedAt).toBeNull();
    // still due today, so it is reminded instead, to the handler (the person responsible)
    expect((await notes(s.org.people.leaderA.id, id, "deadline_reminder")).map((n) => n.message)).toContain(
      `${(await findCase(s.deps.db.kysely, id))!.reference}: the reply deadline is 2026-04-01`,
    );
    expect(await notes(s.org.people.coordinator.id, id, "deadline_reminder")).toEqual([]);
    s.deps.clock.set("2026-04-01T22:00:00.000Z");
    await sweepDeadlines(s.deps);
    expect((await deadline(id, "reply")).missedAt).toBe("2026-04-01T22:00:00.000Z");
    // the handler is told as well as the coordinator
    expect(await notes(s.org.people.leaderA.id, id, "deadline_missed")).not.toHaveLength(0);
  });

  it("leaves met deadlines and ended cases alone", async () => {
    const met = await newCase();
    await runCaseCommand(s.deps, s.org.actors.receiver, met, "acknowledge", {});
    const withdrawn = await newCase();
    await runCaseCommand(s.deps, s.org.actors.receiver, withdrawn, "withdraw", { reason: "Løst" });
    s.deps.clock.set("2026-03-10T09:00:00.000Z");
    await sweepDeadlines(s.deps);
    expect((await deadline(met, "acknowledge")).missedAt).toBeNull();
    expect((await deadline(met, "route")).missedAt).not.toBeNull();
    const ended = (await findCase(s.deps.db.kysely, withdrawn))!;
    expect(ended.deadlines.every((d) => d.missedAt === null && d.remindedAt === null)).toBe(true);
    expect(ended.deviations).toEqual([]);
  });

  it("lets several sweepers run at once and records each missed deadline exactly once", async () => {
    const ids = [await newCase(), await newCase(), await newCase()];
    // a second handle on the same database stands for a second server process
    const other = openDatabase(s.t.target);
    try {
      const otherDeps = { ...createDeps(other, s.deps.clock), clock: s.deps.clock };
      s.deps.clock.set("2026-03-06T08:00:00.000Z");
      const results = await Promise.all([
        sweepDeadlines(s.deps, { batchSize: 2 }),
        sweepDeadlines(otherDeps, { batchSize: 2 }),
        sweepDeadlines(s.deps),
        sweepDeadlines(otherDeps),
      ]);
      expect(results.reduce((n, r) => n + r.missed, 0)).toBe(ids.length * 2);
    } finally {
      await other.destroy();
    }
    for (const id of ids) {
      const c = (await findCase(s.deps.db.kysely, id))!;
      expect(c.deviations).toHaveLength(2);
      const journal = await journalOf(s.deps.db.kysely, id);
      expect(journal.filter((e) => e.kind === "deviation")).toHaveLength(2);
      expect(verifyChain(id, journal).ok).toBe(true);
    }
  });

  it("pages through a backlog in batches and reaches every case", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await newCase());
    s.deps.clock.set("2026-03-06T08:00:00.000Z");
    const result = await sweepDeadlines(s.deps, { batchSize: 1 });
    expect(result.missed).toBeGreaterThanOrEqual(ids.length * 2);
    for (const id of ids) {
      const c = (await findCase(s.deps.db.kysely, id))!;
      expect(c.deviations.map((d) => d.deadlineKind).sort()).toEqual(["acknowledge", "route"]);
    }
  });

  it("does not get stuck on a deadline set back to a date already recorded as missed", async () => {
    const id = await newCase();
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "acknowledge", {});
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "assign", {});
    s.deps.clock.set("2026-04-02T08:00:00.000Z");
    await sweepDeadlines(s.deps);
    expect((await deadline(id, "reply")).missedAt).toBe("2026-04-02T08:00:00.000Z");
    const coordinator = s.org.actors.coordinator;
    await runCaseCommand(s.deps, coordinator, id, "set-deadline", {
      kind: "reply",
      dueDate: "2026-04-20",
      reason: "Borgerrådgiveren har sat en ny dato",
    });
    await runCaseCommand(s.deps, coordinator, id, "set-deadline", {
      kind: "reply",
      dueDate: "2026-04-01",
      reason: "Datoen var tastet forkert",
    });
    expect((await deadline(id, "reply")).missedAt).toBeNull();

    s.deps.clock.set("2026-04-02T09:00:00.000Z");
    const result = await sweepDeadlines(s.deps);
    expect(result.skipped).toBe(0);
    expect((await deadline(id, "reply")).missedAt).toBe("2026-04-02T09:00:00.000Z");
    const c = (await findCase(s.deps.db.kysely, id))!;
    expect(c.deviations.filter((d) => d.deadlineKind === "reply")).toEqual([
      { deadlineKind: "reply", dueDate: "2026-04-01", recordedAt: "2026-04-02T08:00:00.000Z" },
    ]);
    const journal = await journalOf(s.deps.db.kysely, id);
    expect(journal.filter((e) => e.title === "Deadline missed: reply (due 2026-04-01)")).toHaveLength(2);
    expect(verifyChain(id, journal).ok).toBe(true);
  });

  it("runs as a job that sweeps right away, on demand, and stops cleanly", async () => {
    const id = await newCase();
    s.deps.clock.set("2026-03-09T09:00:00.000Z");
    const jobs = startJobs(s.deps, { intervalMs: 60_000 });
    const second = await jobs.runOnce();
    await jobs.stop();
    expect(second).toEqual({ missed: 0, reminded: expect.any(Number), skipped: 0 });
    expect((await deadline(id, "acknowledge")).missedAt).toBe("2026-03-09T09:00:00.000Z");
  });

  it("purges idempotency keys older than 24 hours in the same tick", async () => {
    s.deps.clock.set("2026-05-10T12:00:00.000Z");
    await inTx((tx) => saveIdempotent(tx, "old-key", "h", 201, { ok: 1 }, "2026-05-09T11:59:59.000Z"));
    await inTx((tx) => saveIdempotent(tx, "new-key", "h", 201, { ok: 2 }, "2026-05-09T12:00:01.000Z"));
    const jobs = startJobs(s.deps, { intervalMs: 60_000 });
    await jobs.stop();
    expect(await findIdempotent(s.deps.db.kysely, "old-key")).toBeNull();
    expect(await findIdempotent(s.deps.db.kysely, "new-key")).toMatchObject({ response: { ok: 2 } });
  });

  it("logs a failing sweep without personal data, keeps running, and sweeps on the next tick", async () => {
    const id = await newCase();
    s.deps.clock.set("2026-03-06T08:00:00.000Z");
    let fail = true;
    const flaky = {
      ...s.deps,
      clock: {
        now: () => {
          if (fail) {
            fail = false;
            throw new Error("clock unavailable");
          }
          return s.deps.clock.now();
        },
      },
    };
    const logged: { level: string; data: object; message: string }[] = [];
    const log: JobsLog = {
      info: (data, message) => logged.push({ level: "info", data, message }),
      error: (data, message) => logged.push({ level: "error", data, message }),
    };
    const jobs = startJobs(flaky, { intervalMs: 60_000, log });
    const next = await jobs.runOnce();
    await jobs.stop();
    expect(logged[0]).toEqual({
      level: "error",
      data: { job: "deadline-sweep", error: { type: "Error", message: "clock unavailable" } },
      message: "deadline sweep failed",
    });
    expect(next?.missed).toBeGreaterThanOrEqual(2);
    expect((await deadline(id, "acknowledge")).missedAt).toBe("2026-03-06T08:00:00.000Z");
    // the log carries counts only: no reference, name or message text of a case
    const reference = (await findCase(s.deps.db.kysely, id))!.reference;
    expect(JSON.stringify(logged)).not.toContain(reference);
    expect(JSON.stringify(logged)).not.toContain("Mette");
  });
});
