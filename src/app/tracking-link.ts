/**
 * The citizen's tracking link in their letters (decision 0025): the case's tracking token is kept
 * sealed (only from migration T34 on), opened when a letter to the complainant's side is rendered and
 * put in its `trackingLink` merge field. The journal's copy has the token cut out
 * (`withoutLinkTokens`); a case stored before the token was kept gets letters without the link.
 */
import { trackingTokenOf } from "../db/tracking-token.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { LetterDraft } from "../domain/case-effects.js";
import { type AppDeps, publicLink, type Tx } from "./context.js";

export const TRACKING_PATH = "/complaints/status/";

/** Only the complainant and the representative who gets their letters may hold the link. */
const GETS_THE_LINK: ReadonlySet<string> = new Set(["complainant", "representative"]);

export async function withTrackingLink(
  deps: AppDeps,
  tx: Tx,
  c: Pick<ComplaintCase, "id">,
  drafts: readonly LetterDraft[],
): Promise<LetterDraft[]> {
  if (!drafts.some((d) => GETS_THE_LINK.has(d.to))) return [...drafts];
  const token = await trackingTokenOf(tx, c.id);
  return drafts.map((d) => {
    // a field of that name from elsewhere never reaches a letter: only the case's own link
    const { trackingLink: _, ...fields } = d.fields;
    return token && GETS_THE_LINK.has(d.to)
      ? { ...d, fields: { ...fields, trackingLink: publicLink(deps, `${TRACKING_PATH}${token}`) } }
      : { ...d, fields };
  });
}
