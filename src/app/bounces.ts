/**
 * Bounces (issue 8: "a recipient address that bounces: shown on the case, coordinator told"). A
 * delivery status notification in the complaint mailbox is recognised before intake: matched to our
 * outbox row by the original Message-ID, else by X-Klara-Reference and the recipient; the row is
 * marked bounced with the reason, the case's journal says so, and its coordinator and handlers are
 * told. It never becomes a case. One that names no letter of ours is quarantined (with no notice:
 * bounces of mail we never sent are backscatter). An SMTP server's permanent refusal at send time
 * (5xx) takes the same path at once, from the delivery (decision 0021).
 */
import { emailRowByReference, markBounced } from "../db/bounce.repository.js";
import { appendJournal, findCase, lastJournalEntry } from "../db/case.repository.js";
import { isUniqueViolation } from "../db/dialect.js";
import { findInbound, recordInbound } from "../db/mailbox.repository.js";
import { findOrganisation, loadDirectory } from "../db/organisation.repository.js";
import { findLetter } from "../db/outbox.repository.js";
import { readBounce } from "../domain/bounce.js";
import { appendEntries } from "../domain/journal.js";
import { titled } from "../domain/journal-events.js";
import type { Organisation } from "../domain/organisation.js";
import { findCoordinator } from "../domain/routing.js";
import { searchLanguage } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import type { IntakeOutcome } from "./mailbox-intake.js";
import type { ParsedInbound } from "./mailbox-message.js";
import { sendNotifications } from "./notifications-send.js";

const SYSTEM = { id: null, name: "Klara (mail delivery)" };

/** Parts whose text a bounce report puts the status and the original's headers in. */
const REPORT_PARTS =
  /^(message\/(global-)?delivery-status|text\/rfc822-headers|message\/rfc822|message\/global(-headers)?)$/i;

function readingOf(m: ParsedInbound) {
  const decoder = new TextDecoder("utf-8");
  const parts = [
    m.message.text,
    ...m.attachments
      .filter((_, i) => REPORT_PARTS.test(m.message.attachments[i]?.contentType ?? ""))
      .map((a) => decoder.decode(a.content)),
  ];
  return readBounce({
    raw: decoder.decode(m.raw),
    parts,
    from: m.message.from[0]?.address ?? "",
    subject: m.message.subject,
  });
}

/**
 * A bounce from the mailbox in one transaction, recorded under the message's key; null when the
 * message is no bounce (the caller takes it in as usual).
 */
export async function takeInBounce(
  deps: AppDeps,
  org: Organisation,
  m: ParsedInbound,
  receivedAt: string,
): Promise<IntakeOutcome | null> {
  const reading = readingOf(m);
  if (reading.kind === "none") return null;
  const record = (tx: Tx, outcome: "bounce" | "quarantined", caseId: string | null, reason: string) =>
    recordInbound(tx, {
      organisationId: org.id,
      messageKey: m.key,
      outcome,
      caseId,
      reason,
      receivedAt,
      createdAt: nowIso(deps),
    });
  try {
    return await inTransaction(deps, async (tx): Promise<IntakeOutcome> => {
      const seen = await findInbound(tx, org.id, m.key);
      if (seen) return { kind: "duplicate", of: seen.outcome };
      if (reading.kind === "report") {
        // a delay warning or a delivery report: nothing failed
        await record(tx, "bounce", null, `report: ${reading.action}`.slice(0, 60));
        return { kind: "bounce", caseId: null };
      }
      const letterId = await letterOf(tx, org.id, reading.outboxIds, reading.reference, reading.recipient);
      if (!letterId) {
        await record(tx, "quarantined", null, "unknown_bounce");
        return { kind: "quarantined", reason: "unknown_bounce" };
      }
      const caseId = await letterBounced(deps, tx, org, letterId, reading.reason, { claimant: null });
      await record(tx, "bounce", caseId, reading.status ?? "bounced");
      return { kind: "bounce", caseId };
    });
  } catch (error) {
    // another reader took the same message at the same moment: its transaction won
    if (isUniqueViolation(error)) {
      const seen = await findInbound(deps.db.kysely, org.id, m.key);
      if (seen) return { kind: "duplicate", of: seen.outcome };
    }
    throw error;
  }
}

async function letterOf(
  tx: Tx,
  organisationId: string,
  outboxIds: readonly string[],
  reference: string | null,
  recipient: string | null,
): Promise<string | null> {
  for (const id of outboxIds) {
    const row = await findLetter(tx, id);
    if (row && row.organisationId === organisationId && row.channel === "email") return row.id;
  }
  return reference && recipient ? emailRowByReference(tx, organisationId, reference, recipient) : null;
}

/**
 * Marks the letter bounced with the reason; the first time only, its case's journal says so and the
 * case's coordinator and handlers are told. A notification e-mail (no case) is only marked: telling
 * someone about a bounced notice could bounce again. Returns the letter's case.
 */
export async function letterBounced(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  letterId: string,
  reason: string,
  by: { claimant: string | null; attempts?: number },
): Promise<string | null> {
  const letter = await findLetter(tx, letterId);
  if (!letter) return null;
  const changed = await markBounced(tx, letterId, reason, by.attempts ?? null, by.claimant);
  if (!changed || !letter.caseId) return letter.caseId;
  const c = await findCase(tx, letter.caseId);
  if (!c) return letter.caseId;
  const at = nowIso(deps);
  const to = [letter.recipientName, letter.recipientAddress ? `<${letter.recipientAddress}>` : ""]
    .filter(Boolean)
    .join(" ");
  const draft = {
    kind: "letter_failed",
    ...titled("letter_bounced"),
    body: `To: ${to}\nSubject: ${letter.subject ?? ""}\nReason: ${reason}`,
  };
  const entries = appendEntries(c.id, await lastJournalEntry(tx, c.id), [draft], at, SYSTEM);
  await appendJournal(tx, deps.db.dialect, c.id, entries, searchLanguage(org));
  const dir = await loadDirectory(tx, org.id);
  const coordinatorId = c.coordinatorId ?? (dir ? findCoordinator(c.unitId, dir)?.id : undefined);
  const told = [...new Set([coordinatorId, ...c.handlers.map((h) => h.personId)])].filter(
    (id): id is string => typeof id === "string",
  );
  // in Klara and by e-mail (decision 0014); the e-mail names only the kind and the reference
  await sendNotifications(
    deps,
    tx,
    org,
    told.map((personId) => ({
      personId,
      caseId: c.id,
      reference: c.reference,
      kind: "letter_failed",
      message: `The letter "${letter.subject ?? ""}" to ${letter.recipientName ?? ""} on ${c.reference} bounced: ${reason}`,
    })),
    at,
  );
  return c.id;
}

/** The SMTP server refused the letter for good (5xx) at send time: bounced now, never retried. */
export async function refusedAtSend(
  deps: AppDeps,
  letter: { id: string; organisationId: string },
  reason: string,
  claimant: string,
  attempts: number,
): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const org = await findOrganisation(tx, letter.organisationId);
    if (org) await letterBounced(deps, tx, org, letter.id, reason, { claimant, attempts });
  });
}
