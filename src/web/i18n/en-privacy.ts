/** English: journal lines of linking seen from the other case (decision 0008). */
import type { daPrivacy } from "./da-privacy.js";

export const enPrivacy: Record<keyof typeof daPrivacy, string> = {
  "staff.case.nationalId": "national id",
  "journal.linkedFrom": "Linked from {reference}",
  "journal.linkedFromLead": "Linked from {reference} (this case answers both)",
  "journal.linkedFromConfidential": "Linked from a confidential case",
  "journal.linkedFromConfidentialLead": "Linked from a confidential case (this case answers both)",
};
