/**
 * A command's letters rendered in its own transaction: each becomes an outbox row holding the exact
 * text (recipient, subject, body, language; "for print" when there is no e-mail address), and the
 * journal line the domain wrote for it ("letter_queued", one per letter, in order) gets that text.
 */
import { findProcedure, loadDirectory } from "../db/organisation.repository.js";
import type { OutboxMessage } from "../db/outbox.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import type { Effects, JournalDraft } from "../domain/case-effects.js";
import { titled } from "../domain/journal-events.js";
import { type ComposedLetter, composeLetter } from "../domain/letters/compose-letter.js";
import type { Organisation } from "../domain/organisation.js";
import { type AppDeps, publicLink, type Tx } from "./context.js";
import { goesByDigitalPost } from "./digital-post.js";
import { withoutLinkTokens, withPersonalLinks } from "./handler-link-tokens.js";
import { journalPrintedLetters } from "./letter-pdf-documents.js";
import { withTrackingLink } from "./tracking-link.js";

const CHANNEL_WORDS = { email: "e-mail", print: "for print", digital_post: "Digital Post" } as const;

/** The journal's record of an outgoing letter: where it went and its exact content. */
export function letterRecord(
  l: Omit<ComposedLetter, "channel"> & { channel: keyof typeof CHANNEL_WORDS },
): string {
  const to = [l.recipientName, l.recipientAddress ? `<${l.recipientAddress}>` : ""].filter(Boolean).join(" ");
  return `To: ${to || l.to} (${CHANNEL_WORDS[l.channel]})\nSubject: ${l.subject}\n\n${l.body}`;
}

export async function renderLetters(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  c: ComplaintCase,
  effects: Effects,
  at: string,
): Promise<OutboxMessage[]> {
  if (effects.letters.length === 0) return [];
  const procedure = await findProcedure(tx, c.procedureId, c.procedureVersion, deps.db.procedureCache);
  const directory = await loadDirectory(tx, c.organisationId);
  const setting = {
    organisation: org,
    procedure: procedure?.definition ?? { templates: {}, country: org.country },
    ...(directory ? { directory } : {}),
    caseLink: publicLink(deps, `/cases/${c.id}`),
  };
  const records: JournalDraft[] = effects.journal.filter((j) => j.kind === "letter_queued");
  const recorded: { message: OutboxMessage; record: JournalDraft }[] = [];
  // a letter with a personal link gets its token here (decision 0017); the journal never holds it
  // and one to the complainant's side the citizen's tracking link, from the sealed token (decision 0025)
  const linked = await withTrackingLink(
    deps,
    tx,
    c,
    await withPersonalLinks(deps, tx, c, effects.letters, at),
  );
  const messages = effects.letters.map((draft, i): OutboxMessage => {
    const composed = composeLetter(c, linked[i] ?? draft, setting);
    // Denmark: a complainant known by CPR without e-mail gets it by Digital Post when configured
    const letter = {
      ...composed,
      channel:
        deps.digitalPost && goesByDigitalPost(org, c, draft.to, composed.channel)
          ? ("digital_post" as const)
          : composed.channel,
    };
    let record = records.length === effects.letters.length ? records[i] : undefined;
    if (record) record.body = withoutLinkTokens(letterRecord(letter));
    else {
      record = {
        kind: "letter_queued",
        ...titled("letter", { template: draft.template }),
        body: withoutLinkTokens(letterRecord(letter)),
      };
      effects.journal.push(record);
    }
    const message: OutboxMessage = {
      id: deps.newId(),
      organisationId: c.organisationId,
      caseId: c.id,
      kind: "letter",
      payload: { ...draft, reference: c.reference, locale: org.locale },
      createdAt: at,
      letter: {
        state: letter.channel === "print" ? "for_print" : "queued",
        channel: letter.channel,
        recipientName: letter.recipientName,
        recipientAddress: letter.recipientAddress,
        subject: letter.subject,
        body: letter.body,
        language: letter.language,
      },
    };
    recorded.push({ message, record });
    return message;
  });
  // each letter for print as a PDF/A document of the case (decision 0013)
  await journalPrintedLetters(deps, tx, org, c, effects.journal, recorded, at);
  return messages;
}
