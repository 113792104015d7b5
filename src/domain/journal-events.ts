/**
 * What a journal entry records, as data: a code and its parameters (decision 0019). The English
 * title stored beside them is made from the same code and parameters here, so the record reads as
 * before while pages, letters and exports say it in the reader's language from the data.
 */
import type { DeadlineReckoning } from "./deadline-reckoning.js";

/** A parameter: JSON, so it is stored and hashed as written. */
export type EventParam =
  | string
  | number
  | boolean
  | null
  | readonly EventParam[]
  | { [key: string]: EventParam };

type None = Record<string, never>;
type Names = { da?: string; nb?: string; en?: string };

/** Every event code with its parameters. Codes are never renamed: stored entries carry them. */
export interface EventParams {
  received: { channel: string };
  acknowledged: None;
  status: { from: string; to: string };
  /** a deadline planned; `reckoning` is how its date was computed (deadline-reckoning.ts) */
  deadline_set: { kind: string; dueDate: string; reckoning: DeadlineReckoning | null };
  deadline_moved: { kind: string; from: string; to: string };
  delay: { kind: string; from: string; to: string };
  /** `dueDate`, `metAt` and `late` say the body ("Due …; met … (on time)") */
  deadline_met: { kind: string; dueDate?: string; metAt?: string; late?: boolean };
  /** `reckoning` says the body ("Recorded as a deviation. <explanation>") */
  deadline_missed: { kind: string; dueDate: string; reckoning?: DeadlineReckoning | null };
  letter: { template: string };
  copy_to_advisor: None;
  letter_failed: None;
  /** a letter for print marked printed and posted by staff (decision 0018) */
  letter_posted: None;
  assigned: None;
  classified: None;
  corrected: None;
  backdated: None;
  late: None;
  awaiting_confirmation: None;
  confirmed: None;
  not_a_complaint: None;
  withdrawn: None;
  reopened: None;
  previous_reply: None;
  information: None;
  attachments: None;
  poa_from_representative: None;
  poa_received: None;
  draft: None;
  combined_draft: None;
  draft_part: { part: string };
  approved: { stage: string };
  returned: None;
  reply: { outcome: string; informal: boolean };
  answered_with_lead: { reference: string; outcome: string | null };
  contact: { channel: string; at: string };
  /** `reference` null: the other case is confidential and not named */
  linked_from: { reference: string | null; lead: boolean };
  linked: { reference: string; how: "related" | "lead" | "together" };
  task_done: { task: string };
  task_waived: { task: string };
  reassessment: { result: string };
  /** `body` as named in the title; `names` the appeal body's name per language where known */
  new_decision_rest: { body: string };
  forwarded: { body: string; rest: boolean };
  guided_to_appeal_body: { body: string; names: Names };
  appeals_decision: { result: string; date: string };
  legal_review_requested: None;
  legal_review: { finding: "lawful" | "issues" };
  confidentiality: { from: string; to: string };
  handler_link_sent: None;
  external_handler_reply: None;
  letter_bounced: None;
  letter_digital_post: None;
  /** the complaint mailbox: a new case's message, and a message that landed on a case */
  complaint_by_email: None;
  email_received: None;
  /** a member of staff attached documents; `by` is their name as the title says it */
  documents_attached: { by: string };
}

export type JournalEventCode = keyof EventParams;

export type JournalEvent = { [C in JournalEventCode]: { code: C; params: EventParams[C] } }[JournalEventCode];

const FIXED: { [C in JournalEventCode]?: string } = {
  acknowledged: "Complaint acknowledged",
  copy_to_advisor: "Letter queued: copy to the citizens' advisor",
  letter_failed: "Letter not delivered",
  letter_posted: "Letter printed and posted",
  assigned: "Handlers assigned",
  classified: "Classified",
  corrected: "Corrected",
  backdated: "Receipt back-dated",
  late: "Received after the complaint window",
  awaiting_confirmation: "Awaiting confirmation that this is a formal complaint",
  confirmed: "The complainant confirmed a formal complaint",
  not_a_complaint: "Not a formal complaint",
  withdrawn: "Complaint withdrawn",
  reopened: "Reopened: the complainant is not satisfied",
  previous_reply: "Previous reply",
  information: "Information from the complainant",
  attachments: "Attachments from the complainant",
  poa_from_representative: "Power of attorney from the representative",
  poa_received: "Power of attorney received",
  draft: "Draft reply",
  combined_draft: "Combined reply drafted",
  returned: "Draft returned",
  legal_review_requested: "Legal validation requested",
  handler_link_sent: "Personal link sent to an external handler",
  external_handler_reply: "Reply or notes from the external handler",
  complaint_by_email: "The complaint by e-mail",
  email_received: "E-mail received on the case",
  letter_bounced: "Letter bounced",
  letter_digital_post: "Letter sent by Digital Post",
};

/** The codes whose title is fixed text, for readers that map titles back to codes. */
export const FIXED_TITLES: Readonly<Record<string, string>> = FIXED as Record<string, string>;

type Titles = { [C in JournalEventCode]?: (p: EventParams[C]) => string };

const LINK_HOW = { related: "", lead: " (lead)", together: " (answered together)" } as const;

const TITLES: Titles = {
  received: (p) => `Complaint received (${p.channel})`,
  status: (p) => `Status: ${p.from} → ${p.to}`,
  deadline_set: (p) => `Deadline set: ${p.kind} ${p.dueDate}`,
  deadline_moved: (p) => `Deadline set: ${p.kind} ${p.from} → ${p.to}`,
  delay: (p) => `Delay notice: ${p.kind} ${p.from} → ${p.to}`,
  deadline_met: (p) => `Deadline met: ${p.kind}`,
  deadline_missed: (p) => `Deadline missed: ${p.kind} (due ${p.dueDate})`,
  letter: (p) => `Letter queued: ${p.template}`,
  draft_part: (p) => `Part of the reply: ${p.part}`,
  approved: (p) => `Draft approved: ${p.stage}`,
  reply: (p) => `Reply sent: ${p.outcome}${p.informal ? " (resolved informally)" : ""}`,
  answered_with_lead: (p) => `Answered with the lead case ${p.reference}: ${p.outcome ?? "-"}`,
  contact: (p) => `Contact by ${p.channel} at ${p.at}`,
  linked_from: (p) =>
    `Linked from ${p.reference ?? "a confidential case"}${p.lead ? " (this case is the lead)" : ""}`,
  linked: (p) => `Linked to ${p.reference}${LINK_HOW[p.how]}`,
  task_done: (p) => `Task done: ${p.task}`,
  task_waived: (p) => `Task waived: ${p.task}`,
  reassessment: (p) => `Reassessment: ${p.result}`,
  new_decision_rest: (p) => `New decision sent to the citizen; the rest goes to ${p.body}`,
  forwarded: (p) =>
    p.rest ? `Forwarded to ${p.body}: the part of the decision upheld` : `Forwarded to ${p.body}`,
  guided_to_appeal_body: (p) => `Guided to the appeal body: ${p.body}`,
  appeals_decision: (p) => `Appeals board: ${p.result} (${p.date})`,
  documents_attached: (p) => `Documents attached by ${p.by}`,
  confidentiality: (p) => `Confidentiality: ${p.from} → ${p.to}`,
  legal_review: (p) => `Legal validation: ${p.finding === "lawful" ? "lawful" : "issues found"}`,
};

/** The English title stored for an event: the same text the engine always wrote. */
export function eventTitle(e: JournalEvent): string {
  const fixed = FIXED[e.code];
  if (fixed !== undefined) return fixed;
  const title = TITLES[e.code] as ((p: unknown) => string) | undefined;
  if (!title) throw new Error(`journal event ${e.code} has no title`);
  return title(e.params);
}

/** A journal draft's title and event from one code and its parameters. */
export function titled<C extends JournalEventCode>(
  code: C,
  ...params: EventParams[C] extends None ? [] : [EventParams[C]]
): { title: string; event: JournalEvent } {
  const event = { code, params: params[0] ?? {} } as JournalEvent;
  return { title: eventTitle(event), event };
}

/** Every code, for tests and readers that check they know them all. */
export const EVENT_CODES: readonly JournalEventCode[] = [
  ...new Set([...Object.keys(FIXED), ...Object.keys(TITLES)]),
] as JournalEventCode[];
