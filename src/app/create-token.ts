/** A new API token for a person: the plain token is shown once; only its hash is stored. */
import { findPersonByEmail, insertApiToken } from "../db/organisation.repository.js";
import { notFound } from "../domain/errors.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import { hashSecret, newSecret } from "./secrets.js";

export function createToken(deps: AppDeps, email: string): Promise<string> {
  return inTransaction(deps, async (tx) => {
    const person = await findPersonByEmail(tx, email.trim());
    if (!person) throw notFound(`A person with the e-mail ${email.trim().toLowerCase()}`);
    const token = newSecret("kla");
    await insertApiToken(tx, deps.newId(), person.id, hashSecret(token), nowIso(deps));
    return token;
  });
}
