/** The categories of an organisation's procedures by code, named in the reader's language. */
import type { OrganisationProcedure } from "../app/organisation-procedures.js";
import { inLanguage, type Language } from "./i18n/messages.js";

/** A code two procedures share is one entry, named as the first procedure names it. */
export function categoryNames(
  procedures: readonly OrganisationProcedure[],
  lang: Language,
): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of procedures) {
    for (const c of p.categories) if (!names.has(c.code)) names.set(c.code, inLanguage(c.name, lang, c.code));
  }
  return names;
}
