/**
 * Decision complaints complete (issue 7 point 6, seeds 004-28 and 001-9), once per dialect: a partly
 * changed decision both reaches the citizen (the reply with the new decision) and goes to the appeals
 * board for the rest, closing refused until then; a dk-central-unit redirect names the appeal body
 * configured for the decision's area, in the case and in its letter.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { getCase } from "../../src/app/get-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import type { CommandName } from "../../src/domain/lifecycle.js";
import { CaseView, presentCase } from "../../src/http/api/case.presenter.js";
import { translator } from "../../src/web/i18n/messages.js";
import { journalTitle } from "../../src/web/journal-text.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";

describe.each(DIALECTS)("decision complaints complete (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);

  const kysely = () => s.deps.db.kysely;
  /** the case JSON of GET /api/v1/cases/{id}, as its schema lets it out */
  const caseJson = async (actor: Actor, id: string) =>
    CaseView.parse(presentCase(await getCase(s.deps, actor, id)));
  const run = (actor: Actor, id: string, command: CommandName, body: unknown = {}) => {
    s.deps.clock.advance({ minutes: 10 });
    return runCaseCommand(s.deps, actor, id, command, body);
  };
  async function refusal(actor: Actor, id: string, command: CommandName, body: unknown = {}) {
    const before = await findCase(kysely(), id);
    try {
      await run(actor, id, command, body);
    } catch (e) {
      expect(e).toBeInstanceOf(KlaraError);
      expect(await findCase(kysely(), id)).toEqual(before);
      return (e as KlaraError).details.reason;
    }
    throw new Error(`${command} was not refused`);
  }

  async function employmentDecision(): Promise<string> {
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
    const { actors } = s.org;
    await run(actors.receiver, receipt.id, "classify", { type: "decision", category: "job_centre" });
    const c = await run(actors.receiver, receipt.id, "assign", {});
    expect(c.status).toBe("in_reassessment");
    return receipt.id;
  }

  it("partly changed: the new decision is replied to the citizen AND the rest forwarded; closing waits", async () => {
    const { actors } = s.org;
    const id = await employmentDecision();
    const decided = await run(actors.handler1, id, "decide-reassessment", {
      result: "partly_changed",
      body: "Ydelsen genberegnes for marts; resten af afgørelsen fastholdes.",
    });
    expect(decided.status).toBe("in_progress");
    // the citizen gets the new decision first
    expect(await refusal(actors.handler1, id, "forward-to-appeals-board")).toBe("reply_first");

    await run(actors.handler1, id, "submit-draft", {
      body: "Kære Bo\n\nVi har ændret afgørelsen for marts.",
    });
    await run(actors.approver2, id, "approve");
    const answered = await run(actors.handler1, id, "send-reply", { outcome: "partly_upheld" });
    expect(answered.status).toBe("answered");
    expect(answered.outcome).toBe("partly_upheld");
    expect(answered.appealsBoard).toBeNull();

    // closing is refused until the rest is forwarded
    expect(await refusal(actors.receiver, id, "close")).toBe("appeals_board_required");

    const forwarded = await run(actors.handler1, id, "forward-to-appeals-board");
    expect(forwarded.status).toBe("forwarded_to_appeals_board");
    expect(forwarded.outcome).toBe("partly_upheld");
    expect(forwarded.appealsBoard).toMatchObject({ part: "rest", result: null });

    const closed = await run(actors.receiver, id, "close");
    expect(closed.status).toBe("closed");
    const json = await caseJson(actors.handler1, id);
    expect(json.reassessment?.result).toBe("partly_changed");
    expect(json.appealsBoard).toMatchObject({ part: "rest" });

    // both letters went: the reply with the new decision to the citizen, the rest to Ankestyrelsen
    const letters = (await outboxFor(kysely(), id)).map((l) => l.payload as { template: string; to: string });
    const sent = letters.map((l) => `${l.template}→${l.to}`);
    // the reply tells the citizen the rest goes on by itself, not to appeal again
    const reply = (await outboxFor(kysely(), id)).find(
      (l) => (l.payload as { template: string }).template === "reply",
    );
    expect(reply?.body).toContain(
      "Den del af afgørelsen, som vi fastholder, sender vi videre til Ankestyrelsen",
    );
    expect(sent.slice(0, 2)).toEqual(["handler_assigned→complainant", "reply→complainant"]);
    // the forwarding's two letters come after the reply (same instant: any order between them)
    expect(sent.slice(2).sort()).toEqual([
      "forward_to_appeals_board→appeals_board",
      "forwarded_notice→complainant",
    ]);
    // the journal says what part went where
    const titles = (await journalOf(kysely(), id)).map((e) => e.title);
    expect(titles).toContain("New decision sent to the citizen; the rest goes to Ankestyrelsen");
    expect(titles).toContain("Forwarded to Ankestyrelsen: the part of the decision upheld");
    // and the case page says it in Danish
    expect(titles.map((x) => journalTitle(x, translator("da")))).toEqual(
      expect.arrayContaining([
        "Ny afgørelse sendt til borgeren; resten sendes til Ankestyrelsen",
        "Sendt videre til Ankestyrelsen: den fastholdte del af afgørelsen",
      ]),
    );
    expect(titles.indexOf("Reply sent: partly_upheld")).toBeLessThan(
      titles.indexOf("Forwarded to Ankestyrelsen: the part of the decision upheld"),
    );
  });

  it("wholly changed: answered and closed without the appeals board, as before", async () => {
    const { actors } = s.org;
    const id = await employmentDecision();
    await run(actors.handler1, id, "decide-reassessment", { result: "changed", body: "Afgørelsen ændres." });
    await run(actors.handler1, id, "submit-draft", { body: "Kære Bo\n\nDu får medhold." });
    await run(actors.approver2, id, "approve");
    await run(actors.handler1, id, "send-reply", { outcome: "upheld" });
    expect((await run(actors.receiver, id, "close")).status).toBe("closed");
  });

  function centralDecision(area: string | null): Promise<string> {
    s.deps.clock.set(START);
    const body: SubmitComplaintBody = {
      procedure: "dk-central-unit",
      unit: "SKOLE-A",
      category: "school",
      complainant: { name: "Tobias Vinther", email: "tobias@example.dk", anonymous: false },
      subject: "Afslag",
      description: "Jeg klager over afgørelsen.",
      decision: { date: "2026-02-25", reference: "S-1", area, fastTrack: false },
    };
    return submitComplaint(s.deps, body).then((r) => r.receipt.id);
  }

  async function redirect(id: string) {
    const { actors } = s.org;
    await run(actors.coordinator, id, "classify", { type: "decision", category: "school" });
    await run(actors.coordinator, id, "assign", { handlers: [{ person: s.org.people.leaderA.id }] });
    await run(actors.leaderA, id, "submit-draft", { body: "Kære Tobias\n\nDu kan klage over afgørelsen." });
    await run(actors.manager, id, "approve");
    return run(actors.leaderA, id, "send-reply", { outcome: "redirected" });
  }

  it("a dk-central-unit redirect names the appeal body configured for the decision's area", async () => {
    const id = await centralDecision("Specialundervisning");
    const c = await redirect(id);
    expect(c.status).toBe("answered");
    expect(c.outcome).toBe("redirected");
    expect(c.appealRoute).toMatchObject({
      area: "specialundervisning",
      name: { da: "Klagenævnet for Specialundervisning" },
      timeLimit: { da: "4 uger efter, at du fik afgørelsen" },
    });
    const reply = (await outboxFor(kysely(), id)).find(
      (l) => (l.payload as { template: string }).template === "reply",
    );
    expect(reply?.body).toContain("Du kan klage til Klagenævnet for Specialundervisning.");
    expect(reply?.body).toContain("genvurderer afgørelsen og sender klagen videre til klagenævnet");
    expect(reply?.body).toContain("Frist: 4 uger efter, at du fik afgørelsen.");
    expect(reply?.body).not.toContain("Ombudsman");
    expect((await caseJson(s.org.actors.leaderA, id)).appealRoute).toMatchObject({
      area: "specialundervisning",
      name: { da: "Klagenævnet for Specialundervisning" },
    });
    const titles = (await journalOf(kysely(), id)).map((e) => e.title);
    expect(titles).toContain("Guided to the appeal body: Klagenævnet for Specialundervisning");
  });

  it("an area without its own setting is guided by the procedure's default", async () => {
    const id = await centralDecision("Fritidsklub");
    const c = await redirect(id);
    expect(c.appealRoute).toMatchObject({
      area: null,
      name: { da: "den klageinstans, der står i afgørelsens klagevejledning" },
    });
  });
});
