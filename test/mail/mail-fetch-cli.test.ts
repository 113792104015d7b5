/**
 * `klara mail fetch` as an operator runs it (the built klara in a child process) against Debian's
 * Dovecot: a complaint in the mailbox becomes a case of the organisation and leaves the inbox; a
 * second run finds nothing; a message with an executable attachment is quarantined with a line
 * that names the reason and not the sender; without KLARA_IMAP_URL it is one line and exit 1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/create-db.js";
import { listOrganisations } from "../../src/db/organisation.repository.js";
import { buildOnce, klara } from "../cli/cli-process.js";
import { imapUnavailable, startImap, type TestImap } from "../support/imap-server.js";

const unavailable = imapUnavailable();

const COMPLAINT = [
  'From: "Mette Mor" <mette@borger.example>',
  "To: klager@kommune.example",
  "Subject: Klage over sagsbehandlingen",
  "Message-ID: <cli-1@borger.example>",
  "Content-Type: text/plain; charset=utf-8",
  "",
  "Jeg har ventet i tre måneder på svar.",
  "",
].join("\r\n");

const EXECUTABLE = [
  'From: "Ukendt" <ukendt@spam.example>',
  "Subject: Faktura",
  "Message-ID: <cli-2@spam.example>",
  'Content-Type: multipart/mixed; boundary="x"',
  "",
  "--x",
  "Content-Type: text/plain",
  "",
  "Se vedhæftede.",
  "--x",
  'Content-Type: application/octet-stream; name="faktura.exe"',
  'Content-Disposition: attachment; filename="faktura.exe"',
  "Content-Transfer-Encoding: base64",
  "",
  Buffer.from("MZ fake program").toString("base64"),
  "--x--",
  "",
].join("\r\n");

describe.skipIf(unavailable !== null)("klara mail fetch", { timeout: 120_000 }, () => {
  let dir: string;
  let imap: TestImap;
  let organisationId: string;

  beforeAll(async () => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), "klara-mail-fetch-"));
    imap = await startImap();
    expect(klara(dir, "demo", "--db", "k.db").code).toBe(0);
    // the demo has several organisations: the Danish municipality takes this mailbox
    const db = openDatabase(join(dir, "k.db"));
    const orgs = await listOrganisations(db.kysely);
    await db.destroy();
    organisationId = orgs.find((o) => o.country === "DK")!.id;
  }, 180_000);
  afterAll(async () => {
    await imap?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fetch = (env: Record<string, string>) => {
    const before = { ...process.env };
    // KLARA_PUBLIC_URL set, so no warning about links (decision 0025)
    Object.assign(process.env, { KLARA_PUBLIC_URL: "https://klage.example" }, env);
    try {
      return klara(dir, "mail", "fetch", "--organisation", organisationId, "--db", "k.db");
    } finally {
      process.env = before;
    }
  };

  it("takes a complaint in once, quarantines an executable and names only the reason", async () => {
    await imap.append(COMPLAINT);
    await imap.append(EXECUTABLE);
    const first = fetch({ KLARA_IMAP_URL: imap.url });
    expect(first.out).toEqual([
      "Mailbox read: 1 new cases, 0 replies on cases, 1 quarantined, 0 already taken in, 0 bounces, 0 left for the next run.",
    ]);
    expect(first.err).toEqual(["klara: a message was quarantined (executable_attachment)."]);
    expect(first.code).toBe(0);
    expect(await imap.count("INBOX")).toBe(0);
    expect(await imap.count("Klara/Processed")).toBe(1);
    expect(await imap.count("Klara/Quarantine")).toBe(1);

    const second = fetch({ KLARA_IMAP_URL: imap.url });
    expect(second.out[0]).toMatch(/^Mailbox read: 0 new cases, 0 replies on cases, 0 quarantined/);
  });

  it("says in one line that no mailbox is configured", () => {
    const r = fetch({ KLARA_IMAP_URL: "" });
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "klara: no complaint mailbox is configured (set KLARA_IMAP_URL=imap://user:pass@host:port/INBOX).",
    ]);
  });
});
