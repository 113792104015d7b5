/** Danish: the case commands' own words — waiving a task, who approves, why a reply waits. */
export const daCommands = {
  "command.waive-task": "Undlad en opgave (med begrundelse)",
  "journal.taskWaived": "Opgave undladt: {task}",
  "refusal.tasks_required": "procedurens opgaver skal først udføres eller undlades med en begrundelse.",
  "staff.case.expectedApproval": "Afventer godkendelse ({stage}) fra: {people}",
  "staff.case.expectedApprovalNobody": "Afventer godkendelse ({stage}); ingen leder med kompetence fundet.",
  "lead.this": "Ja, denne sag er hovedsag og besvarer begge",
  "journal.linkedTogether": "Knyttet til {reference} (besvares samlet med denne sag)",
  "command.correct": "Ret sagens oplysninger",
  "field.unit": "Enhed (kode, tom: uændret)",
  "field.decisionDate": "Afgørelsens dato (år-måned-dag)",
  "field.decisionReference": "Afgørelsens journalnummer",
  "journal.corrected": "Oplysninger rettet",
  "approvalStage.head of department": "fagchef",
  "approvalStage.director": "direktør",
  "approvalStage.leader with decision authority": "leder med kompetence",
  "staff.case.taskWaived": "Undladt",
  // legal validation (seed 001-13)
  "command.record-legal-review": "Registrér juridisk validering",
  "field.finding": "Juridisk vurdering",
  "legalFinding.lawful": "Lovlig",
  "legalFinding.issues": "Der er problemer",
};
