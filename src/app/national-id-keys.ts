/**
 * The keys that encrypt national ids (and kept tracking tokens) at rest, and their rotation.
 *
 * - `KLARA_ENCRYPTION_KEY`: base64 of 32 random bytes (`openssl rand -base64 32`); several keys
 *   separated by commas, the first the current one, the others only to read what older keys wrote.
 * - `KLARA_ENCRYPTION_KEY_FILE`: a file with one such key per line, the first the current one
 *   (`#` starts a comment). Set one of the two, not both.
 * - Neither: everything but production (the demo, `migrate`, `organisation add`, tests) uses a key
 *   file beside the SQLite database (`klara.key`, created on first use, mode 600), or
 *   `./data/klara.key` for PostgreSQL. Production (`klara serve` without `--demo`) never creates one:
 *   it uses a key file an earlier command made for this database, with a warning (so `klara demo`
 *   or `organisation add`, then `klara serve`, as API.md has it, keeps working), and refuses to start,
 *   naming the variable, when there is none.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RotationResult } from "../db/key-rotation.repository.js";
import { rotateSealedValues } from "../db/key-rotation.repository.js";
import { createKeyring, KEY_BYTES, type Keyring } from "../db/national-id-cipher.js";
import { type AppDeps, inTransaction } from "./context.js";

export type { Keyring, RotationResult };

export const KEY_VARIABLE = "KLARA_ENCRYPTION_KEY";
export const KEY_FILE_VARIABLE = "KLARA_ENCRYPTION_KEY_FILE";

/** One line, for start-up: the variable named, and how to make a key. */
export class MissingKeyError extends Error {
  constructor() {
    super(
      `${KEY_VARIABLE} is not set: klara serve needs the key that encrypts national ids at rest ` +
        `(base64 of ${KEY_BYTES} random bytes, e.g. \`openssl rand -base64 32\`), or ${KEY_FILE_VARIABLE} naming a file with it.`,
    );
  }
}

function decodeKeys(texts: readonly string[], source: string): Keyring {
  const keys = texts.map((t, i) => {
    const key = Buffer.from(t, "base64");
    if (key.length !== KEY_BYTES || key.toString("base64").replace(/=+$/, "") !== t.replace(/=+$/, "")) {
      throw new Error(`${source}: key ${i + 1} is not base64 of ${KEY_BYTES} bytes.`);
    }
    return key;
  });
  if (keys.length === 0) throw new Error(`${source} holds no key.`);
  return createKeyring(keys);
}

function keysInFile(path: string, source: string): Keyring {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`${source}: cannot read the key file ${path}.`);
  }
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
  return decodeKeys(lines, source);
}

/** Where the demo, tests and local commands keep their key when none is configured. */
export function localKeyFile(target: string): string {
  const sqliteFile = !/^postgres(ql)?:\/\//.test(target) && target !== ":memory:";
  return join(sqliteFile ? dirname(target) : "./data", "klara.key");
}

export interface KeyringOptions {
  env: NodeJS.ProcessEnv;
  /** the database: a SQLite path or a postgres:// URL */
  target: string;
  /** production never creates a key file, and refuses to run without any key */
  production: boolean;
  /** told when production falls back to the key file beside the database */
  warn?: (line: string) => void;
}

export function resolveKeyring({ env, target, production, warn }: KeyringOptions): Keyring {
  const inline = env[KEY_VARIABLE]?.trim();
  const file = env[KEY_FILE_VARIABLE]?.trim();
  if (inline && file) throw new Error(`Set ${KEY_VARIABLE} or ${KEY_FILE_VARIABLE}, not both.`);
  if (inline) {
    return decodeKeys(
      inline
        .split(",")
        .map((k) => k.trim())
        .filter(Boolean),
      KEY_VARIABLE,
    );
  }
  if (file) return keysInFile(file, KEY_FILE_VARIABLE);
  const local = localKeyFile(target);
  if (production) {
    if (!existsSync(local)) throw new MissingKeyError();
    warn?.(
      `${KEY_VARIABLE} is not set: using the key file ${local} that an earlier command made beside the database; ` +
        `in production keep the key apart from the data (set ${KEY_VARIABLE} or ${KEY_FILE_VARIABLE}).`,
    );
    return keysInFile(local, local);
  }
  if (!existsSync(local)) {
    mkdirSync(dirname(local), { recursive: true });
    try {
      writeFileSync(local, `${randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // another process created it first: use theirs
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
  return keysInFile(local, local);
}

/** Re-encrypts everything sealed with an older key with the current one, in one transaction. */
export function rotateKeys(deps: AppDeps): Promise<RotationResult> {
  return inTransaction(deps, (tx) => rotateSealedValues(tx));
}
