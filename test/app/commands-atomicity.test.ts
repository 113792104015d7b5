/**
 * Case commands write all or nothing, once per dialect: a refused command writes nothing, of two
 * concurrent commands on one case exactly one wins, a stale write is a conflict, and intake is
 * idempotent per key and body.
 */
import pg from "pg";
import { describe, expect, it } from "vitest";
import { inTransaction } from "../../src/app/context.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, saveCase } from "../../src/db/case.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import { verifyChain } from "../../src/domain/journal.js";
import { commandsKit } from "../support/commands-kit.js";
import { expectKlaraError, schoolComplaint, useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";

describe.each(DIALECTS)("case commands write all or nothing (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  const { kysely, journal, countCases, refused, draftedCase } = commandsKit(s);

  it("a refused command leaves the case row, its journal and outbox exactly as before", async () => {
    const { actors } = s.org;
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
    const { actors } = s.org;
    const c = await draftedCase();
    const entriesBefore = await journal(c.id);
    s.deps.clock.advance({ hours: 1 });
    const results = await withCaseRowLocked(c.id, () =>
      Promise.allSettled([
        // two people with decision authority over the school (approval by the right person, issue 7)
        runCaseCommand(s.deps, actors.director, c.id, "return-draft", {
          reason: "Needs the class teacher's view",
        }),
        runCaseCommand(s.deps, actors.approver, c.id, "approve", {}),
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
      expect(after.draft!.approvals.map((a) => a.personId)).toEqual([s.org.people.approver.id]);
      expect(added.map((e) => e.kind)).toEqual(["approval"]);
    }
    const entries = await journal(c.id);
    expect(verifyChain(c.id, entries)).toEqual({ ok: true, entries: entries.length });
  });

  it("of two concurrent approvals by different approvers, exactly one is recorded", async () => {
    const { actors } = s.org;
    const c = await draftedCase();
    const results = await withCaseRowLocked(c.id, () =>
      Promise.allSettled([
        runCaseCommand(s.deps, actors.approver, c.id, "approve", {}),
        runCaseCommand(s.deps, actors.director, c.id, "approve", {}),
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
    const { actors } = s.org;
    const c = await draftedCase();
    const stale = (await findCase(kysely(), c.id))!;
    await runCaseCommand(s.deps, actors.approver, c.id, "approve", {});
    const e = await expectKlaraError(
      inTransaction(s.deps, (tx) => saveCase(tx, stale, { ...stale, status: "in_progress" }, "2026-03-02")),
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
    const client = new pg.Client({ connectionString: s.t.target });
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
    s.deps.clock.set(START);
    const before = await countCases();
    const body = schoolComplaint({ subject: "Idempotent" });
    const first = await submitComplaint(s.deps, body, { idempotencyKey: "key-1" });
    const again = await submitComplaint(s.deps, schoolComplaint({ subject: "Idempotent" }), {
      idempotencyKey: "key-1",
    });
    expect(first).toMatchObject({ status: 201, replayed: false });
    expect(again).toMatchObject({ status: 201, replayed: true });
    expect(again.receipt).toEqual(first.receipt);
    expect(await countCases()).toBe(before + 1);

    const other = await expectKlaraError(
      submitComplaint(s.deps, schoolComplaint({ subject: "Another subject" }), { idempotencyKey: "key-1" }),
    );
    expect(other.code).toBe("conflict");
    expect(await countCases()).toBe(before + 1);

    const fresh = await submitComplaint(s.deps, body, { idempotencyKey: "key-2" });
    expect(fresh.replayed).toBe(false);
    expect(fresh.receipt.id).not.toBe(first.receipt.id);
    expect(await countCases()).toBe(before + 2);
  });
});
