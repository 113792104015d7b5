/** Danish: journal lines of linking seen from the other case (decision 0008). */
export const daPrivacy = {
  "staff.case.nationalId": "CPR-nr.",
  "journal.linkedFrom": "Knyttet hertil fra {reference}",
  "journal.linkedFromLead": "Knyttet hertil fra {reference} (denne sag besvarer begge)",
  "journal.linkedFromConfidential": "Knyttet hertil fra en fortrolig sag",
  "journal.linkedFromConfidentialLead": "Knyttet hertil fra en fortrolig sag (denne sag besvarer begge)",
};
