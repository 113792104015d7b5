/** Staff sessions of the web pages, and the password hashes they are opened with. */

import type { Kysely } from "kysely";
import type { Locale, Person } from "../domain/organisation.js";
import { toPerson } from "./organisation.repository.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/** The person with this e-mail and their stored password hash (null when they have none). */
export async function findCredentials(
  db: Db,
  email: string,
): Promise<{ person: Person; passwordHash: string | null } | null> {
  const r = await db
    .selectFrom("people")
    .selectAll()
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
  return r ? { person: toPerson(r), passwordHash: r.password_hash } : null;
}

export async function insertSession(
  db: Db,
  s: { tokenHash: string; personId: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      token_hash: s.tokenHash,
      person_id: s.personId,
      created_at: s.createdAt,
      expires_at: s.expiresAt,
    })
    .execute();
}

/** The session's person while the session has not expired. */
/** The person of a live session, with their organisation's language for the pages. */
export async function findSessionPerson(
  db: Db,
  tokenHash: string,
  now: string,
): Promise<{ person: Person; locale: Locale } | null> {
  const r = await db
    .selectFrom("sessions")
    .innerJoin("people", "people.id", "sessions.person_id")
    .innerJoin("organisations", "organisations.id", "people.organisation_id")
    .selectAll("people")
    .select("organisations.locale as organisation_locale")
    .where("sessions.token_hash", "=", tokenHash)
    .where("sessions.expires_at", ">", now)
    .executeTakeFirst();
  if (!r) return null;
  const { organisation_locale, ...person } = r;
  return { person: toPerson(person), locale: organisation_locale as Locale };
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now).execute();
}
