/**
 * `klara mail deliver` as an operator runs it, through the built `klara` in a child process: the
 * demo's letters go to a real SMTP server (in this process) once, each with X-Klara-Reference and
 * its stable Message-ID; a second run sends nothing; without KLARA_SMTP_URL they are captured; a
 * malformed KLARA_SMTP_URL is one line, exit 1, without the URL's password.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtp, type TestSmtp } from "../support/smtp.js";
import { buildOnce, klara, ROOT } from "./cli-process.js";

const MAIN = join(ROOT, "dist", "cli", "main.js");

/** Asynchronous, so the SMTP server in this process answers while the command runs. */
function klaraAsync(cwd: string, env: Record<string, string>, ...args: string[]) {
  const base = { ...process.env };
  for (const k of ["KLARA_DB", "KLARA_PORT", "KLARA_SMTP_URL", "KLARA_MAIL_FROM"]) delete base[k];
  return new Promise<{ code: number; out: string[]; err: string[] }>((resolve) => {
    execFile(
      process.execPath,
      [MAIN, ...args],
      { cwd, env: { ...base, ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const lines = (s: string) => s.split("\n").filter((l) => l.length > 0);
        resolve({ code: error ? Number(error.code ?? 1) : 0, out: lines(stdout), err: lines(stderr) });
      },
    );
  });
}

describe("klara mail deliver", { timeout: 120_000 }, () => {
  let dir: string;
  let smtp: TestSmtp;

  beforeAll(async () => {
    buildOnce();
    dir = mkdtempSync(join(tmpdir(), "klara-mail-"));
    smtp = await startSmtp();
    // one `klara demo` (seconds of work), copied before any letter is delivered: one database
    // delivers to the SMTP server, the other is captured without one
    expect(klara(dir, "demo", "--db", "demo.db").code).toBe(0);
    copyFileSync(join(dir, "demo.db"), join(dir, "capture.db"));
  }, 180_000);
  afterAll(async () => {
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("delivers the demo's letters once, each with its reference and Message-ID", async () => {
    const env = {
      KLARA_SMTP_URL: smtp.url,
      KLARA_MAIL_FROM: "Demo Kommune <klager@kommune.example>",
      // set, so no warning about links (decision 0025)
      KLARA_PUBLIC_URL: "https://klage.example",
    };
    const first = await klaraAsync(dir, env, "mail", "deliver", "--db", "demo.db");
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    const sent = Number(/Mail delivered: (\d+) sent/.exec(first.out.join("\n"))?.[1]);
    expect(sent).toBeGreaterThan(0);
    expect(smtp.received).toHaveLength(sent);
    for (const mail of smtp.received) {
      expect(mail.headers.get("x-klara-reference")).toMatch(/^KLA-/);
      expect(mail.messageId).toMatch(/^<outbox-[0-9a-f-]+@kommune\.example>$/);
      expect(mail.text).not.toContain("{{");
    }
    expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(sent);

    const second = await klaraAsync(dir, env, "mail", "deliver", "--db", "demo.db");
    expect(second.out).toEqual(["Mail delivered: 0 sent, 0 to retry, 0 failed."]);
    expect(smtp.received).toHaveLength(sent);
  });

  it("without KLARA_SMTP_URL captures the letters for the admin page", async () => {
    const r = await klaraAsync(dir, {}, "mail", "deliver", "--db", "capture.db");
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^No SMTP server configured \(KLARA_SMTP_URL\): [1-9]\d* letters captured/);
  });

  it("a malformed KLARA_SMTP_URL is one line naming the variable, never its password", async () => {
    const r = await klaraAsync(
      dir,
      { KLARA_SMTP_URL: "mail://user:secret@host" },
      "mail",
      "deliver",
      "--db",
      "capture.db",
    );
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain("KLARA_SMTP_URL");
    expect(r.err[0]).not.toContain("secret");
  });
});
