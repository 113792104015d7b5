/**
 * What `klara serve` may serve (API.md extension "The demo is never loaded by klara serve"): plain
 * serve needs an organisation and never loads the demo; `serve --demo` loads the demo into an empty
 * database, serves a database the demo made, and refuses any other.
 */
import { isDemoDatabase } from "../db/installation.repository.js";
import { countAll } from "../db/organisation.repository.js";
import { KlaraError } from "../domain/errors.js";
import type { AppDeps } from "./context.js";
import { type DemoLoaded, loadDemo } from "./load-demo.js";

/** The one line for a database with no organisation (also used for a missing database file). */
export function noOrganisationMessage(target: string): string {
  return (
    `${target} has no organisation, so there is nothing to serve: run "klara demo --db ${target}" to try ` +
    `Klara with demo data, or "klara organisation add" (or "klara setup apply FILE") to set up your own.`
  );
}

/**
 * Checks the database before serving; with `demo`, loads the demo into an empty one.
 * Returns what the demo loaded (null when nothing was loaded).
 */
export async function prepareToServe(
  deps: AppDeps,
  options: { demo: boolean; target: string },
): Promise<DemoLoaded | null> {
  const organisations = await countAll(deps.db.kysely);
  if (!options.demo) {
    if (organisations === 0) throw new KlaraError("conflict", noOrganisationMessage(options.target));
    return null;
  }
  if (await isDemoDatabase(deps.db.kysely)) return null;
  if (organisations > 0) {
    throw new KlaraError(
      "conflict",
      `${options.target} holds data the demo did not create, and "serve --demo" serves only a demo ` +
        `database: run "klara serve" without --demo, or give --db a new file for the demo.`,
    );
  }
  return loadDemo(deps);
}
