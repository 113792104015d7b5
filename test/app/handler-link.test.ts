/**
 * Personal links (decision 0017), once per dialect: a handler without an account gets the case by
 * an e-mailed, expiring, single-case link (seed 000) to read it and send a reply or notes; a
 * complainant confirms a formal complaint through the link in the letter that asks (seed 001).
 * Tokens are stored only as their hash and never written to the journal.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../src/app/actor.js";
import { confirmThroughLink, openConfirmLink } from "../../src/app/confirm-complaint-link.js";
import { getCase } from "../../src/app/get-case.js";
import {
  handlerLinkDocument,
  openHandlerLink,
  uploadThroughHandlerLink,
} from "../../src/app/handler-link.js";
import { registerCase } from "../../src/app/register-case.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { RegisterCaseBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { documentsOf } from "../../src/db/document.repository.js";
import { notificationsFor, outboxFor } from "../../src/db/outbox.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import type { CommandName } from "../../src/domain/lifecycle.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";
const NATIONAL_ID = "0101901234";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe.each(DIALECTS)("personal links (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);

  const run = (actor: Actor, id: string, command: CommandName, body: unknown = {}) => {
    s.deps.clock.advance({ minutes: 5 });
    return runCaseCommand(s.deps, actor, id, command, body);
  };

  /** A dk-school complaint from the web, with a national id and a document. */
  async function schoolCase(n: number) {
    const { receipt } = await submitComplaint(
      s.deps,
      {
        procedure: "dk-school",
        unit: "SKOLE-A",
        category: "school_conduct",
        complainant: {
          anonymous: false,
          name: `Mette Forælder ${n}`,
          email: `mette${n}@example.dk`,
          nationalId: NATIONAL_ID,
        },
        subject: `Mobning i 4.b (${n})`,
        description: "Min søn bliver mobbet, og skolen reagerer ikke.",
      },
      { channel: "web", attachments: [{ filename: "brev.pdf", content: PDF }] },
    );
    return receipt.id;
  }

  /** The token the newest letter of the case carries, from the outbox (the only place it is). */
  async function linkIn(caseId: string, path: "/handler/" | "/complaints/confirm/") {
    const letters = await outboxFor(s.t.db.kysely, caseId);
    const body =
      letters
        .map((l) => l.body ?? "")
        .reverse()
        .find((b) => b.includes(path)) ?? "";
    const token = new RegExp(`${path.replaceAll("/", "\\/")}([A-Za-z0-9_-]+)`).exec(body)?.[1];
    if (!token) throw new Error(`no ${path} link in the outbox`);
    return token;
  }

  const send = (caseId: string, body: Record<string, unknown> = {}) =>
    run(s.org.actors.receiver, caseId, "send-handler-link", {
      handlerName: "Lise Skovgaard",
      handlerEmail: "lise.skovgaard@skole-a.example",
      ...body,
    });

  it("sends the seed's note to the handler with a personal link; only its hash is stored", async () => {
    const id = await schoolCase(1);
    const before = await getCase(s.deps, s.org.actors.receiver, id);
    expect(before.allowedCommands).toContain("send-handler-link");
    const after = await send(id);
    expect(after.status).toBe("assigned");
    expect(after.deadlines.find((d) => d.kind === "route")?.metAt).not.toBeNull();

    const token = await linkIn(id, "/handler/");
    const rows = await s.t.db.kysely
      .selectFrom("personal_links")
      .selectAll()
      .where("case_id", "=", id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      purpose: "handler",
      token_hash: sha256(token),
      name: "Lise Skovgaard",
      email: "lise.skovgaard@skole-a.example",
      revoked_at: null,
    });
    expect(JSON.stringify(rows)).not.toContain(token);
    // 14 days by default
    expect(Date.parse(rows[0]!.expires_at) - Date.parse(rows[0]!.created_at)).toBe(14 * 24 * 3600 * 1000);

    const letter = (await outboxFor(s.t.db.kysely, id)).find((l) => l.body?.includes("/handler/"));
    expect(letter).toMatchObject({
      state: "queued",
      channel: "email",
      recipientName: "Lise Skovgaard",
      recipientAddress: "lise.skovgaard@skole-a.example",
    });
    // the school department's own text (seed 000) with the link where the records system's was
    expect(letter?.body).toContain("Kære Lise Skovgaard");
    expect(letter?.body).toContain("ledelsesmæssige ansvar");
    expect(letter?.body).toContain(`/handler/${token}`);
    expect(JSON.stringify(letter?.payload)).not.toContain(token);

    const journal = await journalOf(s.t.db.kysely, id);
    expect(JSON.stringify(journal)).not.toContain(token);
    const record = journal.find((e) => e.kind === "letter_queued" && e.body.includes("/handler/"));
    expect(record?.body).toContain("/handler/…");
    expect(journal.some((e) => e.title === "Personal link sent to an external handler")).toBe(true);
  });

  it("shows the handler the case without the national id, takes their reply and tells the coordinator", async () => {
    const id = await schoolCase(2);
    await run(s.org.actors.coordinator, id, "add-note", { title: "Koordinator", body: "Jeg følger sagen." });
    await send(id);
    const token = await linkIn(id, "/handler/");

    const opened = await openHandlerLink(s.deps, token);
    if (opened.gone) throw new Error("the link is gone");
    expect(opened.view).toMatchObject({
      reference: expect.stringMatching(/^KLA-2026-/),
      description: "Min søn bliver mobbet, og skolen reagerer ikke.",
      handlerName: "Lise Skovgaard",
      complainant: { name: "Mette Forælder 2", email: "mette2@example.dk" },
    });
    expect(opened.view.deadlines.map((d) => d.kind)).toContain("reply");
    expect(opened.view.documents).toEqual([
      expect.objectContaining({ filename: "brev.pdf", from: "complainant" }),
    ]);
    expect(JSON.stringify(opened.view)).not.toMatch(/0101901234|010190/);

    const result = await uploadThroughHandlerLink(s.deps, token, {
      text: "Jeg har holdt møde med forældrene den 5. marts.",
      files: [{ filename: "referat.pdf", content: PDF }],
    });
    expect(result.gone).toBe(false);
    const entry = (await journalOf(s.t.db.kysely, id)).at(-1);
    expect(entry).toMatchObject({
      kind: "document_in",
      title: "Reply or notes from the external handler",
      actorId: null,
      actor: "Lise Skovgaard (external handler, personal link)",
    });
    expect(entry?.body).toContain("Jeg har holdt møde med forældrene den 5. marts.");
    expect(entry?.body).toContain("referat.pdf");
    const docs = await documentsOf(s.t.db.kysely, id);
    expect(docs.find((d) => d.filename === "referat.pdf")?.journalSeq).toBe(entry?.seq);
    const told = await notificationsFor(s.t.db.kysely, s.org.people.coordinator.id);
    expect(told.some((n) => n.kind === "handler_link_reply" && n.caseId === id)).toBe(true);

    // the handler's own upload is listed next time; the case's other documents are not reachable
    const again = await openHandlerLink(s.deps, token);
    expect(again.gone ? [] : again.view.documents.map((d) => d.from)).toEqual(["complainant", "handler"]);
  });

  it("refuses an empty reply and a refused file, and writes nothing", async () => {
    const id = await schoolCase(3);
    await send(id);
    const token = await linkIn(id, "/handler/");
    const entries = (await journalOf(s.t.db.kysely, id)).length;
    await expect(uploadThroughHandlerLink(s.deps, token, { text: " ", files: [] })).rejects.toMatchObject({
      code: "invalid_input",
    });
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 0x90)]);
    await expect(
      uploadThroughHandlerLink(s.deps, token, { text: "x", files: [{ filename: "a.exe", content: exe }] }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(await journalOf(s.t.db.kysely, id)).toHaveLength(entries);
  });

  it("reaches only its own case: another case's document id and an unknown token are not found", async () => {
    const mine = await schoolCase(4);
    const other = await schoolCase(5);
    await send(mine);
    const token = await linkIn(mine, "/handler/");
    const [otherDoc] = await documentsOf(s.t.db.kysely, other);
    const [myDoc] = await documentsOf(s.t.db.kysely, mine);
    await expect(handlerLinkDocument(s.deps, token, otherDoc!.id)).rejects.toMatchObject({
      code: "not_found",
    });
    const own = await handlerLinkDocument(s.deps, token, myDoc!.id);
    expect(own.gone ? null : Buffer.from(own.document.content)).toEqual(PDF);
    await expect(openHandlerLink(s.deps, `${token}x`)).rejects.toBeInstanceOf(KlaraError);
    await expect(openHandlerLink(s.deps, "klh_nothing")).rejects.toMatchObject({ code: "not_found" });
  });

  it("expires, is replaced by a new link, and ends with the case", async () => {
    const id = await schoolCase(6);
    await send(id, { expiresInDays: 2 });
    const first = await linkIn(id, "/handler/");
    await send(id, { expiresInDays: 30 });
    const second = await linkIn(id, "/handler/");
    expect(second).not.toBe(first);
    expect(await openHandlerLink(s.deps, first)).toMatchObject({ gone: true, reason: "revoked" });
    expect((await openHandlerLink(s.deps, second)).gone).toBe(false);

    await expect(send(id, { expiresInDays: 61 })).rejects.toMatchObject({ code: "invalid_input" });

    const saved = s.deps.clock.now();
    s.deps.clock.advance({ hours: 24 * 31 });
    expect(await openHandlerLink(s.deps, second)).toMatchObject({ gone: true, reason: "expired" });
    expect(await uploadThroughHandlerLink(s.deps, second, { text: "Sent", files: [] })).toMatchObject({
      gone: true,
    });
    s.deps.clock.set(saved.toString());

    const other = await schoolCase(7);
    await send(other);
    const token = await linkIn(other, "/handler/");
    // the external handler's answer is made the reply by the coordinator, approved as usual
    await run(s.org.actors.coordinator, other, "submit-draft", { body: "Kære Mette\n\nSvar." });
    await run(s.org.actors.leaderA, other, "approve");
    await run(s.org.actors.coordinator, other, "send-reply", { outcome: "upheld" });
    expect((await openHandlerLink(s.deps, token)).gone).toBe(false);
    await run(s.org.actors.coordinator, other, "close");
    expect((await findCase(s.t.db.kysely, other))?.status).toBe("closed");
    expect(await openHandlerLink(s.deps, token)).toMatchObject({ gone: true, reason: "ended" });
  });

  it("asks the complainant to confirm with a link that confirms the case once, as the complainant", async () => {
    const body = RegisterCaseBody.parse({
      procedure: "dk-central-unit",
      unit: "SKOLE-A",
      category: "school",
      channel: "in_person",
      needsConfirmation: true,
      complainant: { name: "Jonas Krogh", email: "jonas@example.dk" },
      subject: "Utilfreds med skolens svar",
      description: "Forælderen gav udtryk for utilfredshed ved et møde.",
    });
    const created = await registerCase(s.deps, s.org.actors.leaderA, body);
    const id = created.case.id;
    expect(created.case.status).toBe("pending_confirmation");
    const token = await linkIn(id, "/complaints/confirm/");
    const letter = (await outboxFor(s.t.db.kysely, id)).find((l) => l.body?.includes("/complaints/confirm/"));
    expect(letter?.body).toContain("formel klage");
    const row = await s.t.db.kysely
      .selectFrom("personal_links")
      .selectAll()
      .where("case_id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ purpose: "confirm", token_hash: sha256(token), used_at: null });
    expect(JSON.stringify(await journalOf(s.t.db.kysely, id))).not.toContain(token);

    // a confirmation link does not open the handler's page, nor the other way round
    await expect(openHandlerLink(s.deps, token)).rejects.toMatchObject({ code: "not_found" });
    expect(await openConfirmLink(s.deps, token)).toMatchObject({ state: "open" });

    s.deps.clock.advance({ hours: 72 });
    expect(await confirmThroughLink(s.deps, token)).toMatchObject({ state: "confirmed" });
    const confirmed = await findCase(s.t.db.kysely, id);
    expect(confirmed?.status).toBe("received");
    const entry = (await journalOf(s.t.db.kysely, id)).find(
      (e) => e.title === "The complainant confirmed a formal complaint",
    );
    expect(entry).toMatchObject({ actorId: null, actor: "complainant (confirmation link)" });
    expect(await confirmThroughLink(s.deps, token)).toMatchObject({ state: "gone", reason: "used" });
    expect(await openConfirmLink(s.deps, token)).toMatchObject({ state: "gone", reason: "used" });
    expect((await journalOf(s.t.db.kysely, id)).filter((e) => e.title.includes("confirmed"))).toHaveLength(1);
  });

  it("says a confirmation link is gone once it expired or staff settled the inquiry", async () => {
    const register = (n: number) =>
      registerCase(
        s.deps,
        s.org.actors.leaderA,
        RegisterCaseBody.parse({
          procedure: "dk-central-unit",
          unit: "SKOLE-A",
          category: "school",
          needsConfirmation: true,
          complainant: { name: `Forælder ${n}`, email: `p${n}@example.dk` },
          subject: "Henvendelse",
          description: "En henvendelse ved et møde.",
        }),
      );
    const settled = (await register(1)).case.id;
    const settledToken = await linkIn(settled, "/complaints/confirm/");
    await run(s.org.actors.coordinator, settled, "mark-not-a-complaint", { reason: "Kun et spørgsmål" });
    expect(await confirmThroughLink(s.deps, settledToken)).toMatchObject({ state: "gone" });
    expect((await findCase(s.t.db.kysely, settled))?.status).toBe("not_a_complaint");

    const late = (await register(2)).case.id;
    const lateToken = await linkIn(late, "/complaints/confirm/");
    s.deps.clock.advance({ hours: 24 * 31 });
    expect(await confirmThroughLink(s.deps, lateToken)).toMatchObject({ state: "gone", reason: "expired" });
    expect((await findCase(s.t.db.kysely, late))?.status).toBe("pending_confirmation");
  });
});
