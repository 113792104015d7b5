/** Norwegian (bokmål): confidentiality on the case page (decision 0007). */
import type { daConfidentiality } from "./da-confidentiality.js";

export const nbConfidentiality: Record<keyof typeof daConfidentiality, string> = {
  "staff.case.linkedConfidential": "en tilknyttet fortrolig sak",
  "command.set-confidentiality": "Endre fortrolighet",
  "field.level": "Fortrolighet",
  "journal.confidentiality": "Fortrolighet: {from} → {to}",
};
