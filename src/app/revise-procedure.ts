/**
 * An admin revises a procedure's deadline lengths and its categories (names, routing rule,
 * confidentiality; a new category added, an old one retired). The result is a new version,
 * validated like any procedure; cases keep the version they were registered under, new complaints
 * get the new one.
 */
import { findProcedure, insertProcedureVersion, loadDirectory } from "../db/organisation.repository.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, invalidInput, notFound } from "../domain/errors.js";
import { type Category, ProcedureDefinition } from "../domain/procedure.js";
import type { DeadlineUnit } from "../domain/vocabulary.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";

export interface ProcedureRevision {
  /** one entry per deadline rule, in the procedure's order */
  deadlines: { length: number; unit: DeadlineUnit }[];
  /**
   * one entry per category, in the procedure's order (codes stay: cases refer to them); a retired
   * category is left out of the new version, and cases filed under it keep it
   */
  categories: (Pick<Category, "name" | "handler" | "confidentiality"> & { retire?: boolean })[];
  /** a category added at the end */
  added?: Pick<Category, "code" | "name" | "handler" | "confidentiality">;
  /** topic (category code) -> the code of the unit that handles it ("topic_unit"); left out, kept */
  topicUnits?: Record<string, string>;
}

export async function reviseProcedure(
  deps: AppDeps,
  actor: Actor,
  procedureId: string,
  revision: ProcedureRevision,
): Promise<number> {
  if (!isAdmin(actor)) throw forbidden("Only admins revise procedures.");
  return inTransaction(deps, async (tx) => {
    const current = await findProcedure(tx, procedureId, undefined, deps.db.procedureCache);
    if (!current || current.organisationId !== actor.organisationId) throw notFound("The procedure");
    const d = current.definition;
    if (
      revision.deadlines.length !== d.deadlines.length ||
      revision.categories.length !== d.categories.length
    ) {
      throw invalidInput([
        { path: "procedure", message: "The procedure changed meanwhile; reload and try again." },
      ]);
    }
    if (revision.added && d.categories.some((c) => c.code === revision.added?.code)) {
      throw invalidInput([
        { path: "added.code", message: "The procedure already has a category with this code." },
      ]);
    }
    const kept = d.categories.flatMap((c, i) => {
      const { retire, ...changed } = revision.categories[i] ?? {};
      return retire ? [] : [{ ...c, ...changed, code: c.code }];
    });
    if (revision.topicUnits) {
      const directory = await loadDirectory(tx, actor.organisationId);
      const unknown = Object.entries(revision.topicUnits).filter(
        ([, code]) => ![...(directory?.units.values() ?? [])].some((u) => u.code === code && u.active),
      );
      if (unknown.length)
        throw invalidInput(
          unknown.map(([topic]) => ({ path: `topicUnits.${topic}`, message: "No such active unit." })),
        );
    }
    const next = ProcedureDefinition.safeParse({
      ...d,
      topicUnits: revision.topicUnits ?? d.topicUnits,
      deadlines: d.deadlines.map((r, i) => ({ ...r, ...revision.deadlines[i] })),
      categories: revision.added ? [...kept, revision.added] : kept,
    });
    if (!next.success) {
      throw invalidInput(next.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
    }
    return insertProcedureVersion(tx, actor.organisationId, next.data, nowIso(deps));
  });
}
