/**
 * What the public complaint form needs to know, and nothing more: organisations with their
 * procedures, and for one procedure its categories, its units and whether it takes anonymous or
 * decision complaints. No people, no cases.
 */
import {
  findProcedure,
  listOrganisations,
  listProcedures,
  loadDirectory,
} from "../db/organisation.repository.js";
import { notFound } from "../domain/errors.js";
import type { Locale } from "../domain/organisation.js";
import { type AppDeps, inTransaction } from "./context.js";

export interface PublicOrganisation {
  id: string;
  name: string;
  locale: Locale;
  procedures: { id: string; name: string; publicName: Partial<Record<Locale, string>> }[];
}

export interface PublicProcedure {
  organisation: { id: string; name: string; locale: Locale; timeZone: string };
  procedure: {
    id: string;
    name: string;
    /** what it takes complaints about, in citizens' words (falls back to `name`) */
    publicName: Partial<Record<Locale, string>>;
    allowAnonymous: boolean;
    /** complaints against a decision: the form asks for the decision's date and reference */
    decisionComplaints: boolean;
    categories: { code: string; name: Partial<Record<Locale, string>> }[];
    allowedSources: string[];
    /** inquiries that the citizen must confirm as a formal complaint (dk-central-unit) */
    confirmFormalComplaint: boolean;
  };
  units: { code: string; name: string }[];
}

export function listPublicProcedures(deps: AppDeps): Promise<PublicOrganisation[]> {
  return inTransaction(deps, async (tx) => {
    const [organisations, procedures] = await Promise.all([listOrganisations(tx), listProcedures(tx)]);
    // the current definitions (cached by version) hold the names citizens know the procedures by
    const publicNames = new Map<string, Partial<Record<Locale, string>>>();
    for (const p of procedures) {
      const found = await findProcedure(tx, p.id, p.version, deps.db.procedureCache);
      publicNames.set(p.id, { ...found?.definition.publicName });
    }
    return organisations.map((o) => ({
      id: o.id,
      name: o.name,
      locale: o.locale,
      procedures: procedures
        .filter((p) => p.organisationId === o.id)
        .map((p) => ({ id: p.id, name: p.name, publicName: publicNames.get(p.id) ?? {} })),
    }));
  });
}

export function getPublicProcedure(deps: AppDeps, procedureId: string): Promise<PublicProcedure> {
  return inTransaction(deps, async (tx) => {
    const found = await findProcedure(tx, procedureId, undefined, deps.db.procedureCache);
    if (!found) throw notFound("The complaint procedure");
    const directory = await loadDirectory(tx, found.organisationId);
    if (!directory) throw notFound("The complaint procedure's organisation");
    const d = found.definition;
    const o = directory.organisation;
    return {
      organisation: { id: o.id, name: o.name, locale: o.locale, timeZone: o.timeZone },
      procedure: {
        id: found.id,
        name: d.name,
        publicName: { ...d.publicName },
        allowAnonymous: d.allowAnonymous,
        decisionComplaints:
          d.defaultType === "decision" ||
          d.appealsBody !== undefined ||
          d.categories.some((c) => c.type === "decision"),
        categories: d.categories.map((c) => ({ code: c.code, name: c.name })),
        allowedSources: [...d.allowedSources],
        confirmFormalComplaint: d.confirmFormalComplaint,
      },
      units: [...directory.units.values()]
        .filter((u) => u.parentId !== null && u.active)
        .map((u) => ({ code: u.code, name: u.name }))
        .sort((a, b) => a.name.localeCompare(b.name, o.locale)),
    };
  });
}
