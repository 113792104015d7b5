/** The case page's list of outgoing letters: what each was, to whom, and how it went. */
import type { MessageKey, Translate } from "./i18n/messages.js";

interface LetterOnCase {
  id: string;
  subject: string | null;
  recipientName: string | null;
  recipientAddress: string | null;
  state: string;
  createdAt: string;
  lastError: string | null;
}

const STATES = new Set(["queued", "for_print", "sent", "captured", "failed", "printed", "unrendered"]);

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
    state: t(`mail.state.${STATES.has(l.state) ? l.state : "unrendered"}` as MessageKey),
    // the SMTP server's reply, so staff can see why (a bounce names the address)
    error: l.state === "failed" || l.state === "queued" ? l.lastError : null,
  }));
}
