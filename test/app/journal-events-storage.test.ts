/**
 * Journal events and deadline reckonings as stored, on each database (decision 0019): written
 * beside the English text in the command's transaction, read back as written; a journal written
 * before events were kept still verifies, also once continued with entries that have them; a
 * changed parameter is found by `klara journal verify`.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createToken } from "../../src/app/create-token.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { verifyJournals } from "../../src/app/verify-journal.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { explainReckoning } from "../../src/domain/deadline-reckoning.js";
import { eventTitle } from "../../src/domain/journal-events.js";
import { createHttpApp } from "../../src/http/server.js";
import { translator } from "../../src/web/i18n/messages.js";
import { eventOfTitle, journalTitle } from "../../src/web/journal-text.js";
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

/** How every entry was hashed before events were kept. */
const oldHash = (caseId: string, e: Record<string, unknown>) =>
  createHash("sha256")
    .update(JSON.stringify([caseId, e.seq, e.at, e.actor_id, e.actor, e.kind, e.title, e.body, e.prev_hash]))
    .digest("hex");

describe.each(DIALECTS)("journal events and deadline reckonings stored (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });

  it("keeps each deadline's reckoning and each entry's event beside the English text", async () => {
    const id = (await submitComplaint(s.deps, complaint)).receipt.id;
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "acknowledge", {});
    const c = (await findCase(s.t.db.kysely, id))!;
    expect(c.deadlines.length).toBeGreaterThan(1);
    for (const d of c.deadlines) {
      expect(d.reckoning).toBeTruthy();
      expect(explainReckoning(d.reckoning!)).toBe(d.explanation);
    }
    const journal = await journalOf(s.t.db.kysely, id);
    const known = journal.filter((e) => eventOfTitle(e.title));
    expect(known.map((e) => e.event?.code)).toEqual(known.map((e) => eventOfTitle(e.title)?.code));
    for (const e of known) expect(eventTitle(e.event!)).toBe(e.title);
    // the journal's deadline line holds the same reckoning as the deadline
    const set = journal.find((e) => e.event?.code === "deadline_set" && e.event.params.kind === "reply")!;
    expect(set.event).toMatchObject({
      params: { reckoning: c.deadlines.find((d) => d.kind === "reply")!.reckoning },
    });
    expect(journalTitle(set.title, translator("da"), {}, set.event)).toBe(
      "Frist sat: Svar på klagen 2026-04-01",
    );
    expect(await verifyJournals(s.deps)).toMatchObject({ ok: true });
  });

  it("shows each entry's event and each deadline's reckoning in the API's case", async () => {
    const id = (await submitComplaint(s.deps, complaint)).receipt.id;
    const app = await createHttpApp({ deps: s.deps, rateLimitPerMinute: 0 });
    try {
      const token = await createToken(s.deps, s.org.people.coordinator.email);
      const res = await app.inject({
        url: `/api/v1/cases/${id}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const c = (await findCase(s.t.db.kysely, id))!;
      expect(body.deadlines.map((d: { reckoning: unknown }) => d.reckoning)).toEqual(
        c.deadlines.map((d) => d.reckoning),
      );
      const stored = await journalOf(s.t.db.kysely, id);
      expect(body.journal.map((e: { event: unknown }) => e.event)).toEqual(stored.map((e) => e.event));
      expect(body.journal[0].event).toEqual({ code: "received", params: { channel: c.channel } });
    } finally {
      await app.close();
    }
  });

  it("verifies a journal written before events were kept, continued with events; finds a changed parameter", async () => {
    const id = (await submitComplaint(s.deps, complaint)).receipt.id;
    // the journal as an older Klara wrote it: no events, each entry hashed the old way
    const rows = await s.t.db.kysely
      .selectFrom("journal_entries")
      .selectAll()
      .where("case_id", "=", id)
      .orderBy("seq")
      .execute();
    let prev = "0".repeat(64);
    for (const row of rows) {
      const hash = oldHash(id, { ...row, prev_hash: prev });
      await s.t.db.kysely
        .updateTable("journal_entries")
        .set({ event: null, prev_hash: prev, hash })
        .where("case_id", "=", id)
        .where("seq", "=", row.seq)
        .execute();
      prev = hash;
    }
    expect((await journalOf(s.t.db.kysely, id)).every((e) => e.event === null)).toBe(true);
    expect(await verifyJournals(s.deps)).toMatchObject({ ok: true });

    await runCaseCommand(s.deps, s.org.actors.receiver, id, "acknowledge", {});
    const journal = await journalOf(s.t.db.kysely, id);
    const added = journal.slice(rows.length);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((e) => e.event !== null)).toBe(true);
    expect(added[0]!.prevHash).toBe(prev);
    expect(await verifyJournals(s.deps)).toMatchObject({ ok: true });

    // someone edits a parameter in the database: the title still reads well, the chain does not
    const status = added.find((e) => e.event?.code === "status")!;
    await s.t.db.kysely
      .updateTable("journal_entries")
      .set({ event: JSON.stringify({ code: "status", params: { from: "received", to: "closed" } }) })
      .where("case_id", "=", id)
      .where("seq", "=", status.seq)
      .execute();
    expect(await verifyJournals(s.deps)).toEqual({
      ok: false,
      caseId: id,
      reference: expect.any(String),
      seq: status.seq,
      reason: "entry was altered",
    });
  });
});
