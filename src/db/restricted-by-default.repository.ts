/**
 * Whether a restricted case is restricted only by its procedure's default (seed 003;
 * `restrictedOnlyByDefault` in case-policy.ts), judged by the procedure version the case was
 * handled under. One judge for the statistics' three readers — a case write, the rebuild and the
 * raw path — so a case is never counted one way when written and another when recomputed.
 */
import type { Kysely } from "kysely";
import { restrictedOnlyByDefault } from "../domain/case-policy.js";
import type { ProcedureDefinition, ProcedureVersion } from "../domain/procedure.js";
import { findProcedure } from "./organisation.repository.js";
import type { Database } from "./schema.js";

export interface RestrictableCase {
  confidentiality: string;
  personComplainedAboutId: string | null;
  category: string | null;
  procedureId: string;
  procedureVersion: number;
}

/** A judge that reads each procedure version once (a rebuild judges millions of cases). */
export function restrictedByDefaultJudge(
  db: Kysely<Database>,
  cache?: Map<string, ProcedureVersion>,
): (c: RestrictableCase) => Promise<boolean> {
  const definitions = new Map<string, ProcedureDefinition | undefined>();
  return async (c) => {
    // a normal case is not restricted at all: no definition to read
    if (c.confidentiality === "normal") return false;
    const key = `${c.procedureId}@${c.procedureVersion}`;
    if (!definitions.has(key))
      definitions.set(key, (await findProcedure(db, c.procedureId, c.procedureVersion, cache))?.definition);
    return restrictedOnlyByDefault(c, definitions.get(key));
  };
}
