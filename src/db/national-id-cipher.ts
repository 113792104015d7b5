/**
 * The national id at rest: AES-256-GCM, a fresh 96-bit IV per write, the case id as associated
 * data (a ciphertext copied onto another case does not open), and the key's id stored with each
 * ciphertext so keys can rotate: `klara:v1:<key id>:<iv>:<ciphertext>:<tag>` (base64url parts).
 *
 * The keyring travels with the Kysely instance as a do-nothing plugin, so every repository call and
 * every transaction made from one database handle uses that handle's keys without new parameters.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";

export const KEY_BYTES = 32;
const PREFIX = "klara:v1:";

export interface Keyring {
  /** the key new ciphertexts are made with */
  readonly currentId: string;
  /** every key that can open a stored ciphertext, by id (the current one included) */
  readonly keys: ReadonlyMap<string, Buffer>;
}

/** A key's id: a short hash of the key, so the same key always has the same id and none is chosen by hand. */
export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("klara national id key\n").update(key).digest("hex").slice(0, 12);
}

/** The first key is the current one; the rest only open what was written before a rotation. */
export function createKeyring(keys: readonly Buffer[]): Keyring {
  if (keys.length === 0) throw new Error("An encryption keyring needs at least one key.");
  for (const k of keys) {
    if (k.length !== KEY_BYTES)
      throw new Error(`An encryption key is ${KEY_BYTES} bytes (base64: 44 characters).`);
  }
  return { currentId: keyIdOf(keys[0]!), keys: new Map(keys.map((k) => [keyIdOf(k), k])) };
}

let processKeyring: Keyring | null = null;

/**
 * A random key for this process only: for tests and in-process use. Whatever it encrypts cannot be
 * read by another process, so `klara` never uses it (see src/app/national-id-keys.ts).
 */
export function ephemeralKeyring(): Keyring {
  processKeyring ??= createKeyring([randomBytes(KEY_BYTES)]);
  return processKeyring;
}

const b64 = (b: Buffer) => b.toString("base64url");

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The key id a stored value was sealed with, or null for plaintext (written before encryption). */
export function sealedKeyId(stored: string): string | null {
  return isSealed(stored) ? (stored.slice(PREFIX.length).split(":")[0] ?? null) : null;
}

/**
 * Seals a protected value (a national id; a tracking token kept for an idempotent replay).
 * `context` is bound as associated data: the case id, or the scoped idempotency key.
 */
export function sealValue(plain: string, context: string, keyring: Keyring): string {
  const key = keyring.keys.get(keyring.currentId)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${PREFIX}${keyring.currentId}:${b64(iv)}:${b64(body)}:${b64(cipher.getAuthTag())}`;
}

/** The plaintext; a value stored before encryption existed is returned as it is. */
export function openValue(stored: string, context: string, keyring: Keyring): string {
  if (!isSealed(stored)) return stored;
  const [keyId, iv, body, tag] = stored.slice(PREFIX.length).split(":");
  const key = keyId ? keyring.keys.get(keyId) : undefined;
  if (!key || !iv || body === undefined || !tag) {
    throw new Error(
      `A protected value (national id, tracking token) is encrypted with key ${keyId ?? "?"}, which is not among the configured keys ` +
        "(KLARA_ENCRYPTION_KEY or KLARA_ENCRYPTION_KEY_FILE: keep the old key after the new one until `klara keys rotate` has run).",
    );
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Carries a keyring on a Kysely instance (and the transactions made from it); changes no query. */
export class KeyringPlugin implements KyselyPlugin {
  constructor(readonly keyring: Keyring) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The keyring of the database handle a query runs on. */
export function keyringOf<DB>(db: Kysely<DB>): Keyring {
  const carrier = db.getExecutor().plugins.find((p): p is KeyringPlugin => p instanceof KeyringPlugin);
  return carrier?.keyring ?? ephemeralKeyring();
}
