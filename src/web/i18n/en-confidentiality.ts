/** English: confidentiality on the case page (decision 0007). */
import type { daConfidentiality } from "./da-confidentiality.js";

export const enConfidentiality: Record<keyof typeof daConfidentiality, string> = {
  "staff.case.linkedConfidential": "a linked confidential case",
  "command.set-confidentiality": "Change confidentiality",
  "field.level": "Confidentiality",
  "journal.confidentiality": "Confidentiality: {from} → {to}",
};
