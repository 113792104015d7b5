/**
 * The complaint mailbox against a real IMAP server (Debian's Dovecot), once per dialect: a
 * complaint becomes a case with its attachment and the server's receipt time; a reply to our
 * letter lands on its case; a message read twice (a crash after the commit, before the move)
 * makes one case; Dovecot stopped in the middle of a batch loses nothing and duplicates nothing
 * after it is back; an executable attachment, a message without From and one with two From
 * headers and bytes that are no message are quarantined, the coordinator told, and the next good
 * message still becomes a case.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { readMailbox } from "../../src/app/read-mailbox.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { documentsOf } from "../../src/db/document.repository.js";
import { findInbound, setMailboxProcedure } from "../../src/db/mailbox.repository.js";
import { notificationsFor, outboxFor } from "../../src/db/outbox.repository.js";
import { imapUnavailable, startImap, type TestImap } from "../support/imap-server.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";
const unavailable = imapUnavailable();
// a small PDF: the attachment is recognised by its bytes
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let counter = 0;
function message(
  o: {
    id?: string | null;
    from?: string | null;
    extraFrom?: string;
    subject?: string;
    text?: string;
    inReplyTo?: string;
    attachment?: { name: string; type: string; content: Buffer };
  } = {},
): { raw: string; id: string } {
  counter += 1;
  const id = o.id === undefined ? `<m${counter}.${Date.now()}@borger.example>` : (o.id ?? "");
  const headers = [
    ...(o.from === null ? [] : [`From: ${o.from ?? '"Mette Mor" <mette@borger.example>'}`]),
    ...(o.extraFrom ? [`From: ${o.extraFrom}`] : []),
    "To: klager@kommune.example",
    `Subject: ${o.subject ?? "Klage over skolen"}`,
    ...(id ? [`Message-ID: ${id}`] : []),
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`, `References: ${o.inReplyTo}`] : []),
    "Date: Mon, 2 Mar 2026 10:00:00 +0100",
    "MIME-Version: 1.0",
  ];
  const text = o.text ?? "Min søn bliver mobbet, og skolen gør ikke noget.";
  if (!o.attachment) {
    return {
      id,
      raw: [
        ...headers,
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        text,
        "",
      ].join("\r\n"),
    };
  }
  const b = `b${counter}`;
  const raw = [
    ...headers,
    `Content-Type: multipart/mixed; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    text,
    `--${b}`,
    `Content-Type: ${o.attachment.type}; name="${o.attachment.name}"`,
    `Content-Disposition: attachment; filename="${o.attachment.name}"`,
    "Content-Transfer-Encoding: base64",
    "",
    o.attachment.content.toString("base64"),
    `--${b}--`,
    "",
  ].join("\r\n");
  return { id, raw };
}

describe.skipIf(unavailable !== null).each(DIALECTS)("the complaint mailbox over IMAP (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  let imap: TestImap;
  const warnings: object[] = [];
  const log = {
    info: () => {},
    warn: (d: object) => warnings.push(d),
    error: (d: object) => warnings.push(d),
  };
  const read = (extra: Partial<Parameters<typeof readMailbox>[1]> = {}) =>
    readMailbox(s.deps, { url: imap.url, log, ...extra });
  const caseOf = async (messageId: string) => {
    const r = await findInbound(s.deps.db.kysely, s.org.organisation.id, messageId);
    return r;
  };
  const caseCount = async () =>
    Number(
      (
        await s.deps.db.kysely
          .selectFrom("cases")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  beforeAll(async () => {
    imap = await startImap();
  }, 30_000);
  afterAll(async () => {
    await imap?.close();
  });

  it("turns a complaint into a case: channel email, the server's receipt time, the sender, the message and its PDF", async () => {
    await setMailboxProcedure(
      s.deps.db.kysely,
      s.org.organisation.id,
      s.org.procedureIds["dk-school"] ?? null,
    );
    const m = message({ attachment: { name: "klage.pdf", type: "application/pdf", content: PDF } });
    const arrived = new Date("2026-03-01T18:30:00.000Z");
    await imap.append(m.raw, { date: arrived });

    expect(await read()).toEqual({
      cases: 1,
      replies: 0,
      quarantined: 0,
      duplicates: 0,
      bounces: 0,
      failed: 0,
    });
    const record = await caseOf(m.id);
    expect(record).toMatchObject({ outcome: "new_case" });
    const c = (await findCase(s.deps.db.kysely, record!.caseId!))!;
    expect(c).toMatchObject({
      channel: "email",
      procedureId: s.org.procedureIds["dk-school"],
      receivedAt: "2026-03-01T18:30:00.000Z",
      subject: "Klage over skolen",
    });
    expect(c.complainant).toMatchObject({
      name: "Mette Mor",
      email: "mette@borger.example",
      anonymous: false,
    });
    expect(c.description).toContain("Min søn bliver mobbet");
    const docs = await documentsOf(s.deps.db.kysely, c.id);
    expect(docs.map((d) => [d.filename, d.mediaType])).toEqual([
      ["message.eml", "message/rfc822"],
      ["klage.pdf", "application/pdf"],
    ]);
    const journal = await journalOf(s.deps.db.kysely, c.id);
    expect(journal[0]!.actor).toBe("Klara (complaint mailbox)");
    expect(journal.some((e) => e.kind === "document_in" && e.body.includes("klage.pdf"))).toBe(true);
    expect(await imap.count("INBOX")).toBe(0);
    expect(await imap.count("Klara/Processed")).toBe(1);
  });

  it("lands a reply to our letter on its case (In-Reply-To our Message-ID, or the reference in the subject)", async () => {
    const { receipt } = await submitComplaint(s.deps, {
      procedure: s.org.procedureIds["dk-school"]!,
      unit: "SKOLE-A",
      complainant: { name: "Mette Mor", email: "mette@borger.example", anonymous: false },
      subject: "Mobning i 4.b",
      description: "Min søn bliver mobbet.",
      category: "school_conduct",
    });
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "acknowledge", {});
    await deliverMail(s.deps, { sender: null });
    const [letter] = await outboxFor(s.deps.db.kysely, receipt.id);
    const before = await caseCount();

    const byHeader = message({
      subject: "Re: Kvittering",
      inReplyTo: `<outbox-${letter!.id}@kommune.example>`,
    });
    const bySubject = message({
      subject: `Sv: Jeres sag ${receipt.reference}`,
      text: "Her er flere oplysninger.",
    });
    await imap.append(byHeader.raw);
    await imap.append(bySubject.raw);
    expect(await read()).toMatchObject({ cases: 0, replies: 2 });
    expect(await caseCount()).toBe(before);
    expect(await caseOf(byHeader.id)).toMatchObject({ outcome: "reply", caseId: receipt.id });
    expect(await caseOf(bySubject.id)).toMatchObject({ outcome: "reply", caseId: receipt.id });
    const received = (await journalOf(s.deps.db.kysely, receipt.id)).filter(
      (e) => e.title === "E-mail received on the case",
    );
    expect(received).toHaveLength(2);
    expect(received[1]!.body).toContain("Her er flere oplysninger.");
    const docs = await documentsOf(s.deps.db.kysely, receipt.id);
    expect(docs.filter((d) => d.filename === "message.eml")).toHaveLength(2);
  });

  it("keeps an attachment of a type Klara does not open only inside message.eml, and says so", async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);
    const m = message({
      subject: "Klage med zip",
      attachment: { name: "bilag.zip", type: "application/zip", content: zip },
    });
    await imap.append(m.raw);
    expect(await read()).toMatchObject({ cases: 1, quarantined: 0 });
    const caseId = (await caseOf(m.id))!.caseId!;
    expect((await documentsOf(s.deps.db.kysely, caseId)).map((d) => d.filename)).toEqual(["message.eml"]);
    const journal = await journalOf(s.deps.db.kysely, caseId);
    expect(journal.some((e) => e.body.includes("bilag.zip (kept only in message.eml"))).toBe(true);
  });

  it("quarantines a message over the size limit without downloading it, and goes on", async () => {
    const huge = message({ subject: "Stor", text: "x".repeat(40_000) });
    const small = message({ subject: "Lille klage" });
    await imap.append(huge.raw);
    await imap.append(small.raw);
    expect(await read({ maxMessageBytes: 20_000 })).toMatchObject({ cases: 1, quarantined: 1, failed: 0 });
    expect(await caseOf(huge.id)).toMatchObject({ outcome: "quarantined", reason: "too_large" });
    expect(await caseOf(small.id)).toMatchObject({ outcome: "new_case" });
    expect(await imap.count("INBOX")).toBe(0);
  });

  it("makes one case of a message read twice: the run crashed after the commit and before the move", async () => {
    const m = message({ subject: "Klage, læst to gange" });
    await imap.append(m.raw);
    const before = await caseCount();
    await expect(
      read({
        beforeMove: () => {
          throw new Error("crash before the move");
        },
      }),
    ).rejects.toThrow("crash before the move");
    expect(await imap.count("INBOX")).toBe(1);
    expect(await caseCount()).toBe(before + 1);

    expect(await read()).toMatchObject({ cases: 0, duplicates: 1 });
    expect(await caseCount()).toBe(before + 1);
    expect(await imap.count("INBOX")).toBe(0);
  });

  it("loses nothing and duplicates nothing when the server goes down in the middle of a batch", async () => {
    const batch = [1, 2, 3].map((n) => message({ subject: `Klage nummer ${n}` }));
    for (const m of batch) await imap.append(m.raw);
    const before = await caseCount();
    let moved = 0;
    await expect(
      read({
        beforeMove: async () => {
          moved += 1;
          if (moved === 2) await imap.stop(); // the second message is committed, then the server dies
        },
      }),
    ).rejects.toThrow();
    await imap.start();
    expect(await caseCount()).toBe(before + 2);

    const again = await read();
    expect(again).toMatchObject({ cases: 1, duplicates: 1, failed: 0 });
    expect(await caseCount()).toBe(before + 3);
    for (const m of batch) expect(await caseOf(m.id)).toMatchObject({ outcome: "new_case" });
    expect(await imap.count("INBOX")).toBe(0);
  }, 30_000);

  it("quarantines an executable attachment, a message without From, one with two From and one that is no message, and goes on", async () => {
    warnings.length = 0;
    const exe = message({
      subject: "Faktura",
      attachment: {
        name: "faktura.pdf.exe",
        type: "application/octet-stream",
        content: Buffer.from("MZ\x90\x00fake"),
      },
    });
    const anonymous = message({ from: null, subject: "Uden afsender" });
    const forged = message({ extraFrom: "direktoer@kommune.example", subject: "To afsendere" });
    const good = message({ subject: "En rigtig klage" });
    for (const m of [exe, anonymous, forged]) await imap.append(m.raw);
    await imap.append("\u0001\u0002 this is no message at all\r\n");
    await imap.append(good.raw);
    const before = await caseCount();
    const inQuarantine = await imap.count("Klara/Quarantine");
    const toldBefore = (await notificationsFor(s.deps.db.kysely, s.org.people.coordinator.id)).filter(
      (n) => n.kind === "mail_quarantined",
    ).length;

    expect(await read()).toMatchObject({ cases: 1, quarantined: 4, failed: 0 });
    expect(await caseCount()).toBe(before + 1);
    expect(await caseOf(exe.id)).toMatchObject({ outcome: "quarantined", reason: "executable_attachment" });
    expect(await caseOf(anonymous.id)).toMatchObject({ outcome: "quarantined", reason: "no_sender" });
    expect(await caseOf(forged.id)).toMatchObject({ outcome: "quarantined", reason: "several_senders" });
    expect(await caseOf(good.id)).toMatchObject({ outcome: "new_case" });
    expect(await imap.count("Klara/Quarantine")).toBe(inQuarantine + 4);
    expect(await imap.count("INBOX")).toBe(0);

    // a clear log line per message, without an address or a subject
    expect(warnings.map((w) => (w as { reason?: string }).reason)).toEqual([
      "executable_attachment",
      "no_sender",
      "several_senders",
      "malformed",
    ]);
    expect(JSON.stringify(warnings)).not.toMatch(/@|Faktura|afsender/);
    const told = await notificationsFor(s.deps.db.kysely, s.org.people.coordinator.id);
    expect(told.filter((n) => n.kind === "mail_quarantined")).toHaveLength(toldBefore + 4);
  });
});
