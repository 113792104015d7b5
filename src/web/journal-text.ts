/**
 * Journal titles are stored in English with a machine-readable kind (decision 0001): the record
 * stays as written. The pages show every title the engine writes in the reader's language; a title
 * no pattern knows (an older wording, a staff member's own note) is shown as stored.
 */
import { type MessageKey, type Translate, translateOr } from "./i18n/messages.js";

/** What a title may need from the page: task names and instants in the organisation's time. */
export interface JournalTextContext {
  task?: (key: string) => string;
  moment?: (instant: string) => string;
  /** a calendar date (YYYY-MM-DD) in words */
  day?: (date: string) => string;
}

const dayOf = (cx: JournalTextContext, date: string | undefined) =>
  date && cx.day ? cx.day(date) : (date ?? "");

type Rule = [RegExp, (m: RegExpExecArray, t: Translate, cx: JournalTextContext) => string];

const label = (t: Translate, prefix: string, value: string | undefined) =>
  translateOr(t, `${prefix}.${value}`, value ?? "");

const DATE = "(\\d{4}-\\d{2}-\\d{2})";

const FIXED: Record<string, MessageKey> = {
  "Complaint acknowledged": "journal.acknowledged",
  "Handlers assigned": "journal.assigned",
  "Draft returned": "journal.returned",
  "Draft reply": "journal.draft",
  "Combined reply drafted": "journal.combinedDraft",
  "Information from the complainant": "journal.information",
  "Attachments from the complainant": "journal.attachments",
  "Power of attorney from the representative": "journal.poa",
  "Power of attorney received": "journal.poaReceived",
  Classified: "journal.classified",
  Corrected: "journal.corrected",
  "Receipt back-dated": "journal.backdated",
  "Received after the complaint window": "journal.late",
  "Awaiting confirmation that this is a formal complaint": "journal.awaitingConfirmation",
  "The complainant confirmed a formal complaint": "journal.confirmed",
  "Not a formal complaint": "journal.notAComplaint",
  "Complaint withdrawn": "journal.withdrawn",
  "Reopened: the complainant is not satisfied": "journal.reopened",
  "Previous reply": "journal.previousReply",
  "Letter queued: copy to the citizens' advisor": "journal.copyToAdvisor",
  "Letter not delivered": "journal.letterFailed",
  "Legal validation requested": "journal.legalReviewRequested",
  "Legal validation: lawful": "journal.legalReviewLawful",
  "Legal validation: issues found": "journal.legalReviewIssues",
};

const RULES: Rule[] = [
  [
    /^Status: (\w+) → (\w+)$/,
    (m, t) => t("journal.status", { from: label(t, "state", m[1]), to: label(t, "state", m[2]) }),
  ],
  [
    new RegExp(`^Deadline set: (\\w+) ${DATE}$`),
    (m, t, cx) => t("journal.deadlineSet", { kind: label(t, "deadline", m[1]), date: dayOf(cx, m[2]) }),
  ],
  [
    new RegExp(`^Deadline set: (\\w+) ${DATE} → ${DATE}$`),
    (m, t, cx) =>
      t("journal.deadlineMoved", {
        kind: label(t, "deadline", m[1]),
        from: dayOf(cx, m[2]),
        to: dayOf(cx, m[3]),
      }),
  ],
  [
    new RegExp(`^Delay notice: (\\w+) ${DATE} → ${DATE}$`),
    (m, t, cx) =>
      t("journal.delay", { kind: label(t, "deadline", m[1]), from: dayOf(cx, m[2]), to: dayOf(cx, m[3]) }),
  ],
  [/^Deadline met: (\w+)$/, (m, t) => t("journal.deadlineMet", { kind: label(t, "deadline", m[1]) })],
  [
    new RegExp(`^Deadline missed: (\\w+) \\(due ${DATE}\\)$`),
    (m, t, cx) => t("journal.deadlineMissed", { kind: label(t, "deadline", m[1]), date: dayOf(cx, m[2]) }),
  ],
  [/^Letter queued: (\w+)$/, (m, t) => t("journal.letter", { template: label(t, "letter", m[1]) })],
  [/^Complaint received \((\w+)\)$/, (m, t) => t("journal.received", { channel: label(t, "channel", m[1]) })],
  [/^Draft approved: (.+)$/, (m, t) => t("journal.approved", { stage: m[1] ?? "" })],
  [
    /^Reply sent: (\w+)( \(resolved informally\))?$/,
    (m, t) => t(m[2] ? "journal.replyInformal" : "journal.reply", { outcome: label(t, "outcome", m[1]) }),
  ],
  [
    /^Contact by (\w+) at (\S+)$/,
    (m, t, cx) =>
      t("journal.contact", {
        channel: label(t, "contact", m[1]),
        at: cx.moment && m[2] ? cx.moment(m[2]) : (m[2] ?? ""),
      }),
  ],
  [
    /^Linked from (a confidential case|\S+)( \(this case is the lead\))?$/,
    (m, t) =>
      m[1] === "a confidential case"
        ? t(m[2] ? "journal.linkedFromConfidentialLead" : "journal.linkedFromConfidential")
        : t(m[2] ? "journal.linkedFromLead" : "journal.linkedFrom", { reference: m[1] ?? "" }),
  ],
  [
    /^Linked to (\S+) \(answered together\)$/,
    (m, t) => t("journal.linkedTogether", { reference: m[1] ?? "" }),
  ],
  [
    /^Linked to (\S+)( \(lead\))?$/,
    (m, t) => t(m[2] ? "journal.linkedLead" : "journal.linked", { reference: m[1] ?? "" }),
  ],
  [/^Task done: (\w+)$/, (m, t, cx) => t("journal.task", { task: cx.task?.(m[1] ?? "") ?? m[1] ?? "" })],
  [
    /^Task waived: (\w+)$/,
    (m, t, cx) => t("journal.taskWaived", { task: cx.task?.(m[1] ?? "") ?? m[1] ?? "" }),
  ],
  [/^Part of the reply: (.*)$/, (m, t) => t("journal.part", { part: m[1] ?? "" })],
  [
    /^Answered with the lead case (\S+): (\S+)$/,
    (m, t) => t("journal.answeredWithLead", { reference: m[1] ?? "", outcome: label(t, "outcome", m[2]) }),
  ],
  [/^Reassessment: (\w+)$/, (m, t) => t("journal.reassessment", { result: label(t, "reassessment", m[1]) })],
  // a partly changed decision (seed 004-28) and a redirect's appeal body (seed 001-9), decision 0003
  [
    /^New decision sent to the citizen; the rest goes to (.+)$/,
    (m, t) => t("journal.newDecisionRest", { body: m[1] ?? "" }),
  ],
  [
    /^Forwarded to (.+): the part of the decision upheld$/,
    (m, t) => t("journal.forwardedRest", { body: m[1] ?? "" }),
  ],
  [/^Guided to the appeal body: (.+)$/, (m, t) => t("journal.guidedToAppealBody", { body: m[1] ?? "" })],
  [/^Forwarded to (.+)$/, (m, t) => t("journal.forwarded", { body: m[1] ?? "" })],
  [
    new RegExp(`^Appeals board: (\\w+) \\(${DATE}\\)$`),
    (m, t, cx) => t("journal.appealsDecision", { result: label(t, "appeals", m[1]), date: dayOf(cx, m[2]) }),
  ],
];

export function journalTitle(title: string, t: Translate, cx: JournalTextContext = {}): string {
  const fixed = FIXED[title];
  if (fixed) return t(fixed);
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(title);
    if (m) return render(m, t, cx);
  }
  return title;
}
