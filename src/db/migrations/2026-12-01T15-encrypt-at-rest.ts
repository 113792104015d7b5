/**
 * Frozen. Encrypts the national ids stored in plaintext before encryption at rest existed (in
 * cases.data, complainant.nationalId), with the key given at migration time, and drops the kept
 * idempotent replies, which held tracking tokens in plaintext (a retry within 24 hours of this
 * migration makes a second case instead of a replay; nothing else is lost). The format and the
 * cipher are a frozen copy of version 1 of src/db/national-id-cipher.ts, so this migration does
 * the same thing whatever that module becomes: `klara:v1:<key id>:<iv>:<ciphertext>:<tag>`,
 * AES-256-GCM with the case id as associated data. Down decrypts what the given keys can open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";

export interface MigrationKeys {
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const PREFIX = "klara:v1:";
const PAGE = 500;

function seal(plain: string, caseId: string, k: MigrationKeys): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k.keys.get(k.currentId)!, iv);
  cipher.setAAD(Buffer.from(caseId, "utf8"));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const b = (x: Buffer) => x.toString("base64url");
  return `${PREFIX}${k.currentId}:${b(iv)}:${b(body)}:${b(cipher.getAuthTag())}`;
}

function open(stored: string, caseId: string, k: MigrationKeys): string {
  const [keyId, iv, body, tag] = stored.slice(PREFIX.length).split(":");
  const key = keyId ? k.keys.get(keyId) : undefined;
  if (!key || !iv || body === undefined || !tag) throw new Error(`No key ${keyId} to decrypt a national id`);
  const d = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  d.setAAD(Buffer.from(caseId, "utf8"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
}

async function rewrite(
  db: Kysely<unknown>,
  change: (nationalId: string, caseId: string) => string | null,
): Promise<void> {
  let after = "";
  for (;;) {
    const rows = (
      await sql<{
        id: string;
        data: string;
      }>`select id, data from cases where id > ${after} order by id limit ${PAGE}`.execute(db)
    ).rows;
    for (const r of rows) {
      const data = JSON.parse(r.data) as { complainant?: { nationalId?: string | null } };
      const id = data.complainant?.nationalId;
      if (typeof id !== "string" || id === "") continue;
      const next = change(id, r.id);
      if (next === null) continue;
      data.complainant!.nationalId = next;
      await sql`update cases set data = ${JSON.stringify(data)} where id = ${r.id}`.execute(db);
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

export function encryptAtRest(keys: MigrationKeys) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await rewrite(db, (id, caseId) => (id.startsWith(PREFIX) ? null : seal(id, caseId, keys)));
      await sql`delete from idempotency_keys`.execute(db);
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await rewrite(db, (id, caseId) => (id.startsWith(PREFIX) ? open(id, caseId, keys) : null));
    },
  };
}
