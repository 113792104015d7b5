/**
 * Each organisation's mail settings (issue 8, API.md "Mail") against real servers, once per
 * dialect: two organisations with a complaint mailbox each (two Dovecots) get their own cases; a
 * wrong password for one does not stop the other, is recorded and told to its admins and
 * coordinator once, not on every read, and a read that works again clears it; the password is
 * sealed in the row and rotates with the key; letters of A go out From A's address with its
 * Reply-To (a real SMTP server), B's from KLARA_MAIL_FROM; bad input names the field; the
 * connection test says how far it got and never sends the stored password to another server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverMail } from "../../src/app/deliver-mail.js";
import { getMailSettings, setMailSettings, testMailboxConnection } from "../../src/app/mail-settings.js";
import { rotateKeys } from "../../src/app/national-id-keys.js";
import { readAllMailboxes, totalOf } from "../../src/app/read-mailboxes.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { mailFetch } from "../../src/cli/mail-fetch-command.js";
import { openDatabase } from "../../src/db/create-db.js";
import { mailboxCredentials } from "../../src/db/mail-settings.repository.js";
import { findInbound } from "../../src/db/mailbox.repository.js";
import { createKeyring } from "../../src/db/national-id-cipher.js";
import { notificationsFor } from "../../src/db/outbox.repository.js";
import { KlaraError } from "../../src/domain/errors.js";
import { startJobs } from "../../src/jobs/runner.js";
import { smtpSender } from "../../src/jobs/smtp-sender.js";
import { type SeededOrganisation, seedOrganisation } from "../support/fixtures.js";
import { imapUnavailable, PASSWORD, startImap, type TestImap, USER } from "../support/imap-server.js";
import { useSeededDb } from "../support/seeded-db.js";
import { startSmtp, type TestSmtp } from "../support/smtp.js";
import { DIALECTS } from "../support/test-db.js";

const unavailable = imapUnavailable();
const FALLBACK = '"Klara" <fallback@klara.example>';

const complaintMail = (id: string, subject: string) =>
  [
    'From: "Mette Mor" <mette@borger.example>',
    "To: klager@kommune.example",
    `Subject: ${subject}`,
    `Message-ID: ${id}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    "Jeg klager over skolen.",
    "",
  ].join("\r\n");

/** The invalid_input error's field paths. */
async function refusedFields(work: Promise<unknown>): Promise<string[]> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KlaraError);
  expect((error as KlaraError).code).toBe("invalid_input");
  return ((error as KlaraError).details.fieldErrors ?? []).map((f) => f.path);
}

describe.skipIf(unavailable !== null).each(DIALECTS)("the organisations' mail settings (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });
  let a: SeededOrganisation;
  let b: SeededOrganisation;
  let imapA: TestImap;
  let imapB: TestImap;
  let smtp: TestSmtp;
  const mailbox = (imap: TestImap, password = PASSWORD) => ({
    host: "127.0.0.1",
    port: imap.port,
    tls: false,
    user: USER,
    password,
  });
  const casesOf = async (organisationId: string) =>
    s.deps.db.kysely
      .selectFrom("cases")
      .select(["id", "subject"])
      .where("organisation_id", "=", organisationId)
      .execute();

  beforeAll(async () => {
    a = s.org;
    b = await seedOrganisation(s.deps, { country: "DK", procedureIdSuffix: "-b" });
    [imapA, imapB, smtp] = await Promise.all([startImap(), startImap(), startSmtp()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([imapA?.close(), imapB?.close(), smtp?.close()]);
  }, 60_000);

  it("refuses bad input naming the field, and only admins keep the settings", async () => {
    expect(
      await refusedFields(setMailSettings(s.deps, a.actors.admin, { senderAddress: "not an address" })),
    ).toEqual(["senderAddress"]);
    expect(
      await refusedFields(setMailSettings(s.deps, a.actors.admin, { senderName: "Aaby Kommune" })),
    ).toEqual(["senderAddress"]);
    expect(
      await refusedFields(
        setMailSettings(s.deps, a.actors.admin, {
          mailbox: { host: "imap .example", user: "", port: 70000 },
        }),
      ),
    ).toEqual(["mailbox.host", "mailbox.port", "mailbox.user"]);
    expect(
      await refusedFields(
        setMailSettings(s.deps, a.actors.admin, { mailbox: { host: "imap.example", user: "u" } }),
      ),
    ).toEqual(["mailbox.password"]);
    expect(
      await refusedFields(
        setMailSettings(s.deps, a.actors.admin, {
          mailbox: { ...mailbox(imapA), processedFolder: "INBOX", quarantineFolder: "Klara//Q" },
        }),
      ),
    ).toEqual(["mailbox.quarantineFolder"]);
    await expect(
      setMailSettings(s.deps, a.actors.coordinator, { senderAddress: "x@a.example" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect(await getMailSettings(s.deps, a.actors.admin)).toMatchObject({
      senderAddress: null,
      mailbox: null,
    });
  }, 60_000);

  it("stores the password sealed, never answers it, and says which fields changed", async () => {
    const changed = await setMailSettings(s.deps, a.actors.admin, {
      senderName: "Aaby Kommune",
      senderAddress: "klage@aaby.example",
      replyTo: "svar@aaby.example",
      mailbox: mailbox(imapA),
    });
    expect(changed.changed).toEqual(["senderName", "senderAddress", "replyTo", "mailbox"]);
    expect(changed.settings.mailbox).toEqual({
      host: "127.0.0.1",
      port: imapA.port,
      tls: false,
      user: USER,
      folder: "INBOX",
      processedFolder: "Klara/Processed",
      quarantineFolder: "Klara/Quarantine",
      passwordSet: true,
    });
    expect(JSON.stringify(changed)).not.toContain(PASSWORD);
    const row = await s.deps.db.kysely
      .selectFrom("mail_settings")
      .selectAll()
      .where("organisation_id", "=", a.organisation.id)
      .executeTakeFirstOrThrow();
    expect(row.imap_password).toMatch(/^klara:v1:/);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect((await mailboxCredentials(s.deps.db.kysely, a.organisation.id))?.password).toBe(PASSWORD);

    // a form sent again without the password keeps it
    const again = await setMailSettings(s.deps, a.actors.admin, {
      mailbox: { ...mailbox(imapA), password: "" },
    });
    expect(again.changed).toEqual([]);
    expect(again.settings.mailbox?.passwordSet).toBe(true);
  }, 60_000);

  it("reads each organisation's own mailbox into its own cases; a wrong password stops only that one, told once", async () => {
    await setMailSettings(s.deps, b.actors.admin, { mailbox: mailbox(imapB, "wrong-password") });
    await imapA.append(complaintMail("<a-1@borger.example>", "Klage til A"));
    await imapB.append(complaintMail("<b-1@borger.example>", "Klage til B"));

    const first = await readAllMailboxes(s.deps, {});
    expect(first.map((r) => [r.organisationId, r.source, r.failure ?? null]).sort()).toEqual(
      [
        [a.organisation.id, "admin", null],
        [b.organisation.id, "admin", "auth_failed"],
      ].sort(),
    );
    expect(totalOf(first).cases).toBe(1);
    expect((await casesOf(a.organisation.id)).map((c) => c.subject)).toEqual(["Klage til A"]);
    expect(await casesOf(b.organisation.id)).toEqual([]);
    expect(await imapB.count("INBOX")).toBe(1);

    // B's admin and coordinator are told, once; A's people are not
    const told = async (org: SeededOrganisation) =>
      (await notificationsFor(s.deps.db.kysely, org.people.admin.id)).filter(
        (n) => n.kind === "mailbox_failed",
      ).length +
      (await notificationsFor(s.deps.db.kysely, org.people.coordinator.id)).filter(
        (n) => n.kind === "mailbox_failed",
      ).length;
    expect(await told(b)).toBe(2);
    expect(await told(a)).toBe(0);
    expect((await getMailSettings(s.deps, b.actors.admin)).mailboxFailure).toMatchObject({
      reason: "auth_failed",
    });
    const second = await readAllMailboxes(s.deps, {});
    expect(second.find((r) => r.organisationId === b.organisation.id)).toMatchObject({
      failure: "auth_failed",
    });
    expect(second.find((r) => r.organisationId === b.organisation.id)?.began).toBeUndefined();
    expect(await told(b)).toBe(2);

    // fixed: B's complaint becomes B's case, and the failure is cleared
    await setMailSettings(s.deps, b.actors.admin, { mailbox: mailbox(imapB) });
    const third = await readAllMailboxes(s.deps, {});
    expect(third.every((r) => !r.failure)).toBe(true);
    expect((await casesOf(b.organisation.id)).map((c) => c.subject)).toEqual(["Klage til B"]);
    expect((await findInbound(s.deps.db.kysely, b.organisation.id, "<b-1@borger.example>"))?.outcome).toBe(
      "new_case",
    );
    expect(await findInbound(s.deps.db.kysely, a.organisation.id, "<b-1@borger.example>")).toBeNull();
    expect((await getMailSettings(s.deps, b.actors.admin)).mailboxFailure).toBeNull();
    expect(await imapA.count("Klara/Processed")).toBe(1);
    expect(await imapB.count("Klara/Processed")).toBe(1);
  }, 60_000);

  it("serve's job reads every mailbox, one failing on its own, and logs no secret", async () => {
    await setMailSettings(s.deps, b.actors.admin, { mailbox: mailbox(imapB, "wrong-again") });
    await imapA.append(complaintMail("<a-2@borger.example>", "Anden klage til A"));
    const lines: object[] = [];
    const log = { info: (d: object) => lines.push(d), error: (d: object) => lines.push(d) };
    const jobs = startJobs(s.deps, { intervalMs: 3_600_000, log, mail: {} });
    await jobs.stop();
    expect(await casesOf(a.organisation.id)).toHaveLength(2);
    expect(lines).toContainEqual(expect.objectContaining({ job: "mailbox", cases: 1 }));
    expect(lines).toContainEqual(
      expect.objectContaining({ job: "mailbox", organisation: b.organisation.id, failure: "auth_failed" }),
    );
    expect(JSON.stringify(lines)).not.toContain("wrong-again");
    expect(JSON.stringify(lines)).not.toContain(PASSWORD);
    await setMailSettings(s.deps, b.actors.admin, { mailbox: mailbox(imapB) });
  }, 60_000);

  it("sends A's letters From A's address with its Reply-To, and B's from KLARA_MAIL_FROM", async () => {
    for (const [org, name] of [
      [a, "Karen A"],
      [b, "Bent B"],
    ] as const) {
      const { receipt } = await submitComplaint(s.deps, {
        procedure: org.procedureIds["dk-school"]!,
        unit: "SKOLE-A",
        subject: "Mobning",
        description: "Min søn bliver mobbet.",
        category: "school_conduct",
        complainant: { name, email: `${name.split(" ")[0]!.toLowerCase()}@borger.example`, anonymous: false },
      });
      // the acknowledgement is a letter to the complainant
      await runCaseCommand(s.deps, org.actors.receiver, receipt.id, "acknowledge", {});
    }
    const sender = smtpSender(smtp.url);
    try {
      const result = await deliverMail(s.deps, { sender, from: FALLBACK });
      expect(result.sent).toBeGreaterThan(0);
    } finally {
      sender.close();
    }
    // each message's organisation by its outbox row (Message-ID <outbox-ROWID@domain>)
    const orgOf = new Map(
      (await s.deps.db.kysely.selectFrom("outbox").select(["id", "organisation_id"]).execute()).map((r) => [
        r.id,
        r.organisation_id,
      ]),
    );
    const rowOf = (m: (typeof smtp.received)[number]) =>
      /^<outbox-(.+)@[^@>]+>$/.exec(m.messageId ?? "")?.[1] ?? "";
    const toA = smtp.received.filter((m) => orgOf.get(rowOf(m)) === a.organisation.id);
    const toB = smtp.received.filter((m) => orgOf.get(rowOf(m)) === b.organisation.id);
    expect(toA.length).toBeGreaterThan(0);
    expect(toB.length).toBeGreaterThan(0);
    expect(toA.length + toB.length).toBe(smtp.received.length);
    expect(toA.some((m) => JSON.stringify(m.to).includes("karen@borger.example"))).toBe(true);
    for (const m of toA) {
      expect(m.from?.value).toEqual([{ name: "Aaby Kommune", address: "klage@aaby.example" }]);
      expect(m.replyTo?.value).toEqual([{ name: "", address: "svar@aaby.example" }]);
      expect(m.messageId).toMatch(/^<outbox-.+@aaby\.example>$/);
    }
    for (const m of toB) {
      expect(m.from?.value).toEqual([{ name: "Klara", address: "fallback@klara.example" }]);
      expect(m.replyTo).toBeUndefined();
    }
  }, 60_000);

  it("tests a connection in plain outcomes, and never sends the stored password to another server", async () => {
    await imapA.append(complaintMail("<a-3@borger.example>", "Venter"));
    expect(await testMailboxConnection(s.deps, a.actors.admin)).toEqual({
      outcome: "connected",
      messages: 1,
    });
    // the form's values with the stored password (same server and user)
    expect(
      await testMailboxConnection(s.deps, a.actors.admin, { ...mailbox(imapA), password: "" }),
    ).toMatchObject({
      outcome: "connected",
    });
    expect(await testMailboxConnection(s.deps, a.actors.admin, mailbox(imapA, "nope"))).toEqual({
      outcome: "auth_failed",
    });
    expect(
      await testMailboxConnection(s.deps, a.actors.admin, { ...mailbox(imapA), folder: "Nowhere" }),
    ).toEqual({ outcome: "folder_missing" });
    const closed = (await import("node:net")).createServer();
    const port = await new Promise<number>((r) =>
      closed.listen(0, "127.0.0.1", () => r((closed.address() as { port: number }).port)),
    );
    await new Promise((r) => closed.close(r));
    expect(await testMailboxConnection(s.deps, a.actors.admin, { ...mailbox(imapA), port })).toEqual({
      outcome: "connect_failed",
    });
    // another server, no password given: the stored one is not used
    expect(
      await refusedFields(
        testMailboxConnection(s.deps, a.actors.admin, { ...mailbox(imapA), host: "localhost", password: "" }),
      ),
    ).toEqual(["mailbox.password"]);
  }, 60_000);

  it("klara mail fetch reads every mailbox, or one organisation's, and names the one it could not read", async () => {
    await setMailSettings(s.deps, b.actors.admin, { mailbox: mailbox(imapB, "wrong-for-cli") });
    await imapA.append(complaintMail("<a-4@borger.example>", "Klage via CLI"));
    const io = () => {
      const lines = { out: [] as string[], err: [] as string[] };
      return { lines, io: { out: (l: string) => lines.out.push(l), err: (l: string) => lines.err.push(l) } };
    };
    const all = io();
    expect(await mailFetch(s.deps, {}, all.io)).toBe(1);
    expect(all.lines.err).toEqual([
      `klara: the complaint mailbox of organisation ${b.organisation.id} (admin pages) was not read (auth failed).`,
    ]);
    expect(all.lines.out[0]).toMatch(/^Mailbox read: 2 new cases, /);
    expect(JSON.stringify(all.lines)).not.toContain("wrong-for-cli");
    const onlyA = io();
    expect(await mailFetch(s.deps, {}, onlyA.io, a.organisation.id)).toBe(0);
    expect(onlyA.lines.err).toEqual([]);
    await setMailSettings(s.deps, b.actors.admin, { mailbox: mailbox(imapB) });
  }, 60_000);

  it("seals the password again when the key rotates", async () => {
    const newKey = Buffer.alloc(32, 7);
    const both = openDatabase(s.t.target, {
      keyring: createKeyring([newKey, ...s.t.db.keyring.keys.values()]),
    });
    try {
      const r = await rotateKeys({ ...s.deps, db: both });
      expect(r.mailboxPasswords).toBe(2);
      expect((await mailboxCredentials(both.kysely, a.organisation.id))?.password).toBe(PASSWORD);
    } finally {
      await both.destroy();
    }
  }, 60_000);
});
