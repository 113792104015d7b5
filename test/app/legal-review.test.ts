/**
 * Legal validation (issue 7 point 7, seed 001-13), once per dialect: dk-central-unit samples every
 * 10th answered case (by its reference number) and every upheld one for a legal reviewer, who is
 * notified; only legal records the finding, which is journalised and counted by the case list's
 * `legalReview` filter.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { getCase } from "../../src/app/get-case.js";
import { listCases } from "../../src/app/list-cases.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { ListCasesQuery } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { notificationsFor } from "../../src/db/outbox.repository.js";
import type { ComplaintCase } from "../../src/domain/case.js";
import { KlaraError } from "../../src/domain/errors.js";
import { sequenceOf } from "../../src/domain/legal-review.js";
import type { CommandName } from "../../src/domain/lifecycle.js";
import { CaseView, presentCase } from "../../src/http/api/case.presenter.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";

describe.each(DIALECTS)("legal validation of answered cases (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  const answered: ComplaintCase[] = [];

  const kysely = () => s.deps.db.kysely;
  const run = (actor: Actor, id: string, command: CommandName, body: unknown = {}) => {
    s.deps.clock.advance({ minutes: 5 });
    return runCaseCommand(s.deps, actor, id, command, body);
  };
  async function refusal(actor: Actor, id: string, command: CommandName, body: unknown) {
    const before = await findCase(kysely(), id);
    const entries = await journalOf(kysely(), id);
    try {
      await run(actor, id, command, body);
    } catch (e) {
      expect(e).toBeInstanceOf(KlaraError);
      expect(await findCase(kysely(), id)).toEqual(before);
      expect(await journalOf(kysely(), id)).toEqual(entries);
      return e as KlaraError;
    }
    throw new Error(`${command} was not refused`);
  }
  const pending = async () =>
    (await listCases(s.deps, s.org.actors.legal, ListCasesQuery.parse({ legalReview: "pending" }))).items
      .map((i) => i.reference)
      .sort();

  /** A dk-central-unit process complaint answered with `outcome`. */
  async function answer(i: number, outcome: "upheld" | "not_upheld"): Promise<ComplaintCase> {
    const { actors, people } = s.org;
    const { receipt } = await submitComplaint(s.deps, {
      procedure: "dk-central-unit",
      unit: "SKOLE-A",
      category: "school",
      complainant: { name: `Forælder ${i}`, email: `f${i}@example.dk`, anonymous: false },
      subject: `Sagsbehandlingstid ${i}`,
      description: "Vi har ventet længe på svar fra skolen.",
    });
    await run(actors.coordinator, receipt.id, "assign", { handlers: [{ person: people.leaderA.id }] });
    await run(actors.leaderA, receipt.id, "submit-draft", { body: "Kære forælder\n\nSvar." });
    await run(actors.manager, receipt.id, "approve");
    return run(actors.leaderA, receipt.id, "send-reply", { outcome });
  }

  beforeAll(async () => {
    // 12 consecutive reference numbers hold at least one multiple of 10; every 5th is upheld
    for (let i = 1; i <= 12; i++) answered.push(await answer(i, i % 5 === 3 ? "upheld" : "not_upheld"));
  }, 120_000);

  it("samples every 10th answered case by its number and every upheld one, and tells legal", async () => {
    const sampled = (c: ComplaintCase) => c.outcome === "upheld" || (sequenceOf(c.reference) ?? 1) % 10 === 0;
    expect(answered.filter((c) => (sequenceOf(c.reference) ?? 1) % 10 === 0).length).toBeGreaterThan(0);
    expect(answered.filter((c) => c.outcome === "upheld").length).toBe(2);
    for (const c of answered) {
      expect(c.status).toBe("answered");
      if (sampled(c)) {
        expect(c.legalReview).toMatchObject({
          requestedAt: expect.any(String),
          reason: c.outcome === "upheld" ? "outcome" : "sample",
          finding: null,
        });
        const titles = (await journalOf(kysely(), c.id)).map((e) => e.title);
        expect(titles).toContain("Legal validation requested");
      } else {
        expect(c.legalReview ?? null).toBeNull();
      }
    }
    const told = (await notificationsFor(kysely(), s.org.people.legal.id, 200)).filter(
      (n) => n.kind === "legal_review",
    );
    expect(told.map((n) => n.caseId).sort()).toEqual(
      answered
        .filter(sampled)
        .map((c) => c.id)
        .sort(),
    );
    expect(await pending()).toEqual(
      answered
        .filter(sampled)
        .map((c) => c.reference)
        .sort(),
    );
  });

  it("only legal records the finding; it is journalised, once, and counted", async () => {
    const { actors } = s.org;
    const target = answered.find((c) => c.legalReview)!;
    const before = await pending();
    for (const someone of [actors.leaderA, actors.manager, actors.coordinator, actors.admin]) {
      const e = await refusal(someone, target.id, "record-legal-review", { finding: "lawful" });
      expect(e.code).toBe("forbidden");
    }
    // issues need a note
    const noNote = await refusal(actors.legal, target.id, "record-legal-review", { finding: "issues" });
    expect(noNote.code).toBe("invalid_input");

    const reviewed = await run(actors.legal, target.id, "record-legal-review", {
      finding: "issues",
      note: "Partshøring mangler i svaret.",
    });
    expect(reviewed.legalReview).toMatchObject({
      finding: "issues",
      note: "Partshøring mangler i svaret.",
      byId: s.org.people.legal.id,
    });
    const entry = (await journalOf(kysely(), target.id)).at(-1)!;
    expect(entry).toMatchObject({
      kind: "legal_review",
      title: "Legal validation: issues found",
      body: "Partshøring mangler i svaret.",
      actorId: s.org.people.legal.id,
    });
    const json = CaseView.parse(presentCase(await getCase(s.deps, actors.legal, target.id)));
    expect(json.legalReview).toMatchObject({ finding: "issues", note: "Partshøring mangler i svaret." });
    expect(json.allowedCommands).not.toContain("record-legal-review");
    const again = await refusal(actors.legal, target.id, "record-legal-review", { finding: "lawful" });
    expect(again.details.reason).toBe("already_reviewed");

    // counted: one fewer pending, one with issues
    expect(await pending()).toEqual(before.filter((r) => r !== target.reference));
    const issues = await listCases(s.deps, actors.legal, ListCasesQuery.parse({ legalReview: "issues" }));
    expect(issues.items.map((i) => i.reference)).toEqual([target.reference]);

    // a case that was not sampled may still be validated, also after closing
    const other = answered.find((c) => !c.legalReview)!;
    await run(actors.coordinator, other.id, "close");
    const lawful = await run(actors.legal, other.id, "record-legal-review", { finding: "lawful" });
    expect(lawful.legalReview).toMatchObject({ reason: "voluntary", finding: "lawful" });
    const counted = await listCases(s.deps, actors.legal, ListCasesQuery.parse({ legalReview: "lawful" }));
    expect(counted.items.map((i) => i.reference)).toEqual([other.reference]);
  });
});
