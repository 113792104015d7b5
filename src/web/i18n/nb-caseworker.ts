import type { daCaseworker } from "./da-caseworker.js";

/** Norsk bokmål: saksbehandlerens dag — sakens fakta øverst, journalen foldet inn, returnerte utkast. */
export const nbCaseworker: Record<keyof typeof daCaseworker, string> = {
  "caseworker.unit": "Enhet",
  "caseworker.unit.none": "Ingen (hele virksomheten)",
  "caseworker.decision": "Vedtaket det klages over",
  "caseworker.decision.date": "av {date}",
  "caseworker.decision.reference": "saksnr. {reference}",
  "caseworker.decision.area": "område: {area}",
  "caseworker.decision.fastTrack": "hurtigspor",
  "caseworker.late": "Klaget for seint",
  "caseworker.journal.summary": "Journal ({n} poster)",
  "caseworker.tag.returned": "Utkast returnert",
};
