/** Norwegian: the case commands' own words — waiving a task, who approves, why a reply waits. */
import type { daCommands } from "./da-commands.js";

export const nbCommands: Record<keyof typeof daCommands, string> = {
  "command.waive-task": "Unnlat en oppgave (med begrunnelse)",
  "journal.taskWaived": "Oppgave unnlatt: {task}",
  "refusal.tasks_required": "prosedyrens oppgaver må først utføres eller unnlates med en begrunnelse.",
  "staff.case.expectedApproval": "Venter på godkjenning ({stage}) fra: {people}",
  "staff.case.expectedApprovalNobody": "Venter på godkjenning ({stage}); ingen leder med myndighet funnet.",
  "lead.this": "Ja, denne saken er hovedsak og besvarer begge",
  "journal.linkedTogether": "Knyttet til {reference} (besvares samlet med denne saken)",
  "command.correct": "Rett sakens opplysninger",
  "field.unit": "Enhet (kode, tom: uendret)",
  "field.decisionDate": "Vedtakets dato (år-måned-dag)",
  "field.decisionReference": "Vedtakets saksnummer",
  "journal.corrected": "Opplysninger rettet",
  "approvalStage.head of department": "fagsjef",
  "approvalStage.director": "direktør",
  "approvalStage.leader with decision authority": "leder med beslutningsmyndighet",
  "staff.case.taskWaived": "Unnlatt",
  // legal validation (seed 001-13)
  "command.record-legal-review": "Registrer juridisk validering",
  "field.finding": "Juridisk vurdering",
  "legalFinding.lawful": "Lovlig",
  "legalFinding.issues": "Det er problemer",
  "journal.legalReviewRequested": "Juridisk validering bedt om",
  "journal.legalReviewLawful": "Juridisk validering: lovlig",
  "journal.legalReviewIssues": "Juridisk validering: det er problemer",
  "journal.newDecisionRest": "Nytt vedtak sendt til innbyggeren; resten sendes til {body}",
  "journal.forwardedRest": "Oversendt til {body}: den opprettholdte delen av vedtaket",
  "journal.guidedToAppealBody": "Veiledet om klageinstans: {body}",
};
