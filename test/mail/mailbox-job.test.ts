/**
 * `klara serve`'s jobs read the complaint mailbox when KLARA_IMAP_URL is set (against Dovecot, on
 * both databases): a complaint in the mailbox is a case after one tick, the run logged by counts
 * only; without the URL the mailbox is left alone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findInbound } from "../../src/db/mailbox.repository.js";
import { startJobs } from "../../src/jobs/runner.js";
import { imapUnavailable, startImap, type TestImap } from "../support/imap-server.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";

const unavailable = imapUnavailable();
const RAW = [
  'From: "Mette Mor" <mette@borger.example>',
  "Subject: Klage",
  "Message-ID: <job-1@borger.example>",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Jeg klager.",
  "",
].join("\r\n");

describe.skipIf(unavailable !== null).each(DIALECTS)("the mailbox job (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" });
  let imap: TestImap;

  beforeAll(async () => {
    imap = await startImap();
    await imap.append(RAW, { date: new Date("2026-03-01T12:00:00.000Z") });
  }, 30_000);
  afterAll(async () => {
    await imap?.close();
  });

  it("leaves the mailbox alone without KLARA_IMAP_URL", async () => {
    const jobs = startJobs(s.deps, { intervalMs: 3_600_000, mail: {} });
    await jobs.stop();
    expect(await imap.count("INBOX")).toBe(1);
  });

  it("takes the complaint in on a tick and logs counts only", async () => {
    const lines: object[] = [];
    const log = { info: (d: object) => lines.push(d), error: (d: object) => lines.push(d) };
    const jobs = startJobs(s.deps, { intervalMs: 3_600_000, log, mail: { imapUrl: imap.url } });
    await jobs.stop(); // waits for the first tick
    expect(
      await findInbound(s.deps.db.kysely, s.org.organisation.id, "<job-1@borger.example>"),
    ).toMatchObject({
      outcome: "new_case",
    });
    expect(await imap.count("INBOX")).toBe(0);
    expect(lines).toContainEqual({
      job: "mailbox",
      cases: 1,
      replies: 0,
      quarantined: 0,
      duplicates: 0,
      bounces: 0,
      failed: 0,
    });
    expect(JSON.stringify(lines)).not.toContain("mette");
  });
});
