/**
 * The encryption key as an operator meets it, through the built `klara` in a child process:
 * production start-up without a key is one line naming the variable; `klara keys rotate`
 * re-encrypts with the current key; local commands keep a key file beside the database.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { findCase } from "../../src/db/case.repository.js";
import { migrateToLatest, openDatabase } from "../../src/db/create-db.js";
import { createKeyring, keyIdOf } from "../../src/db/national-id-cipher.js";
import { seedOrganisation, testDeps } from "../support/fixtures.js";
import { buildOnce } from "./cli-process.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MAIN = join(ROOT, "dist", "cli", "main.js");
const key1 = randomBytes(32);
const key2 = randomBytes(32);

let dir: string;

function klara(env: Record<string, string>, ...args: string[]) {
  const base = { ...process.env };
  for (const k of ["KLARA_DB", "KLARA_PORT", "KLARA_ENCRYPTION_KEY", "KLARA_ENCRYPTION_KEY_FILE"])
    delete base[k];
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: dir,
    env: { ...base, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  const lines = (s: string) => s.split("\n").filter((l) => l.length > 0);
  return { code: r.status, out: lines(r.stdout), err: lines(r.stderr) };
}

beforeAll(() => {
  // only when stale, as every CLI suite does: an unconditional compile rewrote dist/ while other
  // suites ran the built klara (a half-written module: "does not provide an export named 'nb'")
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), "klara-keys-"));
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A database with one complaint carrying a national id, written with key 1. */
async function databaseWithCase(name: string): Promise<{ file: string; caseId: string }> {
  const file = join(dir, name, "klara.db");
  const db = openDatabase(file, { keyring: createKeyring([key1]) });
  try {
    await migrateToLatest(db);
    const deps = testDeps(db);
    await seedOrganisation(deps, { country: "DK" });
    const { receipt } = await submitComplaint(deps, {
      procedure: "dk-school",
      unit: "SKOLE-A",
      category: "school_conduct",
      subject: "Mobning",
      description: "Min søn bliver mobbet.",
      complainant: { name: "Karen", email: "karen@example.org", nationalId: "010190-1234", anonymous: false },
    });
    return { file, caseId: receipt.id };
  } finally {
    await db.destroy();
  }
}

describe("klara and the encryption key", () => {
  it("serve without a key stops at start-up with one line naming KLARA_ENCRYPTION_KEY", async () => {
    const { file } = await databaseWithCase("prod");
    const r = klara({}, "serve", "--db", file, "--port", "0");
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^klara: KLARA_ENCRYPTION_KEY is not set/);
    expect(existsSync(join(dir, "prod", "klara.key"))).toBe(false);
    const bad = klara({ KLARA_ENCRYPTION_KEY: "c2hvcnQ=" }, "serve", "--db", file, "--port", "0");
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toMatch(/KLARA_ENCRYPTION_KEY: key 1 is not base64 of 32 bytes/);
  });

  it("keys rotate re-encrypts with the first key; afterwards the old key is not needed", async () => {
    const { file, caseId } = await databaseWithCase("rotate");
    const both = `${key2.toString("base64")},${key1.toString("base64")}`;
    const r = klara({ KLARA_ENCRYPTION_KEY: both }, "keys", "rotate", "--db", file);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.join(" ")).toMatch(/1 national ids/);
    // and the case's tracking token, kept for the link in letters (decision 0025)
    expect(r.out.join(" ")).toMatch(/1 tracking links/);
    // the new key alone reads it, from a key file this time
    const keyFile = join(dir, "rotate", "new.key");
    writeFileSync(keyFile, `# current\n${key2.toString("base64")}\n`);
    const again = klara({ KLARA_ENCRYPTION_KEY_FILE: keyFile }, "keys", "rotate", "--db", file);
    expect(again.out.join(" ")).toMatch(/0 national ids .*0 tracking links/);
    const db = openDatabase(file, { keyring: createKeyring([key2]) });
    try {
      expect((await findCase(db.kysely, caseId))!.complainant.nationalId).toBe("010190-1234");
      const row = await db.kysely
        .selectFrom("cases")
        .select("data")
        .where("id", "=", caseId)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.data).complainant.nationalId).toMatch(new RegExp(`^klara:v1:${keyIdOf(key2)}:`));
    } finally {
      await db.destroy();
    }
  });

  it("local commands keep a key file beside the SQLite database, readable by its owner only", () => {
    const file = join(dir, "local", "klara.db");
    const r = klara({}, "migrate", "--db", file);
    expect(r.code).toBe(0);
    const keyFile = join(dir, "local", "klara.key");
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, "utf8").trim(), "base64")).toHaveLength(32);
  });
});
