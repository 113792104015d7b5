/**
 * Journal titles in the reader's language. Titles are stored in English with a machine-readable
 * kind (decision 0001) and, since decision 0019, the event they record: a code and its parameters,
 * from which the pages say the title. Entries written before events were kept have only the title:
 * it is read back into the same event by the patterns below (Klara's own wording), and a title no
 * pattern knows (an older wording, a staff member's own note) is shown as stored.
 */
import {
  type EventParams,
  FIXED_TITLES,
  type JournalEvent,
  type JournalEventCode,
} from "../domain/journal-events.js";
import { deadlineExplanation, sayReckoning } from "./deadline-text.js";
import { type Language, type MessageKey, type Translate, translateOr } from "./i18n/messages.js";

/** What a title may need from the page: task names and instants in the organisation's time. */
export interface JournalTextContext {
  task?: (key: string) => string;
  moment?: (instant: string) => string;
  /** a calendar date (YYYY-MM-DD) in words */
  day?: (date: string) => string;
  /** the reader's language, for names an organisation gave in several (an appeal body's) */
  lang?: Language;
}

const dayOf = (cx: JournalTextContext, date: string | undefined) =>
  date && cx.day ? cx.day(date) : (date ?? "");

const label = (t: Translate, prefix: string, value: string | null | undefined) =>
  translateOr(t, `${prefix}.${value}`, value ?? "");

// ---- saying an event ----

type Say = { [C in JournalEventCode]: (p: EventParams[C], t: Translate, cx: JournalTextContext) => string };

const fixed =
  (key: MessageKey) =>
  (_p: unknown, t: Translate): string =>
    t(key);

const SAY: Say = {
  acknowledged: fixed("journal.acknowledged"),
  assigned: fixed("journal.assigned"),
  returned: fixed("journal.returned"),
  draft: fixed("journal.draft"),
  combined_draft: fixed("journal.combinedDraft"),
  information: fixed("journal.information"),
  attachments: fixed("journal.attachments"),
  poa_from_representative: fixed("journal.poa"),
  poa_received: fixed("journal.poaReceived"),
  classified: fixed("journal.classified"),
  corrected: fixed("journal.corrected"),
  backdated: fixed("journal.backdated"),
  late: fixed("journal.late"),
  awaiting_confirmation: fixed("journal.awaitingConfirmation"),
  confirmed: fixed("journal.confirmed"),
  not_a_complaint: fixed("journal.notAComplaint"),
  withdrawn: fixed("journal.withdrawn"),
  reopened: fixed("journal.reopened"),
  previous_reply: fixed("journal.previousReply"),
  copy_to_advisor: fixed("journal.copyToAdvisor"),
  letter_failed: fixed("journal.letterFailed"),
  letter_posted: fixed("journal.letterPosted"),
  legal_review_requested: fixed("journal.legalReviewRequested"),
  handler_link_sent: fixed("journal.handlerLinkSent"),
  external_handler_reply: fixed("journal.externalHandlerReply"),
  complaint_by_email: fixed("journal.complaintByEmail"),
  email_received: fixed("journal.emailReceived"),
  letter_bounced: fixed("journal.letterBounced"),
  letter_digital_post: fixed("journal.letterDigitalPost"),
  documents_attached: (p, t) => t("journal.documentsAttached", { by: p.by }),
  legal_review: (p, t) =>
    t(p.finding === "lawful" ? "journal.legalReviewLawful" : "journal.legalReviewIssues"),
  status: (p, t) => t("journal.status", { from: label(t, "state", p.from), to: label(t, "state", p.to) }),
  confidentiality: (p, t) =>
    t("journal.confidentiality", {
      from: label(t, "confidentiality", p.from),
      to: label(t, "confidentiality", p.to),
    }),
  deadline_set: (p, t, cx) =>
    t("journal.deadlineSet", { kind: label(t, "deadline", p.kind), date: dayOf(cx, p.dueDate) }),
  deadline_moved: (p, t, cx) =>
    t("journal.deadlineMoved", {
      kind: label(t, "deadline", p.kind),
      from: dayOf(cx, p.from),
      to: dayOf(cx, p.to),
    }),
  delay: (p, t, cx) =>
    t("journal.delay", { kind: label(t, "deadline", p.kind), from: dayOf(cx, p.from), to: dayOf(cx, p.to) }),
  deadline_met: (p, t) => t("journal.deadlineMet", { kind: label(t, "deadline", p.kind) }),
  deadline_missed: (p, t, cx) =>
    t("journal.deadlineMissed", { kind: label(t, "deadline", p.kind), date: dayOf(cx, p.dueDate) }),
  letter: (p, t) => t("journal.letter", { template: label(t, "letter", p.template) }),
  received: (p, t) => t("journal.received", { channel: label(t, "channel", p.channel) }),
  approved: (p, t) => t("journal.approved", { stage: p.stage }),
  reply: (p, t) =>
    t(p.informal ? "journal.replyInformal" : "journal.reply", { outcome: label(t, "outcome", p.outcome) }),
  contact: (p, t, cx) =>
    t("journal.contact", { channel: label(t, "contact", p.channel), at: cx.moment ? cx.moment(p.at) : p.at }),
  linked_from: (p, t) =>
    p.reference === null
      ? t(p.lead ? "journal.linkedFromConfidentialLead" : "journal.linkedFromConfidential")
      : t(p.lead ? "journal.linkedFromLead" : "journal.linkedFrom", { reference: p.reference }),
  linked: (p, t) =>
    t(
      p.how === "together"
        ? "journal.linkedTogether"
        : p.how === "lead"
          ? "journal.linkedLead"
          : "journal.linked",
      {
        reference: p.reference,
      },
    ),
  task_done: (p, t, cx) => t("journal.task", { task: cx.task?.(p.task) ?? p.task }),
  task_waived: (p, t, cx) => t("journal.taskWaived", { task: cx.task?.(p.task) ?? p.task }),
  draft_part: (p, t) => t("journal.part", { part: p.part }),
  answered_with_lead: (p, t) =>
    t("journal.answeredWithLead", { reference: p.reference, outcome: label(t, "outcome", p.outcome ?? "-") }),
  reassessment: (p, t) => t("journal.reassessment", { result: label(t, "reassessment", p.result) }),
  new_decision_rest: (p, t) => t("journal.newDecisionRest", { body: p.body }),
  forwarded: (p, t) => t(p.rest ? "journal.forwardedRest" : "journal.forwarded", { body: p.body }),
  guided_to_appeal_body: (p, t, cx) =>
    t("journal.guidedToAppealBody", { body: (cx.lang && p.names?.[cx.lang]) || p.body }),
  appeals_decision: (p, t, cx) =>
    t("journal.appealsDecision", { result: label(t, "appeals", p.result), date: dayOf(cx, p.date) }),
};

/** An event in the reader's language; null for a code this version does not know. */
export function sayEvent(e: JournalEvent, t: Translate, cx: JournalTextContext = {}): string | null {
  const say = (
    SAY as Record<string, ((p: unknown, t: Translate, cx: JournalTextContext) => string) | undefined>
  )[e.code];
  return say ? say(e.params ?? {}, t, cx) : null;
}

// ---- reading an older title back into its event ----

const DATE = "(\\d{4}-\\d{2}-\\d{2})";
const s = (v: string | undefined) => v ?? "";

type Pattern = [RegExp, (m: RegExpExecArray) => JournalEvent];

const FIXED_CODES = new Map(Object.entries(FIXED_TITLES).map(([code, title]) => [title, code]));

const PATTERNS: Pattern[] = [
  [/^Status: (\w+) → (\w+)$/, (m) => ({ code: "status", params: { from: s(m[1]), to: s(m[2]) } })],
  [
    /^Confidentiality: (\w+) → (\w+)$/,
    (m) => ({ code: "confidentiality", params: { from: s(m[1]), to: s(m[2]) } }),
  ],
  [
    new RegExp(`^Deadline set: (\\w+) ${DATE}$`),
    (m) => ({ code: "deadline_set", params: { kind: s(m[1]), dueDate: s(m[2]), reckoning: null } }),
  ],
  [
    new RegExp(`^Deadline set: (\\w+) ${DATE} → ${DATE}$`),
    (m) => ({ code: "deadline_moved", params: { kind: s(m[1]), from: s(m[2]), to: s(m[3]) } }),
  ],
  [
    new RegExp(`^Delay notice: (\\w+) ${DATE} → ${DATE}$`),
    (m) => ({ code: "delay", params: { kind: s(m[1]), from: s(m[2]), to: s(m[3]) } }),
  ],
  [/^Deadline met: (\w+)$/, (m) => ({ code: "deadline_met", params: { kind: s(m[1]) } })],
  [
    new RegExp(`^Deadline missed: (\\w+) \\(due ${DATE}\\)$`),
    (m) => ({ code: "deadline_missed", params: { kind: s(m[1]), dueDate: s(m[2]) } }),
  ],
  [/^Letter queued: (\w+)$/, (m) => ({ code: "letter", params: { template: s(m[1]) } })],
  [/^Complaint received \((\w+)\)$/, (m) => ({ code: "received", params: { channel: s(m[1]) } })],
  [/^Draft approved: (.+)$/, (m) => ({ code: "approved", params: { stage: s(m[1]) } })],
  [
    /^Reply sent: (\w+)( \(resolved informally\))?$/,
    (m) => ({ code: "reply", params: { outcome: s(m[1]), informal: Boolean(m[2]) } }),
  ],
  [/^Contact by (\w+) at (\S+)$/, (m) => ({ code: "contact", params: { channel: s(m[1]), at: s(m[2]) } })],
  [
    /^Linked from (a confidential case|\S+)( \(this case is the lead\))?$/,
    (m) => ({
      code: "linked_from",
      params: { reference: m[1] === "a confidential case" ? null : s(m[1]), lead: Boolean(m[2]) },
    }),
  ],
  [
    /^Linked to (\S+)( \(lead\)| \(answered together\))?$/,
    (m) => ({
      code: "linked",
      params: { reference: s(m[1]), how: m[2] === " (lead)" ? "lead" : m[2] ? "together" : "related" },
    }),
  ],
  [/^Documents attached by (.+)$/, (m) => ({ code: "documents_attached", params: { by: s(m[1]) } })],
  [/^Task done: (\w+)$/, (m) => ({ code: "task_done", params: { task: s(m[1]) } })],
  [/^Task waived: (\w+)$/, (m) => ({ code: "task_waived", params: { task: s(m[1]) } })],
  [/^Part of the reply: (.*)$/, (m) => ({ code: "draft_part", params: { part: s(m[1]) } })],
  [
    /^Answered with the lead case (\S+): (\S+)$/,
    (m) => ({
      code: "answered_with_lead",
      params: { reference: s(m[1]), outcome: m[2] === "-" ? null : s(m[2]) },
    }),
  ],
  [/^Reassessment: (\w+)$/, (m) => ({ code: "reassessment", params: { result: s(m[1]) } })],
  // a partly changed decision (seed 004-28) and a redirect's appeal body (seed 001-9), decision 0003
  [
    /^New decision sent to the citizen; the rest goes to (.+)$/,
    (m) => ({ code: "new_decision_rest", params: { body: s(m[1]) } }),
  ],
  [
    /^Forwarded to (.+): the part of the decision upheld$/,
    (m) => ({ code: "forwarded", params: { body: s(m[1]), rest: true } }),
  ],
  [
    /^Guided to the appeal body: (.+)$/,
    (m) => ({ code: "guided_to_appeal_body", params: { body: s(m[1]), names: {} } }),
  ],
  [/^Forwarded to (.+)$/, (m) => ({ code: "forwarded", params: { body: s(m[1]), rest: false } })],
  [
    new RegExp(`^Appeals board: (\\w+) \\(${DATE}\\)$`),
    (m) => ({ code: "appeals_decision", params: { result: s(m[1]), date: s(m[2]) } }),
  ],
  [
    /^Legal validation: (lawful|issues found)$/,
    (m) => ({ code: "legal_review", params: { finding: m[1] === "lawful" ? "lawful" : "issues" } }),
  ],
];

/** The event a title written without one records, or null when no pattern knows the title. */
export function eventOfTitle(title: string): JournalEvent | null {
  const code = FIXED_CODES.get(title);
  if (code) return { code, params: {} } as JournalEvent;
  for (const [pattern, read] of PATTERNS) {
    const m = pattern.exec(title);
    if (m) return read(m);
  }
  return null;
}

/**
 * A journal title in the reader's language: from the entry's event when it has one, else from
 * the event its title is read back into, else as stored.
 */
export function journalTitle(
  title: string,
  t: Translate,
  cx: JournalTextContext = {},
  event?: JournalEvent | null,
): string {
  const e = event ?? eventOfTitle(title);
  return (e && sayEvent(e, t, cx)) ?? title;
}

/**
 * An entry's body in the reader's language where the engine wrote it: a planned deadline's body is
 * the explanation of its date, said from the event's data, or read back from the text of an entry
 * written before events were kept. Any other body is a person's own words or the letter as sent.
 */
export function journalBody(
  entry: { kind: string; body: string; event?: JournalEvent | null },
  t: Translate,
  day: Parameters<typeof deadlineExplanation>[2],
  cx: JournalTextContext = {},
): string {
  const e = entry.event;
  if (e?.code === "deadline_set") return deadlineExplanation(entry.body, t, day, e.params.reckoning);
  if (e?.code === "deadline_missed" && e.params.reckoning && entry.body.startsWith(DEVIATION))
    return t("journal.deviationBody", { explanation: sayReckoning(e.params.reckoning, t, day) });
  if (e?.code === "deadline_met" && e.params.dueDate && e.params.metAt && e.params.late !== undefined)
    return t("journal.metBody", {
      due: dayOf(cx, e.params.dueDate),
      at: cx.moment ? cx.moment(e.params.metAt) : e.params.metAt,
      timing: t(e.params.late ? "journal.metLate" : "journal.metOnTime"),
    });
  if (e || entry.kind !== "deadline") return entry.body;
  return deadlineExplanation(entry.body, t, day);
}

/** How the engine begins a missed deadline's body, before the explanation. */
const DEVIATION = "Recorded as a deviation. ";
