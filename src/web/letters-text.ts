/** The case page's list of outgoing letters: what each was, to whom, and how it went. */
import type { MessageKey, Translate } from "./i18n/messages.js";

interface LetterOnCase {
  id: string;
  subject: string | null;
  recipientName: string | null;
  recipientAddress: string | null;
  state: string;
  /** email, print or digital_post */
  channel?: string | null;
  createdAt: string;
  lastError: string | null;
}

const STATES = new Set([
  "queued",
  "for_print",
  "sent",
  "captured",
  "failed",
  "bounced",
  "printed",
  "unrendered",
]);

/** A letter by Digital Post (decision 0021) is told apart from one by e-mail. */
function stateKey(l: LetterOnCase): MessageKey {
  if (l.channel === "digital_post" && (l.state === "sent" || l.state === "queued"))
    return l.state === "sent" ? "mail.state.digital_post" : "mail.state.digital_post_queued";
  return `mail.state.${STATES.has(l.state) ? l.state : "unrendered"}` as MessageKey;
}

export function lettersOnCase(
  letters: readonly LetterOnCase[],
  t: Translate,
  moment: (iso: string) => string,
) {
  return letters.map((l) => ({
    at: moment(l.createdAt),
    id: l.id,
    // a rendered letter can be read as PDF (decision 0013); an unrendered one has no text
    pdf: l.subject !== null,
    // waiting to be printed and posted: the case says so (the letters for print list marks it done)
    forPrint: l.state === "for_print",
    subject: l.subject ?? t("mail.state.unrendered"),
    to: [l.recipientName, l.recipientAddress].filter(Boolean).join(", "),
    state: t(stateKey(l)),
    // the SMTP server's reply or the bounce's reason, so staff can see why
    error: l.state === "failed" || l.state === "queued" || l.state === "bounced" ? l.lastError : null,
  }));
}
