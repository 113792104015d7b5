/**
 * The directory of API.md: the staff person's own organisation, its units, people and procedures.
 * Integrations use it to turn unit codes and e-mail addresses into ids.
 */
import { listProcedures, loadDirectory } from "../db/organisation.repository.js";
import { seesDirectory } from "../domain/case-policy.js";
import { forbidden, notFound } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";

export interface DirectoryView {
  organisations: { id: string; name: string; country: string; timeZone: string }[];
  units: {
    id: string;
    code: string;
    name: string;
    parentId: string | null;
    managerId: string | null;
    organisationId: string;
    /** false once deactivated: kept, since cases refer to it */
    active: boolean;
  }[];
  people: { id: string; email: string; name: string; unitId: string; roles: string[] }[];
  procedures: { id: string; name: string; organisationId: string }[];
}

export async function getDirectory(deps: AppDeps, actor: Actor): Promise<DirectoryView> {
  // who works where is itself personal data: only for people with a role (issue 10)
  if (!seesDirectory(actor)) throw forbidden("The directory is for staff with a role.");
  return inTransaction(deps, async (tx) => {
    const [directory, procedures] = await Promise.all([
      loadDirectory(tx, actor.organisationId),
      listProcedures(tx, actor.organisationId),
    ]);
    if (!directory) throw notFound("Your organisation");
    const { organisation: o } = directory;
    return {
      organisations: [{ id: o.id, name: o.name, country: o.country, timeZone: o.timeZone }],
      units: [...directory.units.values()].map((u) => ({
        id: u.id,
        code: u.code,
        name: u.name,
        parentId: u.parentId,
        managerId: u.managerId,
        organisationId: u.organisationId,
        active: u.active,
      })),
      people: [...directory.people.values()]
        .filter((p) => p.active)
        .map((p) => ({ id: p.id, email: p.email, name: p.name, unitId: p.unitId, roles: [...p.roles] })),
      procedures: procedures.map((p) => ({ id: p.id, name: p.name, organisationId: p.organisationId })),
    };
  });
}
