/**
 * Letters rendered when the case changes and delivered through the outbox to a real SMTP server in
 * the test process, once per dialect: the acknowledgement and the reply arrive with their headers
 * and Danish text; a refusal is retried once, never sent twice; two deliverers send one message;
 * a phone-only complainant's letter is for print; an anonymous complainant gets nothing; the last
 * failed attempt marks the case and tells the coordinator; without SMTP letters are captured.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase, journalOf } from "../../src/db/case.repository.js";
import { capturedLetters, notificationsFor, outboxFor } from "../../src/db/outbox.repository.js";
import { startJobs } from "../../src/jobs/runner.js";
import { smtpSender } from "../../src/jobs/smtp-sender.js";
import { actorOf } from "../support/fixtures.js";
import { schoolComplaint, useSeededDb } from "../support/seeded-db.js";
import { startSmtp, type TestSmtp } from "../support/smtp.js";
import { DIALECTS } from "../support/test-db.js";

const START = "2026-03-02T09:00:00.000Z"; // Monday 2 March 2026, 10:00 Copenhagen
const FROM = '"Test Kommune" <klager@kommune.example>';

describe.each(DIALECTS)("letters and mail delivery (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.close();
  });
  beforeEach(async () => {
    // every test starts with an empty outbox and an SMTP server that accepts at once
    await s.deps.db.kysely
      .updateTable("outbox")
      .set({ state: "sent" })
      .where("state", "=", "queued")
      .execute();
    smtp.received.length = 0;
    smtp.refuseNext(0);
    smtp.refuseAll(false);
    smtp.delay(0);
  });

  const deliver = (options: Partial<Parameters<typeof deliverMail>[1]> = {}) => {
    const sender = smtpSender(smtp.url);
    return deliverMail(s.deps, { sender, from: FROM, ...options }).finally(() => sender.close());
  };

  async function acknowledged(patch: Partial<SubmitComplaintBody> = {}) {
    const { receipt } = await submitComplaint(s.deps, schoolComplaint(patch));
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "acknowledge", {});
    return receipt;
  }

  it("sends the acknowledgement rendered in Danish with the reference, Message-ID and X-Klara-Reference", async () => {
    const receipt = await acknowledged();
    const [row] = await outboxFor(s.deps.db.kysely, receipt.id);
    expect(row).toMatchObject({ state: "queued", channel: "email", language: "da" });
    expect(row!.recipientAddress).toBe("mette@example.dk");

    expect(await deliver()).toEqual({ sent: 1, captured: 0, retried: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.headers.get("x-klara-reference")).toBe(receipt.reference);
    expect(mail.messageId).toBe(`<outbox-${row!.id}@kommune.example>`);
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("mette@example.dk");
    expect(mail.from?.text).toContain("klager@kommune.example");
    expect(mail.subject).toBe(`Vi har modtaget din klage (${receipt.reference})`);
    // the seed's text for dk-school, with the dates in words
    expect(mail.text).toContain("Kære Mette Mor");
    expect(mail.text).toContain(
      `Skoleafdelingen har den 2. marts 2026 modtaget din klage. Den er oprettet som sag ${receipt.reference}.`,
    );
    expect(mail.text).not.toContain("{{");

    const [sent] = await outboxFor(s.deps.db.kysely, receipt.id);
    expect(sent).toMatchObject({ state: "sent", attempts: 1, lastError: null });
    expect(sent!.sentAt).not.toBeNull();
    // the journal holds the letter's exact content, the tracking link's token cut out (decision 0025)
    const record = (await journalOf(s.deps.db.kysely, receipt.id)).find((e) => e.kind === "letter_queued")!;
    expect(record.body).toContain(`Subject: ${mail.subject}`);
    expect(row!.body).toContain(`/complaints/status/${receipt.trackingToken}`);
    expect(record.body).toContain(
      row!.body!.replace(`/complaints/status/${receipt.trackingToken}`, "/complaints/status/…"),
    );
    expect(mail.text!.trim()).toBe(row!.body);

    // delivered once: a second run sends nothing
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it("retries after a 451 with backoff and delivers the letter exactly once", async () => {
    const receipt = await acknowledged();
    smtp.refuseNext(1);
    expect(await deliver()).toMatchObject({ sent: 0, retried: 1 });
    const [waiting] = await outboxFor(s.deps.db.kysely, receipt.id);
    expect(waiting).toMatchObject({ state: "queued", attempts: 1 });
    expect(waiting!.lastError).toContain("451");
    // not due before the backoff has passed
    expect(await deliver()).toMatchObject({ sent: 0, retried: 0 });
    s.deps.clock.advance({ seconds: 61 });
    expect(await deliver()).toMatchObject({ sent: 1 });
    s.deps.clock.advance({ minutes: 10 });
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.headers.get("x-klara-reference")).toBe(receipt.reference);
    expect((await outboxFor(s.deps.db.kysely, receipt.id))[0]).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("of two deliverers at once, one sends the letter", async () => {
    await acknowledged();
    smtp.delay(150);
    const [a, b] = await Promise.all([deliver({ claimant: "a" }), deliver({ claimant: "b" })]);
    expect(a.sent + b.sent).toBe(1);
    expect(smtp.received).toHaveLength(1);
  });

  it("a complainant with only a phone number gets a letter for print, and no e-mail", async () => {
    const receipt = await acknowledged({
      complainant: { name: "Per Telefon", phone: "+45 12 34 56 78", anonymous: false },
    });
    const [row] = await outboxFor(s.deps.db.kysely, receipt.id);
    expect(row).toMatchObject({ state: "for_print", channel: "print", recipientAddress: "+45 12 34 56 78" });
    expect(row!.body).toContain("Kære Per Telefon");
    expect(await deliver()).toMatchObject({ sent: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it("sends the reply with the outcome, the measures and guidance on complaining further", async () => {
    const receipt = await acknowledged();
    const id = receipt.id;
    await runCaseCommand(s.deps, s.org.actors.receiver, id, "assign", {});
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "record-contact", {
      channel: "phone",
      at: "2026-03-02T08:30:00.000Z",
      note: "Talked with the mother",
    });
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "submit-draft", {
      body: "Vi har talt med klassen og lærerne.",
    });
    await runCaseCommand(s.deps, s.org.actors.approver, id, "approve", {});
    await runCaseCommand(s.deps, s.org.actors.leaderA, id, "send-reply", {
      outcome: "partly_upheld",
      measures: "En ekstra voksen i frikvartererne",
    });
    await deliver();
    const subjects = smtp.received.map((m) => m.subject);
    expect(subjects).toContain(`Svar på din klage (${receipt.reference})`);
    // the seed's note to the school leader who handles it (letter to staff)
    expect(subjects).toContain(`Du er sagsbehandler på klagesag ${receipt.reference}`);
    const toLeader = smtp.received.find((m) => m.subject?.startsWith("Du er sagsbehandler"))!;
    expect(toLeader.text).toContain(`Kære ${s.org.people.leaderA.name}`);
    expect(toLeader.text).toContain("Da det er dig, der har det ledelsesmæssige ansvar");
    const reply = smtp.received.find((m) => m.subject?.startsWith("Svar på"))!;
    expect(reply.text).toContain("Vi har talt med klassen og lærerne.");
    expect(reply.text).toContain("Resultat: Klagen får delvist medhold.");
    expect(reply.text).toContain("Vi gør følgende: En ekstra voksen i frikvartererne");
    expect(reply.text).toContain("Folketingets Ombudsmand");
    expect(reply.headers.get("x-klara-reference")).toBe(receipt.reference);
    const notice = smtp.received.find((m) => m.subject?.startsWith("Hvem behandler"))!;
    expect(notice.text).toContain(`skoleleder ${s.org.people.leaderA.name}`);
  });

  it("a representative with a received power of attorney gets the letters", async () => {
    const { receipt } = await submitComplaint(
      s.deps,
      schoolComplaint({
        representative: { name: "Advokat Ane", email: "ane@advokat.example" },
      } as Partial<SubmitComplaintBody>),
    );
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "record-power-of-attorney", {});
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "acknowledge", {});
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("ane@advokat.example");
    expect(mail.text).toContain(receipt.reference);
  });

  it("after the last failed attempt the letter is marked failed, the journal says so and the coordinator is told", async () => {
    const receipt = await acknowledged();
    smtp.refuseAll(true);
    expect(await deliver({ maxAttempts: 2 })).toMatchObject({ retried: 1 });
    s.deps.clock.advance({ minutes: 2 });
    expect(await deliver({ maxAttempts: 2 })).toMatchObject({ failed: 1 });
    expect((await outboxFor(s.deps.db.kysely, receipt.id))[0]).toMatchObject({
      state: "failed",
      attempts: 2,
    });
    const journal = await journalOf(s.deps.db.kysely, receipt.id);
    expect(journal.at(-1)).toMatchObject({ kind: "letter_failed", title: "Letter not delivered" });
    const notes = await notificationsFor(s.deps.db.kysely, s.org.people.coordinator.id);
    expect(notes.find((n) => n.caseId === receipt.id)).toMatchObject({ kind: "letter_failed" });
    expect(smtp.received).toHaveLength(0);
  });

  it("the server's job delivers what is due on each tick", async () => {
    const receipt = await acknowledged();
    const jobs = startJobs(s.deps, { intervalMs: 3_600_000, mail: { smtpUrl: smtp.url, mailFrom: FROM } });
    await jobs.runOnce();
    await jobs.stop();
    expect(smtp.received.map((m) => m.headers.get("x-klara-reference"))).toEqual([receipt.reference]);
    expect((await outboxFor(s.deps.db.kysely, receipt.id))[0]).toMatchObject({ state: "sent" });
  });

  it("without SMTP the letters are captured for admins, not sent", async () => {
    const receipt = await acknowledged();
    expect(await deliverMail(s.deps, { sender: null })).toMatchObject({ captured: 1, sent: 0 });
    const captured = await capturedLetters(s.deps.db.kysely, s.org.organisation.id);
    expect(captured.find((l) => l.caseId === receipt.id)?.body).toContain(receipt.reference);
    expect(smtp.received).toHaveLength(0);
  });
});

describe.each(DIALECTS)("Norwegian letters and anonymous complainants (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "NO" }, START);

  it("an anonymous complainant gets no letter at all", async () => {
    const { receipt } = await submitComplaint(s.deps, {
      procedure: s.org.procedureIds["no-workplace"]!,
      complainant: { anonymous: true },
      subject: "Trakassering",
      description: "Det skjer hver uke på lageret.",
    } as SubmitComplaintBody);
    // confidential from the start (no-workplace): the handler routing named acknowledges it
    const handlerId = (await findCase(s.deps.db.kysely, receipt.id))!.handlers[0]!.personId;
    const handler = Object.values(s.org.people).find((p) => p.id === handlerId)!;
    const done = await runCaseCommand(s.deps, actorOf(handler), receipt.id, "acknowledge", {});
    expect(done.acknowledgedAt).not.toBeNull();
    expect(await outboxFor(s.deps.db.kysely, receipt.id)).toEqual([]);
    expect((await journalOf(s.deps.db.kysely, receipt.id)).filter((e) => e.kind === "letter_queued")).toEqual(
      [],
    );
  });

  it("a delay in a Norwegian procedure sends the foreløpig svar in bokmål", async () => {
    const { receipt } = await submitComplaint(s.deps, {
      procedure: s.org.procedureIds["no-workplace"]!,
      complainant: { name: "Kari Nordmann", email: "kari@example.no", anonymous: false },
      subject: "Vaktlister",
      description: "Vaktlistene kommer for sent hver måned.",
    } as SubmitComplaintBody);
    const handlerId = (await findCase(s.deps.db.kysely, receipt.id))!.handlers[0]!.personId;
    const handler = actorOf(Object.values(s.org.people).find((p) => p.id === handlerId)!);
    await runCaseCommand(s.deps, handler, receipt.id, "notify-delay", {
      reason: "vi venter på en uttalelse fra lageret",
      newDueDate: "2026-04-30",
    });
    const letters = await outboxFor(s.deps.db.kysely, receipt.id);
    const preliminary = letters.find(
      (l) => (l.payload as { template: string }).template === "preliminary_reply",
    )!;
    expect(preliminary).toMatchObject({
      state: "queued",
      language: "nb",
      recipientAddress: "kari@example.no",
    });
    expect(preliminary.subject).toBe(`Foreløpig svar på klagen din (${receipt.reference})`);
    expect(preliminary.body).toContain("Kjære Kari Nordmann");
    expect(preliminary.body).toContain("fordi vi venter på en uttalelse fra lageret");
    expect(preliminary.body).toContain("senest 30. april 2026");
  });
});
