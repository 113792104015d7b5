/**
 * Delivers the e-mail letters due in the outbox, once. Each row is claimed before it is sent (a
 * conditional update, so of two deliverers one sends it), sent with a Message-ID derived from the
 * row id and the X-Klara-Reference header, and its result recorded: sent, or the attempt counted
 * and the next one set with exponential backoff; after the last attempt the letter is marked
 * failed, the case's journal says so and the coordinator is told. Without an SMTP server (the
 * demo) a letter is "captured": kept in the database for admins to read, never sent.
 *
 * At-least-once where SMTP allows nothing better: a process killed after the server accepted the
 * message but before the row is marked sends it again once the claim lapses, with the same
 * Message-ID, by which the receiving side can drop the duplicate (decision 0010).
 */
import { appendJournal, findCase, lastJournalEntry } from "../db/case.repository.js";
import { findOrganisation, loadDirectory } from "../db/organisation.repository.js";
import { claimLetter, dueLetterIds, recordAttempt, type StoredLetter } from "../db/outbox.repository.js";
import { isPermanentRefusal } from "../domain/bounce.js";
import { appendEntries } from "../domain/journal.js";
import { titled } from "../domain/journal-events.js";
import { findCoordinator } from "../domain/routing.js";
import { refusedAtSend } from "./bounces.js";
import { searchLanguage } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import { sendByDigitalPost } from "./digital-post-delivery.js";
import { type Sender, senderOf } from "./mail-settings.js";
import { sendNotifications } from "./notifications-send.js";

export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
  /** the organisation's Reply-To, when its admins set one */
  replyTo?: string;
}

/** The SMTP client (nodemailer in src/jobs); a thrown error is a failed attempt. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

export interface DeliverOptions {
  /** null: no SMTP configured, letters are captured */
  sender: MailSender | null;
  /** KLARA_MAIL_FROM: for organisations without a sender of their own (admin pages; src/app/mail-settings.ts) */
  from?: string;
  /** who claims (a process id); unique per deliverer */
  claimant?: string;
  maxAttempts?: number;
  /** the first retry's delay; each further one doubles it */
  baseDelayMs?: number;
  /** how long a claim holds before another deliverer may take the row */
  claimMs?: number;
  batchSize?: number;
}

export interface DeliveryResult {
  sent: number;
  captured: number;
  retried: number;
  failed: number;
}

const SYSTEM = { id: null, name: "Klara (mail delivery)" };

/** Stable per outbox row: a resend after a crash carries the same id. */
export function messageIdOf(rowId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "klara.invalid";
  return `<outbox-${rowId}@${domain}>`;
}

/** The error's class and message, short, without the letter (no personal data in the row's log). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, 300);
  const code =
    (error as { responseCode?: unknown; code?: unknown }).responseCode ?? (error as { code?: unknown }).code;
  return `${code ? `${String(code)} ` : ""}${error.message}`.slice(0, 300);
}

export async function deliverMail(deps: AppDeps, options: DeliverOptions): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, captured: 0, retried: 0, failed: 0 };
  const claimant = options.claimant ?? deps.newId();
  const maxAttempts = options.maxAttempts ?? 6;
  const baseDelayMs = options.baseDelayMs ?? 60_000;
  const claimMs = options.claimMs ?? 5 * 60_000;
  const now = nowIso(deps);
  const until = deps.clock.now().add({ milliseconds: claimMs }).toString({ smallestUnit: "millisecond" });
  const senders = new Map<string, Sender>();

  // batch after batch until nothing is due: each row handled leaves the due set (sent, captured,
  // retried later, failed, or claimed by another deliverer), so this ends
  const seen = new Set<string>();
  const nextBatch = async () =>
    (await dueLetterIds(deps.db.kysely, now, options.batchSize ?? 100)).filter((id) => !seen.has(id));
  for (let batch = await nextBatch(); batch.length > 0; batch = await nextBatch()) {
    for (const id of batch) {
      seen.add(id);
      const letter = await claimLetter(deps.db.kysely, id, claimant, now, until);
      if (!letter) continue; // another deliverer has it
      // a letter by Digital Post goes through its own port, with or without SMTP (decision 0021)
      const digital = letter.channel === "digital_post";
      if (!options.sender && !digital) {
        await recordAttempt(deps.db.kysely, id, claimant, {
          state: "captured",
          attempts: letter.attempts,
          sentAt: now,
          nextAttemptAt: null,
          lastError: null,
        });
        result.captured += 1;
        continue;
      }
      let sender = senders.get(letter.organisationId);
      if (!sender) {
        const org = await findOrganisation(deps.db.kysely, letter.organisationId);
        sender = org
          ? await senderOf(deps.db.kysely, org, options.from)
          : { from: options.from ?? '"Klara" <klara@localhost>' };
        senders.set(letter.organisationId, sender);
      }
      const from = sender.from;
      const reference = (letter.payload as { reference?: string }).reference ?? "";
      const attempts = letter.attempts + 1;
      try {
        if (digital) await sendByDigitalPost(deps, letter, claimant, attempts);
        else
          await options.sender?.send({
            messageId: messageIdOf(letter.id, from),
            from,
            to: letter.recipientAddress ?? "",
            subject: letter.subject ?? "",
            text: letter.body ?? "",
            headers: { "X-Klara-Reference": reference },
            ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
          });
      } catch (error) {
        const last = describe(error);
        const e = error as { responseCode?: unknown; code?: unknown };
        if (isPermanentRefusal(e.responseCode, e.code)) {
          // 5xx: the server will refuse it again; a bounce now, shown on the case (decision 0021)
          await refusedAtSend(deps, letter, last, claimant, attempts);
          result.failed += 1;
          continue;
        }
        if (attempts >= maxAttempts) {
          await giveUp(deps, letter, claimant, attempts, last);
          result.failed += 1;
        } else {
          const next = deps.clock.now().add({ milliseconds: baseDelayMs * 2 ** (attempts - 1) });
          await recordAttempt(deps.db.kysely, id, claimant, {
            state: "queued",
            attempts,
            sentAt: null,
            nextAttemptAt: next.toString({ smallestUnit: "millisecond" }),
            lastError: last,
          });
          result.retried += 1;
        }
        continue;
      }
      if (digital) {
        result.sent += 1; // recorded with its journal line
        continue;
      }
      await recordAttempt(deps.db.kysely, id, claimant, {
        state: "sent",
        attempts,
        sentAt: nowIso(deps),
        nextAttemptAt: null,
        lastError: null,
      });
      result.sent += 1;
    }
  }
  return result;
}

/** The last attempt failed: the row says so, the case's journal says so, the coordinator is told. */
async function giveUp(
  deps: AppDeps,
  letter: StoredLetter,
  claimant: string,
  attempts: number,
  lastError: string,
): Promise<void> {
  const at = nowIso(deps);
  await inTransaction(deps, async (tx) => {
    const still = await recordAttempt(tx, letter.id, claimant, {
      state: "failed",
      attempts,
      sentAt: null,
      nextAttemptAt: null,
      lastError,
    });
    if (!still || !letter.caseId) return;
    const c = await findCase(tx, letter.caseId);
    const org = await findOrganisation(tx, letter.organisationId);
    if (!c || !org) return;
    const draft = {
      kind: "letter_failed",
      ...titled("letter_failed"),
      body: `${letter.subject ?? ""}\nAfter ${attempts} attempts: ${lastError}`,
    };
    const entries = appendEntries(c.id, await lastJournalEntry(tx, c.id), [draft], at, SYSTEM);
    await appendJournal(tx, deps.db.dialect, c.id, entries, searchLanguage(org));
    const dir = await loadDirectory(tx, org.id);
    const coordinatorId = c.coordinatorId ?? (dir ? findCoordinator(c.unitId, dir)?.id : undefined);
    if (coordinatorId) {
      // in Klara and by e-mail (decision 0014): that e-mail has no case, so its own failure stops here
      await sendNotifications(
        deps,
        tx,
        org,
        [
          {
            personId: coordinatorId,
            caseId: c.id,
            reference: c.reference,
            kind: "letter_failed",
            message: `A letter on ${c.reference} could not be delivered.`,
          },
        ],
        at,
      );
    }
  });
}
