/**
 * Bounces (decision 0021), once per dialect: a real Postfix delivery status notification put into
 * the real Dovecot mailbox marks our letter bounced with the reason, the case's journal and letters
 * show it, the coordinator is told and no case is made; a qmail "failure notice" is matched by
 * X-Klara-Reference and the recipient; a bounce of nothing we sent is quarantined with a log line
 * without personal data; a delay report changes nothing. An SMTP server (smtp-server) refusing a
 * recipient with 550 bounces the letter at once, with no retry.
 */
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterBounced } from "../../src/app/bounces.js";
import { inTransaction } from "../../src/app/context.js";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { readMailbox } from "../../src/app/read-mailbox.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { journalOf } from "../../src/db/case.repository.js";
import { findInbound } from "../../src/db/mailbox.repository.js";
import { findOrganisation } from "../../src/db/organisation.repository.js";
import { notificationsFor, outboxFor } from "../../src/db/outbox.repository.js";
import { readBounce } from "../../src/domain/bounce.js";
import { smtpSender } from "../../src/jobs/smtp-sender.js";
import { translator } from "../../src/web/i18n/messages.js";
import { lettersOnCase } from "../../src/web/letters-text.js";
import { useDemoWeb } from "../support/demo-web.js";
import { imapUnavailable, startImap, type TestImap } from "../support/imap-server.js";
import { schoolComplaint, useSeededDb } from "../support/seeded-db.js";
import { startSmtp, type TestSmtp } from "../support/smtp.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z";
const FROM = '"Test Kommune" <klager@kommune.example>';
const unavailable = imapUnavailable();
const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name), "utf8");

function filled(name: string, v: { messageId?: string; reference: string; recipient: string }): string {
  return fixture(name)
    .replaceAll("{{MESSAGE_ID}}", v.messageId ?? "")
    .replaceAll("{{REFERENCE}}", v.reference)
    .replaceAll("{{RECIPIENT}}", v.recipient)
    .replace(/\r?\n/g, "\r\n");
}

const complaint = (email: string) =>
  schoolComplaint({ complainant: { name: "Mette Mor", email, anonymous: false } });

describe("reading a bounce (pure)", () => {
  it("reads the Postfix DSN: our Message-ID, the reference, the recipient, the status and the diagnostic", () => {
    const raw = filled("postfix-bounce.eml", {
      messageId: "<outbox-abc-123@kommune.example>",
      reference: "KLA-2026-000007",
      recipient: "mette@example.dk",
    });
    const r = readBounce({ raw, parts: [], from: "MAILER-DAEMON@mail.kommune.example", subject: "x" });
    expect(r).toMatchObject({
      kind: "bounce",
      outboxIds: ["abc-123"],
      reference: "KLA-2026-000007",
      recipient: "mette@example.dk",
      status: "5.1.1",
    });
    if (r.kind !== "bounce") throw new Error("not a bounce");
    expect(r.reason).toBe(
      "5.1.1 550 5.1.1 <mette@example.dk>: Recipient address rejected: User unknown in virtual mailbox table",
    );
  });

  it("reads qmail's failure notice by its sender and subject; a delay report is no failure; a complaint is no bounce", () => {
    const qmail = filled("qmail-bounce.eml", { reference: "KLA-2026-000008", recipient: "ole@example.dk" });
    expect(
      readBounce({ raw: qmail, parts: [], from: "MAILER-DAEMON@mx.example.net", subject: "failure notice" }),
    ).toMatchObject({
      kind: "bounce",
      outboxIds: [],
      reference: "KLA-2026-000008",
      recipient: "ole@example.dk",
      status: "5.1.1",
      reason: "5.1.1 Sorry, no mailbox here by that name. (#5.1.1)",
    });
    const delayed = filled("postfix-bounce.eml", { reference: "KLA-2026-000009", recipient: "a@example.dk" })
      .replace("Action: failed", "Action: delayed")
      .replace("Status: 5.1.1", "Status: 4.4.1");
    expect(readBounce({ raw: delayed, parts: [], from: "MAILER-DAEMON@x.example", subject: "x" })).toEqual({
      kind: "report",
      action: "delayed",
    });
    // a citizen's complaint that quotes a refusal is no bounce: neither a report nor a mail daemon's
    const complaintText = "From: a@b.example\r\nSubject: Klage\r\n\r\n550 5.1.1 User unknown\r\n";
    expect(
      readBounce({ raw: complaintText, parts: [], from: "a@b.example", subject: "Undelivered?" }),
    ).toEqual({
      kind: "none",
    });
  });
});

describe.skipIf(unavailable !== null).each(DIALECTS)("bounces in the complaint mailbox (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  let imap: TestImap;
  let smtp: TestSmtp;
  const warnings: object[] = [];
  const log = {
    info: () => {},
    warn: (d: object) => warnings.push(d),
    error: (d: object) => warnings.push(d),
  };
  const read = () => readMailbox(s.deps, { url: imap.url, log });
  const count = async (table: "cases" | "notifications") =>
    Number(
      (
        await s.deps.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  /** A complaint acknowledged by e-mail and the acknowledgement delivered over SMTP. */
  async function sentLetter(email: string) {
    const { receipt } = await submitComplaint(s.deps, complaint(email));
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "acknowledge", {});
    const sender = smtpSender(smtp.url);
    await deliverMail(s.deps, { sender, from: FROM }).finally(() => sender.close());
    const [row] = (await outboxFor(s.deps.db.kysely, receipt.id)).filter((l) => l.recipientAddress === email);
    expect(row).toMatchObject({ state: "sent" });
    return { caseId: receipt.id, reference: receipt.reference, row: row! };
  }

  beforeAll(async () => {
    imap = await startImap();
    smtp = await startSmtp();
  }, 30_000);
  afterAll(async () => {
    await smtp?.close();
    await imap?.close();
  });

  it("a Postfix DSN marks the letter bounced with the reason; the case shows it, the coordinator is told, no case is made", async () => {
    const sent = await sentLetter("mette@example.dk");
    const messageId = smtp.received.find((m) => m.messageId?.includes(sent.row.id))?.messageId;
    expect(messageId).toBe(`<outbox-${sent.row.id}@kommune.example>`);
    const cases = await count("cases");
    const dsn = filled("postfix-bounce.eml", {
      messageId: messageId!,
      reference: sent.reference,
      recipient: "mette@example.dk",
    });
    await imap.append(dsn);

    expect(await read()).toMatchObject({ cases: 0, replies: 0, quarantined: 0, bounces: 1, failed: 0 });
    expect(await count("cases")).toBe(cases);
    expect(await imap.count("INBOX")).toBe(0);
    expect(await imap.count("Klara/Processed")).toBe(1);

    const [row] = await outboxFor(s.deps.db.kysely, sent.caseId);
    expect(row).toMatchObject({ id: sent.row.id, state: "bounced" });
    expect(row!.lastError).toBe(
      "5.1.1 550 5.1.1 <mette@example.dk>: Recipient address rejected: User unknown in virtual mailbox table",
    );
    const entry = (await journalOf(s.deps.db.kysely, sent.caseId)).find((e) => e.title === "Letter bounced");
    expect(entry?.kind).toBe("letter_failed");
    expect(entry?.body).toContain("To: Mette Mor <mette@example.dk>");
    expect(entry?.body).toContain("Reason: 5.1.1 550 5.1.1");

    // the case page's list of letters: "bounced" with the reason
    const [shown] = lettersOnCase([row!], translator("en"), (s) => s);
    expect(shown).toMatchObject({
      to: "Mette Mor, mette@example.dk",
      state: "bounced (the address refused it)",
    });
    expect(shown!.error).toContain("User unknown");

    const told = await notificationsFor(s.deps.db.kysely, s.org.people.coordinator.id);
    expect(told[0]).toMatchObject({ kind: "letter_failed", caseId: sent.caseId });
    expect(told[0]!.message).toContain(`on ${sent.reference} bounced: 5.1.1`);
    // recorded under the bounce's own Message-ID, with the case it concerned
    expect(
      await findInbound(
        s.deps.db.kysely,
        s.org.organisation.id,
        "<20260302090512.4F1C21A0B2C@mail.kommune.example>",
      ),
    ).toMatchObject({ outcome: "bounce", caseId: sent.caseId, reason: "5.1.1" });

    // the same report read again (e.g. from another folder copy): recognised, nothing new
    const notices = await count("notifications");
    await imap.append(dsn);
    expect(await read()).toMatchObject({ duplicates: 1, bounces: 0, cases: 0 });
    expect(await count("notifications")).toBe(notices);
    expect(
      (await journalOf(s.deps.db.kysely, sent.caseId)).filter((e) => e.title === "Letter bounced"),
    ).toHaveLength(1);
  });

  it("a non-standard bounce (qmail) is matched by X-Klara-Reference and the recipient", async () => {
    const sent = await sentLetter("ole@example.dk");
    await imap.append(filled("qmail-bounce.eml", { reference: sent.reference, recipient: "Ole@Example.dk" }));
    expect(await read()).toMatchObject({ cases: 0, bounces: 1, quarantined: 0 });
    const [row] = await outboxFor(s.deps.db.kysely, sent.caseId);
    expect(row).toMatchObject({
      state: "bounced",
      lastError: "5.1.1 Sorry, no mailbox here by that name. (#5.1.1)",
    });
  });

  it("a bounce of a letter we never sent is quarantined with a log line that names no one; a delay report changes nothing", async () => {
    warnings.length = 0;
    const cases = await count("cases");
    const notices = await count("notifications");
    await imap.append(
      filled("postfix-bounce.eml", {
        messageId: "<outbox-00000000-0000-0000-0000-000000000000@kommune.example>",
        reference: "KLA-2026-999999",
        recipient: "nobody@example.dk",
      }).replace("4F1C21A0B2C@mail", "unknown1@mail"),
    );
    expect(await read()).toMatchObject({ quarantined: 1, bounces: 0, cases: 0 });
    expect(await imap.count("Klara/Quarantine")).toBe(1);
    expect(warnings).toEqual([{ job: "mailbox", uid: expect.any(Number), reason: "unknown_bounce" }]);
    expect(JSON.stringify(warnings)).not.toContain("nobody");
    expect(await count("cases")).toBe(cases);
    // backscatter tells no one
    expect(await count("notifications")).toBe(notices);

    const sent = await sentLetter("per@example.dk");
    await imap.append(
      filled("postfix-bounce.eml", {
        messageId: `<outbox-${sent.row.id}@kommune.example>`,
        reference: sent.reference,
        recipient: "per@example.dk",
      })
        .replace("4F1C21A0B2C@mail", "delayed1@mail")
        .replace("Action: failed", "Action: delayed")
        .replace("Status: 5.1.1", "Status: 4.4.1"),
    );
    expect(await read()).toMatchObject({ bounces: 1, quarantined: 0, cases: 0 });
    const [row] = await outboxFor(s.deps.db.kysely, sent.caseId);
    expect(row).toMatchObject({ state: "sent", lastError: null });
  });
});

describe.each(DIALECTS)("an SMTP server's permanent refusal (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  let server: SMTPServer;
  let url: string;
  const accepted: string[] = [];
  let rcptTries = 0;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith("gone@")) {
          rcptTries += 1;
          callback(Object.assign(new Error("5.1.1 Mailbox unavailable"), { responseCode: 550 }));
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => {
          accepted.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it("550 marks the letter bounced at once: no retry, the case's journal says so, the coordinator is told", async () => {
    const { receipt } = await submitComplaint(s.deps, complaint("gone@example.dk"));
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "acknowledge", {});
    const deliver = () => {
      const sender = smtpSender(url);
      return deliverMail(s.deps, { sender, from: FROM }).finally(() => sender.close());
    };
    // (staff notices of the new case go out beside it)
    expect(await deliver()).toMatchObject({ retried: 0, failed: 1 });
    const [row] = await outboxFor(s.deps.db.kysely, receipt.id);
    expect(row).toMatchObject({ state: "bounced", attempts: 1, nextAttemptAt: null });
    expect(row!.lastError).toContain("550");
    expect(row!.lastError).toContain("Mailbox unavailable");
    expect(rcptTries).toBe(1);

    // much later: nothing is due, nothing is tried again
    s.deps.clock.advance({ hours: 2 });
    expect(await deliver()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    expect(rcptTries).toBe(1);
    expect(accepted).not.toContain("gone@example.dk");

    const journal = await journalOf(s.deps.db.kysely, receipt.id);
    expect(journal.filter((e) => e.title === "Letter bounced")).toHaveLength(1);
    const told = await notificationsFor(s.deps.db.kysely, s.org.people.coordinator.id);
    expect(told.find((n) => n.caseId === receipt.id)).toMatchObject({ kind: "letter_failed" });
  });
});

describe.each(DIALECTS)("a bounced letter on the case page (%s)", (dialect) => {
  const demo = useDemoWeb(dialect);

  it("says the letter to the address bounced, with the reason", async () => {
    const row = await demo.t.db.kysely
      .selectFrom("outbox")
      .innerJoin("cases", "cases.id", "outbox.case_id")
      .select(["outbox.id", "outbox.case_id", "cases.organisation_id", "outbox.recipient_address"])
      .where("outbox.channel", "=", "email")
      .where("outbox.kind", "=", "letter")
      .where("cases.reference", "like", "KLA-%")
      .orderBy("outbox.created_at")
      .executeTakeFirstOrThrow();
    const org = await findOrganisation(demo.t.db.kysely, row.organisation_id);
    await inTransaction(demo.deps, (tx) =>
      letterBounced(demo.deps, tx, org!, row.id, "5.1.1 550 User unknown", { claimant: null }),
    );
    const client = await demo.signedIn("koordinator@kommune.example");
    const page = await client.get(`/cases/${row.case_id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      `${row.recipient_address}: <strong>kom retur (adressen afviste det)</strong> (5.1.1 550 User unknown)`,
    );
    // the journal entry with the reason
    expect(page.body).toContain("Reason: 5.1.1 550 User unknown");
  });
});
