/** The complaint case as plain data (SPEC §2). Everything that changes is journalised. */

import type { DeadlineReckoning } from "./deadline-reckoning.js";
import type {
  AppealsResult,
  CaseStatus,
  CaseType,
  Channel,
  Confidentiality,
  ContactChannel,
  DeadlineKind,
  Outcome,
  ReassessmentResult,
  Source,
} from "./vocabulary.js";

export interface Complainant {
  anonymous: boolean;
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** CPR / fødselsnummer: protected, shown masked, never logged */
  nationalId: string | null;
}

export interface Representative {
  name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  /** letters go to the representative once the written power of attorney is received */
  powerOfAttorneyReceived: boolean;
}

export interface DecisionComplainedOf {
  date: string | null;
  reference: string | null;
  area: string | null;
  fastTrack: boolean;
  /** received after the citizen's complaint window: flagged, never refused */
  late: boolean;
}

export interface Handler {
  personId: string;
  part: string;
  /** a handler's part of a combined reply, journalised when given */
  partReply: { body: string; at: string } | null;
}

export interface Approval {
  personId: string;
  stage: string;
  at: string;
}

export interface Draft {
  body: string;
  drafterId: string;
  submittedAt: string;
  /** the coordinator's combined reply for several handlers */
  combined: boolean;
  approvals: Approval[];
}

export interface Extension {
  from: string;
  to: string;
  reason: string;
  at: string;
  byId: string | null;
}

export interface Deadline {
  kind: DeadlineKind;
  dueDate: string;
  /** compliance is measured against this, whatever extensions follow */
  originalDueDate: string;
  explanation: string;
  /** how the date was computed, as data (absent on deadlines planned before it was kept) */
  reckoning?: DeadlineReckoning | null;
  metAt: string | null;
  missedAt: string | null;
  remindedAt: string | null;
  extensions: Extension[];
}

export interface CaseTask {
  key: string;
  doneAt: string | null;
  /** the note of what was done, or the reason it was waived */
  note: string | null;
  byId: string | null;
  /** left out deliberately (waive-task), with the reason as its note */
  waived?: boolean;
}

export interface Contact {
  channel: ContactChannel;
  at: string;
  byId: string;
}

export interface CaseLink {
  caseId: string;
  /** the case answered for all when linked cases are merged; null when only related */
  leadCaseId: string | null;
}

export interface AppealRoute {
  /** the decision area it was chosen for; null: the procedure's default */
  area: string | null;
  name: { da?: string; nb?: string; en?: string };
  how: { da?: string; nb?: string; en?: string };
  timeLimit: { da?: string; nb?: string; en?: string } | null;
}

export interface LegalReview {
  requestedAt: string;
  /** why it was sampled: every nth case, or its outcome */
  reason: "sample" | "outcome" | "voluntary";
  finding: "lawful" | "issues" | null;
  note: string | null;
  reviewedAt: string | null;
  byId: string | null;
}

export interface ComplaintCase {
  id: string;
  organisationId: string;
  reference: string;
  procedureId: string;
  procedureVersion: number;
  status: CaseStatus;
  type: CaseType;
  category: string | null;
  channel: Channel;
  source: Source;
  confidentiality: Confidentiality;
  unitId: string | null;
  personComplainedAboutId: string | null;
  subject: string;
  description: string;
  receivedAt: string;
  /** when the acknowledgement was given (once per case) */
  acknowledgedAt: string | null;
  complainant: Complainant;
  representative: Representative | null;
  decision: DecisionComplainedOf | null;
  handlers: Handler[];
  coordinatorId: string | null;
  approverId: string | null;
  signatoryId: string | null;
  draft: Draft | null;
  lastReturnReason: string | null;
  outcome: Outcome | null;
  measures: string | null;
  rootCauses: string[];
  resolution: "formal" | "informal" | null;
  reassessment: { result: ReassessmentResult; body: string; decidedAt: string; byId: string } | null;
  appealsBoard: {
    forwardedAt: string;
    result: AppealsResult | null;
    decidedAt: string | null;
    /** "rest": a partly changed decision — the new decision went to the citizen, the rest here */
    part?: "whole" | "rest";
  } | null;
  /** a redirected decision complaint: the appeal body the citizen was guided to (seed 001-9) */
  appealRoute?: AppealRoute | null;
  /** the legal reviewer's validation of an answered case (seed 001-13) */
  legalReview?: LegalReview | null;
  links: CaseLink[];
  tasks: CaseTask[];
  contacts: Contact[];
  deadlines: Deadline[];
  deviations: { deadlineKind: DeadlineKind; dueDate: string; recordedAt: string }[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** optimistic concurrency: a write succeeds only on the version it read */
  version: number;
}

/** The deadlines that still run: not met, not informational. */
export function openDeadlines(c: Pick<ComplaintCase, "deadlines" | "status">): Deadline[] {
  if (["closed", "withdrawn", "not_a_complaint"].includes(c.status)) return [];
  // Cases answered before the reply met these (older rows): acknowledging and routing are moot.
  const replied = c.status === "answered" || c.status === "forwarded_to_appeals_board";
  return c.deadlines.filter(
    (d) =>
      d.metAt === null &&
      d.kind !== "complaintWindow" &&
      !(replied && (d.kind === "acknowledge" || d.kind === "route")),
  );
}

export function nextDeadline(c: Pick<ComplaintCase, "deadlines" | "status">): Deadline | null {
  const open = openDeadlines(c);
  open.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return open[0] ?? null;
}

/** Who letters go to: the representative once the power of attorney is in, never an anonymous person. */
export function letterRecipient(c: ComplaintCase): "complainant" | "representative" | null {
  if (c.complainant.anonymous) return null;
  if (c.representative?.powerOfAttorneyReceived) return "representative";
  return "complainant";
}

export { maskNationalId } from "./national-id.js";
