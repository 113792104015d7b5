/** English: the case commands' own words — waiving a task, who approves, why a reply waits. */
import type { daCommands } from "./da-commands.js";

export const enCommands: Record<keyof typeof daCommands, string> = {
  "command.waive-task": "Leave out a task (with a reason)",
  "journal.taskWaived": "Task left out: {task}",
  "refusal.tasks_required": "the procedure's tasks must be done or left out with a reason first.",
  "staff.case.expectedApproval": "Awaiting approval ({stage}) by: {people}",
  "staff.case.expectedApprovalNobody": "Awaiting approval ({stage}); no leader with authority was found.",
  "lead.this": "Yes, this case leads and answers both",
  "journal.linkedTogether": "Linked to {reference} (answered together with this case)",
  "command.correct": "Correct the case's facts",
  "field.unit": "Unit (code; empty: unchanged)",
  "field.decisionDate": "Date of the decision (year-month-day)",
  "field.decisionReference": "Reference of the decision",
  "journal.corrected": "Facts corrected",
  "approvalStage.head of department": "head of department",
  "approvalStage.director": "director",
  "approvalStage.leader with decision authority": "leader with decision authority",
  "staff.case.taskWaived": "Left out",
  // legal validation (seed 001-13)
  "command.record-legal-review": "Record legal validation",
  "field.finding": "Legal finding",
  "legalFinding.lawful": "Lawful",
  "legalFinding.issues": "Issues found",
  "journal.legalReviewRequested": "Legal validation requested",
  "journal.legalReviewLawful": "Legal validation: lawful",
  "journal.legalReviewIssues": "Legal validation: issues found",
  "journal.newDecisionRest": "New decision sent to the citizen; the rest goes to {body}",
  "journal.forwardedRest": "Forwarded to {body}: the part of the decision upheld",
  "journal.guidedToAppealBody": "Guided to the appeal body: {body}",
};
