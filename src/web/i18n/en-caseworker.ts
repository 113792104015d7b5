import type { daCaseworker } from "./da-caseworker.js";

/** English: the caseworker's day — the case's facts at the top, the journal folded, returned drafts. */
export const enCaseworker: Record<keyof typeof daCaseworker, string> = {
  "caseworker.unit": "Unit",
  "caseworker.unit.none": "None (the whole authority)",
  "caseworker.decision": "Decision complained of",
  "caseworker.decision.date": "of {date}",
  "caseworker.decision.reference": "ref. {reference}",
  "caseworker.decision.area": "area: {area}",
  "caseworker.decision.fastTrack": "fast track",
  "caseworker.late": "Complained late",
  "caseworker.journal.summary": "Journal ({n} entries)",
  "caseworker.tag.returned": "Draft returned",
};
