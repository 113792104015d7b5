/** Dansk: sagsbehandlerens dag — sagens fakta øverst, journalen foldet ind, returnerede udkast. */
export const daCaseworker = {
  "caseworker.unit": "Enhed",
  "caseworker.unit.none": "Ingen (hele myndigheden)",
  "caseworker.decision": "Afgørelsen der klages over",
  "caseworker.decision.date": "af {date}",
  "caseworker.decision.reference": "sagsnr. {reference}",
  "caseworker.decision.area": "område: {area}",
  "caseworker.decision.fastTrack": "hurtigt spor",
  "caseworker.late": "Klaget for sent",
  "caseworker.journal.summary": "Journal ({n} poster)",
  "caseworker.tag.returned": "Udkast returneret",
};
