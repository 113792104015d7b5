/** What routing needs to know of a case, including who the complainant is inside the organisation. */
import type { ComplaintCase } from "../domain/case.js";
import type { Directory } from "../domain/organisation.js";
import type { ProcedureDefinition } from "../domain/procedure.js";
import type { RoutingRequest } from "../domain/routing.js";

export function routingRequest(
  c: ComplaintCase,
  procedure: ProcedureDefinition,
  dir: Directory,
): RoutingRequest {
  return {
    procedure,
    category: c.category,
    unitId: c.unitId,
    personComplainedAboutId: c.personComplainedAboutId,
    complainantPersonId: complainantInDirectory(c, dir),
    source: c.source,
  };
}

/** An employee complaining (no-workplace) is found by e-mail, to route to their own superior. */
function complainantInDirectory(c: ComplaintCase, dir: Directory): string | null {
  const email = c.complainant.email?.toLowerCase();
  if (!email || c.complainant.anonymous) return null;
  for (const p of dir.people.values()) if (p.email === email) return p.id;
  return null;
}
