import { createHash, randomBytes } from "node:crypto";

/** A random secret for a person (API token) or a citizen (tracking link); only its hash is stored. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString("base64url")}`;
}

/** Tokens carry 192 random bits, so a plain SHA-256 is enough to store them safely. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
