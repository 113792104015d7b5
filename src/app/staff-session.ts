/**
 * Signing staff in and out of the web pages. A session is a random secret in a cookie; only its
 * hash is stored, and it ends after 8 hours (a working day) or at sign-out. A wrong e-mail and a
 * wrong password get the same answer, and both cost an argon2 verification.
 */

import { verify } from "argon2";
import { Temporal } from "temporal-polyfill";
import {
  deleteExpiredSessions,
  deleteSession,
  findCredentials,
  findSessionPerson,
  insertSession,
} from "../db/session.repository.js";
import type { Locale } from "../domain/organisation.js";
import type { Actor } from "./actor.js";
import { hashPassword } from "./add-person.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import { hashSecret, newSecret } from "./secrets.js";

export const SESSION_HOURS = 8;

/** Verified against when the e-mail is unknown, so that both failures take as long. */
let decoyHash: Promise<string> | null = null;

export async function signIn(
  deps: AppDeps,
  email: string,
  password: string,
): Promise<{ sessionToken: string; actor: Actor } | null> {
  const found = await inTransaction(deps, (tx) => findCredentials(tx, email.trim()));
  decoyHash ??= hashPassword(newSecret("decoy"));
  const hash = found?.passwordHash ?? (await decoyHash);
  const ok = await verify(hash, password).catch(() => false);
  if (!found?.passwordHash || !ok || !found.person.active) return null;
  const sessionToken = newSecret("ks");
  const now = nowIso(deps);
  await inTransaction(deps, async (tx) => {
    await deleteExpiredSessions(tx, now);
    await insertSession(tx, {
      tokenHash: hashSecret(sessionToken),
      personId: found.person.id,
      createdAt: now,
      expiresAt: Temporal.Instant.from(now)
        .add({ hours: SESSION_HOURS })
        .toString({ smallestUnit: "millisecond" }),
    });
  });
  const p = found.person;
  return {
    sessionToken,
    actor: { personId: p.id, organisationId: p.organisationId, name: p.name, roles: p.roles },
  };
}

/** A signed-in person, with the language their organisation's pages default to. */
export interface StaffActor extends Actor {
  locale: Locale;
}

export async function sessionActor(deps: AppDeps, sessionToken: string): Promise<StaffActor | null> {
  if (!sessionToken || sessionToken.length > 200) return null;
  const found = await inTransaction(deps, (tx) =>
    findSessionPerson(tx, hashSecret(sessionToken), nowIso(deps)),
  );
  if (!found?.person.active) return null;
  const p = found.person;
  return {
    personId: p.id,
    organisationId: p.organisationId,
    name: p.name,
    roles: p.roles,
    locale: found.locale,
  };
}

export function signOut(deps: AppDeps, sessionToken: string): Promise<void> {
  return inTransaction(deps, (tx) => deleteSession(tx, hashSecret(sessionToken)));
}
