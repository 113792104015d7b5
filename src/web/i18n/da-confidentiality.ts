/** Danish: confidentiality on the case page (decision 0007). */
export const daConfidentiality = {
  "staff.case.linkedConfidential": "en tilknyttet fortrolig sag",
  "command.set-confidentiality": "Ændr fortrolighed",
  "field.level": "Fortrolighed",
  "journal.confidentiality": "Fortrolighed: {from} → {to}",
};
