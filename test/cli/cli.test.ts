/** The `klara` command as a user runs it: the built dist/cli/main.js in a child process. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateToken } from "../../src/app/authenticate.js";
import { createDeps } from "../../src/app/context.js";
import { openDatabase } from "../../src/db/create-db.js";
import { systemClock } from "../../src/domain/clock.js";
import { buildOnce } from "./cli-process.js";

const ROOT = join(import.meta.dirname, "..", "..");
const MAIN = join(ROOT, "dist", "cli", "main.js");

let dir: string;
let dbFile: string;

function klara(...args: string[]) {
  const env = { ...process.env };
  delete env.KLARA_DB;
  delete env.KLARA_PORT;
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: dir,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  const lines = (s: string) => s.split("\n").filter((l) => l.length > 0);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: lines(r.stdout), err: lines(r.stderr) };
}

beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), "klara-cli-"));
  dbFile = join(dir, "klara.db");
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("klara", () => {
  it("migrate creates the schema and is idempotent", () => {
    const first = klara("migrate", "--db", dbFile);
    expect(first.code).toBe(0);
    expect(first.out).toHaveLength(1);
    expect(first.out[0]).toContain("applied");
    expect(existsSync(dbFile)).toBe(true);
    const again = klara("migrate", "--db", dbFile);
    expect(again.code).toBe(0);
    expect(again.out[0]).not.toContain("applied");
  });

  it("demo --json prints one JSON object with a working token for every demo person", async () => {
    const r = klara("demo", "--db", dbFile, "--json");
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const parsed = JSON.parse(r.stdout) as { tokens: Record<string, string> };
    expect(Object.keys(parsed)).toEqual(["tokens"]);
    const emails = Object.keys(parsed.tokens);
    expect(emails.length).toBeGreaterThanOrEqual(20);
    expect(emails).toEqual(
      expect.arrayContaining(["modtager@kommune.example", "admin@kommune.example", "mottaker@asvo.example"]),
    );
    const db = openDatabase(dbFile);
    try {
      const actor = await authenticateToken(
        createDeps(db, systemClock),
        parsed.tokens["admin@kommune.example"]!,
      );
      expect(actor?.roles).toEqual(["admin"]);
    } finally {
      await db.destroy();
    }
  });

  it("refuses a second demo with one line and a non-zero exit", () => {
    const r = klara("demo", "--db", dbFile);
    expect(r.code).toBe(1);
    expect(r.err).toEqual(["klara: The demo only loads into an empty database."]);
  });

  it("user add, then token create gives a token that authenticates as that person", async () => {
    const added = klara(
      "user",
      "add",
      "--email",
      "Ny.Behandler@Kommune.example",
      "--name",
      "Ny Behandler",
      "--unit",
      "KLAGE",
      "--role",
      "handler,coordinator",
      "--db",
      dbFile,
    );
    expect(added.code).toBe(0);
    expect(added.out).toHaveLength(1);
    const token = klara("token", "create", "--email", "ny.behandler@kommune.example", "--db", dbFile);
    expect(token.code).toBe(0);
    expect(token.out).toHaveLength(1);
    expect(token.out[0]).toMatch(/^kla_[A-Za-z0-9_-]{20,}$/);
    const db = openDatabase(dbFile);
    try {
      const actor = await authenticateToken(createDeps(db, systemClock), token.out[0]!);
      expect(actor).toMatchObject({ name: "Ny Behandler", roles: ["handler", "coordinator"] });
    } finally {
      await db.destroy();
    }
    const twice = klara(
      "user",
      "add",
      "--email",
      "ny.behandler@kommune.example",
      "--name",
      "X",
      "--unit",
      "KLAGE",
      "--role",
      "handler",
      "--db",
      dbFile,
    );
    expect(twice.code).toBe(1);
    expect(twice.err).toHaveLength(1);
    expect(twice.err[0]).toContain("already exists");
  });

  it("refuses a bad --role with one line, and adds nobody", () => {
    const r = klara(
      "user",
      "add",
      "--email",
      "chef@kommune.example",
      "--name",
      "Chef",
      "--unit",
      "KLAGE",
      "--role",
      "handler,boss",
      "--db",
      dbFile,
    );
    expect(r.code).not.toBe(0);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain('"boss" is not a role');
    expect(klara("token", "create", "--email", "chef@kommune.example", "--db", dbFile).code).toBe(1);
  });

  it("answers an unknown command with the usage line and exit 2", () => {
    const r = klara("frobnicate", "--db", dbFile);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain("usage: klara");
  });

  it("journal verify exits 0 when whole and 1 with the first broken entry after an edit", () => {
    const whole = klara("journal", "verify", "--db", dbFile);
    expect(whole.code).toBe(0);
    expect(whole.out[0]).toMatch(/The journal is whole: \d+ cases/);

    const sqlite = new SQLite(dbFile);
    try {
      const row = sqlite
        .prepare("select c.id, c.reference from cases c order by c.reference, c.organisation_id limit 1")
        .get() as { id: string; reference: string };
      const changed = sqlite
        .prepare("update journal_entries set body = body || ' (edited)' where case_id = ? and seq = 2")
        .run(row.id);
      expect(changed.changes).toBe(1);
      const broken = klara("journal", "verify", "--db", dbFile);
      expect(broken.code).toBe(1);
      expect(broken.out).toHaveLength(1);
      expect(broken.out[0]).toContain(row.reference);
      expect(broken.out[0]).toContain(row.id);
      expect(broken.out[0]).toContain("entry 2: entry was altered");
    } finally {
      sqlite.close();
    }
  });
});
