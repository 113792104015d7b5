/**
 * Journal titles are stored in English with a machine-readable kind (decision 0001); the pages show
 * the common ones in the reader's language. A title no pattern knows is shown as stored.
 */
import type { MessageKey, Translate } from "./i18n/messages.js";

type Rule = [RegExp, (m: RegExpExecArray, t: Translate) => string];

const label = (t: Translate, prefix: string, value: string | undefined) => {
  const key = `${prefix}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? (value ?? "") : text;
};

const RULES: Rule[] = [
  [
    /^Status: (\w+) → (\w+)$/,
    (m, t) => t("journal.status", { from: label(t, "state", m[1]), to: label(t, "state", m[2]) }),
  ],
  [
    /^Deadline set: (\w+) (\d{4}-\d{2}-\d{2})$/,
    (m, t) => t("journal.deadlineSet", { kind: label(t, "deadline", m[1]), date: m[2] ?? "" }),
  ],
  [/^Deadline met: (\w+)$/, (m, t) => t("journal.deadlineMet", { kind: label(t, "deadline", m[1]) })],
  [
    /^Deadline missed: (\w+) \(due (\d{4}-\d{2}-\d{2})\)$/,
    (m, t) => t("journal.deadlineMissed", { kind: label(t, "deadline", m[1]), date: m[2] ?? "" }),
  ],
  [/^Letter queued: (\w+)$/, (m, t) => t("journal.letter", { template: m[1] ?? "" })],
  [/^Complaint received \((\w+)\)$/, (m, t) => t("journal.received", { channel: label(t, "channel", m[1]) })],
  [/^Complaint acknowledged$/, (_m, t) => t("journal.acknowledged")],
  [/^Handlers assigned$/, (_m, t) => t("journal.assigned")],
  [/^Draft approved: (.+)$/, (m, t) => t("journal.approved", { stage: m[1] ?? "" })],
  [/^Draft returned$/, (_m, t) => t("journal.returned")],
  [
    /^Reply sent: (\w+)(.*)$/,
    (m, t) => t("journal.reply", { outcome: label(t, "outcome", m[1]) }) + (m[2] ?? ""),
  ],
  [/^Information from the complainant$/, (_m, t) => t("journal.information")],
  [/^Attachments from the complainant$/, (_m, t) => t("journal.attachments")],
  [/^Power of attorney from the representative$/, (_m, t) => t("journal.poa")],
];

export function journalTitle(title: string, t: Translate): string {
  for (const [pattern, render] of RULES) {
    const m = pattern.exec(title);
    if (m) return render(m, t);
  }
  return title;
}
