/**
 * Signing staff in and out of the web pages. A session is a random secret in a cookie; only its
 * hash is stored, and it ends after 8 hours (a working day) or at sign-out. A wrong e-mail and a
 * wrong password get the same answer, and both cost an argon2 verification. Attempts are throttled
 * per account and per client address (sign-in-throttle.ts) before any of that work is done.
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
import { SignInThrottle } from "./sign-in-throttle.js";

export const SESSION_HOURS = 8;

/** Verified against when the e-mail is unknown, so that both failures take as long. */
let decoyHash: Promise<string> | null = null;

/** One throttle per running app (its deps), in memory. */
const throttles = new WeakMap<AppDeps, SignInThrottle>();

export function signInThrottle(deps: AppDeps): SignInThrottle {
  let throttle = throttles.get(deps);
  if (!throttle) {
    throttle = new SignInThrottle(deps.clock);
    throttles.set(deps, throttle);
  }
  return throttle;
}

export type SignInResult =
  | { kind: "signed-in"; sessionToken: string; actor: Actor }
  | { kind: "refused" }
  /** too many failures on the account or from the address: nothing was checked */
  | { kind: "throttled"; retryAfterSeconds: number };

export async function signIn(
  deps: AppDeps,
  email: string,
  password: string,
  clientAddress: string,
): Promise<SignInResult> {
  const throttle = signInThrottle(deps);
  const wait = throttle.attempt(email, clientAddress);
  if (wait > 0) return { kind: "throttled", retryAfterSeconds: wait };
  const found = await inTransaction(deps, (tx) => findCredentials(tx, email.trim())).catch((error) => {
    throttle.cancelled(email, clientAddress);
    throw error;
  });
  decoyHash ??= hashPassword(newSecret("decoy"));
  const hash = found?.passwordHash ?? (await decoyHash);
  const ok = await verify(hash, password).catch(() => false);
  if (!found?.passwordHash || !ok || !found.person.active) return { kind: "refused" };
  throttle.succeeded(email, clientAddress);
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
    kind: "signed-in",
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
