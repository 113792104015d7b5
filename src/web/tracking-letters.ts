/**
 * The tracking page's letters: each letter sent to the complainant's side in plain words (when, which
 * letter, how it reaches them), its exact text to read, and the reply itself shown in full.
 */
import type { CitizenLetter } from "../app/complainant-letters.js";
import { type MessageKey, type Translate, translateOr } from "./i18n/messages.js";

const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

export function trackingLetters(
  letters: readonly CitizenLetter[],
  t: Translate,
  moment: (iso: string) => string,
  token: string,
) {
  const items = letters.map((l) => ({
    id: l.id,
    at: moment(l.createdAt),
    name: upperFirst(translateOr(t, `letter.${l.letter}`, l.subject)),
    how: t(`tracking.delivery.${l.delivery}` as MessageKey),
    subject: l.subject,
    body: l.body,
    language: l.language,
    reply: l.letter === "reply",
    pdf: l.pdf
      ? `/complaints/status/${encodeURIComponent(token)}/letters/${encodeURIComponent(l.id)}/pdf`
      : null,
  }));
  return {
    letters: items,
    // a reopened case may have been answered more than once: every reply, the latest last
    replies: items.filter((l) => l.reply),
  };
}
