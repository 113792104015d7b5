/**
 * The lifecycle as a transition table (SPEC §3): for each command, the states it may run from.
 * Guards beyond the state (approval, four eyes, notes, outcome) live with each command in
 * case-commands.ts; every refusal is a KlaraError "invalid_state" with a reason, never a no-op.
 */
import type { ComplaintCase } from "./case.js";
import { invalidState } from "./errors.js";
import type { CaseStatus } from "./vocabulary.js";

export const COMMANDS = [
  "confirm-complaint",
  "mark-not-a-complaint",
  "acknowledge",
  "classify",
  "correct",
  "assign",
  "record-contact",
  "add-note",
  "record-power-of-attorney",
  "complete-task",
  "waive-task",
  "submit-draft",
  "approve",
  "return-draft",
  "send-reply",
  "notify-delay",
  "set-deadline",
  "decide-reassessment",
  "forward-to-appeals-board",
  "record-appeals-decision",
  "link",
  "withdraw",
  "close",
  "reopen",
  "set-confidentiality",
  "record-legal-review",
  "send-handler-link",
] as const;
export type CommandName = (typeof COMMANDS)[number];

const WORKING: CaseStatus[] = ["received", "acknowledged", "assigned", "in_progress", "reopened"];
const NOT_ENDED: CaseStatus[] = [
  "pending_confirmation",
  ...WORKING,
  "awaiting_approval",
  "in_reassessment",
  "forwarded_to_appeals_board",
  "answered",
];
const ANY: CaseStatus[] = [...NOT_ENDED, "closed", "withdrawn", "not_a_complaint"];

/** command → states it may run from. The state it leads to is decided by the command (some branch). */
export const ALLOWED_FROM: Record<CommandName, readonly CaseStatus[]> = {
  "confirm-complaint": ["pending_confirmation"],
  "mark-not-a-complaint": ["pending_confirmation", "received", "acknowledged", "assigned", "in_progress"],
  acknowledge: ["received", "assigned", "in_progress", "in_reassessment"],
  classify: [...WORKING, "pending_confirmation", "in_reassessment"],
  // the facts registered at intake, corrected while the case runs
  correct: NOT_ENDED,
  assign: [...WORKING, "in_reassessment"],
  "record-contact": NOT_ENDED,
  "add-note": ANY,
  "record-power-of-attorney": NOT_ENDED,
  "complete-task": [...WORKING, "awaiting_approval", "in_reassessment"],
  "waive-task": [...WORKING, "awaiting_approval", "in_reassessment"],
  "submit-draft": ["assigned", "in_progress", "reopened"],
  approve: ["awaiting_approval"],
  "return-draft": ["awaiting_approval"],
  "send-reply": ["assigned", "in_progress", "awaiting_approval", "reopened", "acknowledged", "received"],
  "notify-delay": [...WORKING, "awaiting_approval", "in_reassessment"],
  "set-deadline": [...WORKING, "awaiting_approval", "in_reassessment"],
  "decide-reassessment": ["in_reassessment"],
  // answered: a partly changed decision's rest, after the new decision's reply (seed 004-28)
  "forward-to-appeals-board": ["in_reassessment", "in_progress", "awaiting_approval", "answered"],
  "record-appeals-decision": ["forwarded_to_appeals_board", "closed"],
  link: ANY,
  withdraw: NOT_ENDED.filter((s) => s !== "answered"),
  close: ["answered", "forwarded_to_appeals_board"],
  reopen: ["answered", "closed"],
  // who may see a case can change in any state (decision 0007)
  "set-confidentiality": ANY,
  // a legal reviewer validates an answered case, also after it is closed (seed 001-13)
  "record-legal-review": ["answered", "forwarded_to_appeals_board", "closed"],
  // a handler without an account gets the case by a personal link: where assigning could (decision 0017)
  "send-handler-link": [...WORKING, "in_reassessment"],
};

/** Every (command, state) pair, allowed or not: the table the tests walk. */
export function canRunFrom(command: CommandName, status: CaseStatus): boolean {
  return ALLOWED_FROM[command].includes(status);
}

export function assertCanRun(command: CommandName, c: Pick<ComplaintCase, "status">): void {
  if (!canRunFrom(command, c.status)) {
    throw invalidState(
      "state_forbids_command",
      `The command "${command}" is not allowed while the case is "${c.status}".`,
    );
  }
}

/** The commands a person could try now, for "exactly the actions the state allows". */
export function commandsAllowedIn(status: CaseStatus): CommandName[] {
  return COMMANDS.filter((c) => canRunFrom(c, status));
}
