/** The categories of an organisation's procedures by code, named in the reader's language. */
import type { AppDeps } from "../app/context.js";
import { getPublicProcedure } from "../app/public-procedures.js";
import { inLanguage, type Language } from "./i18n/messages.js";

/** A code two procedures share is one entry, named as the first procedure names it. */
export async function categoryNames(
  deps: AppDeps,
  procedures: readonly { id: string }[],
  lang: Language,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const p of procedures) {
    for (const c of (await getPublicProcedure(deps, p.id)).procedure.categories) {
      if (!names.has(c.code)) names.set(c.code, inLanguage(c.name, lang, c.code));
    }
  }
  return names;
}
