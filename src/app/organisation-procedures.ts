/**
 * The procedures of the reader's own organisation with their current categories, read in one
 * transaction: for choosing a procedure or category by name (search, numbers). No rules, no cases.
 */
import { findProcedure, listProcedures } from "../db/organisation.repository.js";
import type { Category } from "../domain/procedure.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";

export interface OrganisationProcedure {
  id: string;
  name: string;
  categories: Pick<Category, "code" | "name">[];
}

export function listOrganisationProcedures(deps: AppDeps, actor: Actor): Promise<OrganisationProcedure[]> {
  return inTransaction(deps, async (tx) => {
    const heads = await listProcedures(tx, actor.organisationId);
    return Promise.all(
      heads.map(async (h) => {
        // versions never change: read once per database handle
        const version = await findProcedure(tx, h.id, h.version, deps.db.procedureCache);
        return {
          id: h.id,
          name: h.name,
          categories: (version?.definition.categories ?? []).map((c) => ({ code: c.code, name: c.name })),
        };
      }),
    );
  });
}
