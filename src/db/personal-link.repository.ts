/**
 * Personal links (decision 0017): a handler without an account, or a complainant confirming a
 * formal complaint, opens one case with a random token. Only the token's hash is stored.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export type LinkPurpose = "handler" | "confirm";

export interface PersonalLink {
  id: string;
  caseId: string;
  purpose: LinkPurpose;
  name: string | null;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  usedAt: string | null;
}

export async function insertPersonalLink(db: Db, link: PersonalLink, tokenHash: string): Promise<void> {
  await db
    .insertInto("personal_links")
    .values({
      id: link.id,
      case_id: link.caseId,
      purpose: link.purpose,
      token_hash: tokenHash,
      name: link.name,
      email: link.email,
      created_at: link.createdAt,
      expires_at: link.expiresAt,
      revoked_at: link.revokedAt,
      used_at: link.usedAt,
    })
    .execute();
}

const COLUMNS = [
  "id",
  "case_id",
  "purpose",
  "name",
  "email",
  "created_at",
  "expires_at",
  "revoked_at",
  "used_at",
] as const;

type Row = Pick<Database["personal_links"], (typeof COLUMNS)[number]>;

const toLink = (r: Row): PersonalLink => ({
  id: r.id,
  caseId: r.case_id,
  purpose: r.purpose as LinkPurpose,
  name: r.name,
  email: r.email,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  usedAt: r.used_at,
});

/** The link with this token hash and purpose, whatever its state (the caller tells expired from unknown). */
export async function findPersonalLink(
  db: Db,
  tokenHash: string,
  purpose: LinkPurpose,
): Promise<PersonalLink | null> {
  const r = await db
    .selectFrom("personal_links")
    .select(COLUMNS)
    .where("token_hash", "=", tokenHash)
    .where("purpose", "=", purpose)
    .executeTakeFirst();
  return r ? toLink(r) : null;
}

/** Ends every open link of the purpose on the case (a new one replaces it); returns how many. */
export async function revokePersonalLinks(
  db: Db,
  caseId: string,
  purpose: LinkPurpose,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable("personal_links")
    .set({ revoked_at: at })
    .where("case_id", "=", caseId)
    .where("purpose", "=", purpose)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks a single-use link used; false when it already was (two clicks at once: one wins). */
export async function markPersonalLinkUsed(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("personal_links")
    .set({ used_at: at })
    .where("id", "=", id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The case's handler links, newest first (the case page names the external handler). */
export async function handlerLinksOf(db: Db, caseId: string): Promise<PersonalLink[]> {
  const rows = await db
    .selectFrom("personal_links")
    .select(COLUMNS)
    .where("case_id", "=", caseId)
    .where("purpose", "=", "handler")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toLink);
}
