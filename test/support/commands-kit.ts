/**
 * The command suites' helpers over a seeded database: run a step and check its journal, expect a
 * refusal that writes nothing, and a dk-school case drafted by the school leader.
 */
import { expect } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import type { ComplaintCase } from "../../src/domain/case.js";
import type { KlaraError } from "../../src/domain/errors.js";
import { verifyChain } from "../../src/domain/journal.js";
import type { CommandName } from "../../src/domain/lifecycle.js";
import type { CaseStatus } from "../../src/domain/vocabulary.js";
import { DEFAULT_NOW } from "./fixtures.js";
import { expectKlaraError, type SeededDb, schoolComplaint } from "./seeded-db.js";

export function commandsKit(s: SeededDb) {
  const kysely = () => s.deps.db.kysely;
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
    const { deps } = s;
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
    const e = await expectKlaraError(runCaseCommand(s.deps, actor, id, command, body));
    expect(await findCase(kysely(), id)).toEqual(before);
    expect(await journal(id)).toEqual(entries);
    expect(await outboxFor(kysely(), id)).toEqual(outbox);
    return e;
  }

  /** A dk-school complaint at school A, acknowledged, routed and drafted by the school leader. */
  async function draftedCase(): Promise<ComplaintCase> {
    const { deps, org } = s;
    deps.clock.set(DEFAULT_NOW);
    const { receipt } = await submitComplaint(deps, schoolComplaint());
    const { actors } = org;
    await runCaseCommand(deps, actors.receiver, receipt.id, "acknowledge", {});
    await runCaseCommand(deps, actors.receiver, receipt.id, "assign", {});
    return runCaseCommand(deps, actors.leaderA, receipt.id, "submit-draft", { body: "Kære Mette" });
  }

  return { kysely, journal, letters, countCases, step, refused, draftedCase };
}
