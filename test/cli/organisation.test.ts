/**
 * Setting up without the demo from the command line: organisation add (id first, then the admin's
 * initial password), organisation closing-days (repeated --add/--remove; a past or malformed date is
 * one line naming it) and setup apply FILE (idempotent; a bad file's error names its line).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verify } from "argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/create-db.js";
import { findCredentials } from "../../src/db/session.repository.js";
import { buildOnce, klara, ROOT } from "./cli-process.js";

let dir: string;
let db: string;

beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(join(tmpdir(), "klara-org-"));
  db = join(dir, "klara.db");
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Each command is a process of its own (a few seconds each on a busy machine).
describe("klara organisation and setup", { timeout: 120_000 }, () => {
  let id = "";

  it("organisation add prints the new id first, then the admin's initial password", () => {
    const r = klara(
      dir,
      "organisation",
      "add",
      "--name",
      "Ny Kommune",
      "--country",
      "DK",
      "--admin-email",
      "admin@ny.example",
      "--admin-name",
      "Ada Admin",
      "--db",
      db,
    );
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(/^[0-9a-f-]{36}$/);
    id = r.out[0]!;
    expect(r.out.join("\n")).toContain("Ada Admin <admin@ny.example>");
    expect(r.out.at(-1)!.trim()).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const usage = klara(dir, "organisation", "add", "--name", "X", "--db", db);
    expect(usage.code).toBe(2);
    expect(usage.err).toHaveLength(1);
    expect(usage.err[0]).toContain("--country is required");
    const twice = klara(dir, "organisation", "add", "--name", "ny kommune", "--country", "DK", "--db", db);
    expect(twice.code).toBe(1);
    expect(twice.err).toEqual(['klara: An organisation named "ny kommune" already exists.']);

    const norwegian = klara(
      dir,
      "organisation",
      "add",
      "--name",
      "Ny ASVO",
      "--country",
      "NO",
      "--language",
      "en",
      "--db",
      db,
    );
    expect(norwegian.code).toBe(0);
    expect(norwegian.out[1]).toBe("Added Ny ASVO (NO, Europe/Oslo, pages in en) with the unit ORG.");
    const badLanguage = klara(
      dir,
      "organisation",
      "add",
      "--name",
      "X",
      "--country",
      "NO",
      "--language",
      "sv",
      "--db",
      db,
    );
    expect(badLanguage.code).toBe(1);
    expect(badLanguage.err).toHaveLength(1);
    expect(badLanguage.err[0]).toContain("locale");
  });

  it("organisation closing-days adds and removes days and prints them; refuses bad dates by name", () => {
    const added = klara(
      dir,
      "organisation",
      "closing-days",
      "--organisation",
      id,
      "--add",
      "2099-12-24",
      "--add",
      "2099-06-05",
      "--add",
      "2099-12-31",
      "--db",
      db,
    );
    expect(added.code).toBe(0);
    expect(added.out).toEqual(["2099-06-05 2099-12-24 2099-12-31"]);
    const removed = klara(
      dir,
      "organisation",
      "closing-days",
      "--organisation",
      id,
      "--remove",
      "2099-12-31",
      "--db",
      db,
    );
    expect(removed.out).toEqual(["2099-06-05 2099-12-24"]);
    const shown = klara(dir, "organisation", "closing-days", "--organisation", id, "--db", db);
    expect(shown.out).toEqual(["2099-06-05 2099-12-24"]);

    const past = klara(
      dir,
      "organisation",
      "closing-days",
      "--organisation",
      id,
      "--add",
      "2020-06-05",
      "--db",
      db,
    );
    expect(past.code).toBe(1);
    expect(past.err).toHaveLength(1);
    expect(past.err[0]).toContain("2020-06-05 is in the past");
    const malformed = klara(
      dir,
      "organisation",
      "closing-days",
      "--organisation",
      id,
      "--add",
      "24-12-2099",
      "--db",
      db,
    );
    expect(malformed.code).toBe(1);
    expect(malformed.err[0]).toContain('"24-12-2099" is not a date');
    expect(klara(dir, "organisation", "closing-days", "--organisation", id, "--db", db).out).toEqual([
      "2099-06-05 2099-12-24",
    ]);
  });

  it("setup apply applies the example file once; again it changes nothing; a bad file names its line", () => {
    const file = join(ROOT, "docs", "setup-example.yaml");
    const first = klara(dir, "setup", "apply", file, "--db", db);
    expect(first.err).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.out.join("\n")).toContain("Eksempel Kommune: added unit KLAGE");
    const again = klara(dir, "setup", "apply", file, "--db", db);
    expect(again.code).toBe(0);
    expect(again.out).toEqual([`${file} is already applied: nothing changed.`]);

    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "organisations:\n  - name: Fejl\n    country: SE\n");
    const refused = klara(dir, "setup", "apply", bad, "--db", db);
    expect(refused.code).toBe(1);
    expect(refused.err).toHaveLength(1);
    expect(refused.err[0]).toMatch(/^klara: .*bad\.yaml: 1 error: line 3: organisations\[0\]\.country/);
    expect(klara(dir, "setup", "apply", "--db", db).code).toBe(2);
  });

  it("user password gives a person from the setup file a password that sign-in accepts", async () => {
    const r = klara(dir, "user", "password", "--email", "Koordinator@eksempel.example", "--db", db);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    const password = r.out.at(-1)!.trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const opened = openDatabase(db);
    try {
      const credentials = await findCredentials(opened.kysely, "koordinator@eksempel.example");
      expect(await verify(credentials!.passwordHash!, password)).toBe(true);
    } finally {
      await opened.destroy();
    }
    const unknown = klara(dir, "user", "password", "--email", "nobody@eksempel.example", "--db", db);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toEqual(["klara: The person nobody@eksempel.example was not found."]);
  });
});
