/**
 * Production start-up and the key (decision 0008): `klara serve` never makes a key file, uses one an
 * earlier command (`klara demo`, `organisation add`) made beside the database with a warning, and
 * refuses to start, naming the variable, when there is no key at all.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MissingKeyError, resolveKeyring } from "../../src/app/national-id-keys.js";
import { openValue, sealValue } from "../../src/db/national-id-cipher.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "klara-keyring-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the key production starts with", () => {
  it("is refused, naming the variable, when nothing made a key; no key file is created", () => {
    const target = join(dir, "klara.db");
    expect(() => resolveKeyring({ env: {}, target, production: true })).toThrow(MissingKeyError);
    expect(() => resolveKeyring({ env: {}, target, production: true })).toThrow(/KLARA_ENCRYPTION_KEY/);
    expect(existsSync(join(dir, "klara.key"))).toBe(false);
  });

  it("is the key file an earlier command made for the database, with a warning", () => {
    const target = join(dir, "klara.db");
    const local = resolveKeyring({ env: {}, target, production: false });
    expect(existsSync(join(dir, "klara.key"))).toBe(true);
    const warnings: string[] = [];
    const served = resolveKeyring({ env: {}, target, production: true, warn: (l) => warnings.push(l) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/KLARA_ENCRYPTION_KEY is not set: using the key file .*klara\.key/);
    // the same key: what the earlier command sealed, serve opens
    const sealed = sealValue("010190-1234", "case-1", local);
    expect(openValue(sealed, "case-1", served)).toBe("010190-1234");
  });
});
