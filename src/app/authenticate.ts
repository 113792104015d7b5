/**
 * Resolves an API token to the staff person it belongs to. On the hot path of every staff request:
 * one indexed read by the token's hash, no write (last use is not recorded here).
 */
import { findPersonByTokenHash } from "../db/organisation.repository.js";
import type { Actor } from "./actor.js";
import type { AppDeps } from "./context.js";
import { hashSecret } from "./secrets.js";

export async function authenticateToken(deps: AppDeps, token: string): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const person = await findPersonByTokenHash(deps.db.kysely, hashSecret(token));
  if (!person?.active) return null;
  return {
    personId: person.id,
    organisationId: person.organisationId,
    name: person.name,
    roles: person.roles,
  };
}
