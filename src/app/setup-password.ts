/**
 * `klara user password --email E`: a new initial password for a person (one a setup file added, or
 * one who forgot theirs), printed once and stored only as its argon2 hash. The operator's command:
 * setup files never hold passwords.
 */
import { randomBytes } from "node:crypto";
import { findPersonByEmail, updatePasswordHash } from "../db/organisation.repository.js";
import { notFound } from "../domain/errors.js";
import { hashPassword } from "./add-person.js";
import { type AppDeps, inTransaction } from "./context.js";

/** 18 random bytes: ~144 bits, readable enough to type once. */
export const newInitialPassword = () => randomBytes(18).toString("base64url");

export async function resetPassword(
  deps: AppDeps,
  email: string,
): Promise<{ name: string; password: string }> {
  const password = newInitialPassword();
  const hash = await hashPassword(password);
  return inTransaction(deps, async (tx) => {
    const person = await findPersonByEmail(tx, email.trim());
    if (!person) throw notFound(`The person ${email.trim().toLowerCase()}`);
    await updatePasswordHash(tx, person.id, hash);
    return { name: person.name, password };
  });
}
