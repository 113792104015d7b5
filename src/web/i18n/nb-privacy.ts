/** Norwegian: journal lines of linking seen from the other case (decision 0008). */
import type { daPrivacy } from "./da-privacy.js";

export const nbPrivacy: Record<keyof typeof daPrivacy, string> = {
  "staff.case.nationalId": "fødselsnr.",
  "journal.linkedFrom": "Knyttet hit fra {reference}",
  "journal.linkedFromLead": "Knyttet hit fra {reference} (denne saken besvarer begge)",
  "journal.linkedFromConfidential": "Knyttet hit fra en fortrolig sak",
  "journal.linkedFromConfidentialLead": "Knyttet hit fra en fortrolig sak (denne saken besvarer begge)",
};
