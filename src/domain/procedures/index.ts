/** The five procedures Klara ships (SPEC §5), each validated by the procedure schema at load. */
import { notFound } from "../errors.js";
import { ProcedureDefinition } from "../procedure.js";
import { dkAbc } from "./dk-abc.js";
import { dkCentralUnit } from "./dk-central-unit.js";
import { dkEmployment } from "./dk-employment.js";
import { dkSchool } from "./dk-school.js";
import { noWorkplace } from "./no-workplace.js";

export { dkAbc, dkCentralUnit, dkEmployment, dkSchool, noWorkplace };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Parsed (defaults filled in) and deeply frozen: copy one (structuredClone) to adjust it. */
export const SHIPPED_PROCEDURES: readonly ProcedureDefinition[] = deepFreeze(
  [dkSchool, dkCentralUnit, dkAbc, noWorkplace, dkEmployment].map((raw) => ProcedureDefinition.parse(raw)),
);

/** The shipped procedure with this id; throws a not_found KlaraError when there is none. */
export function shippedProcedure(id: string): ProcedureDefinition {
  const found = SHIPPED_PROCEDURES.find((p) => p.id === id);
  if (!found) throw notFound(`The procedure "${id}"`);
  return found;
}
