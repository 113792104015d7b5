/**
 * One message from the complaint mailbox, in one transaction: recorded by its key together with
 * what it made (a new case with the message and its attachments as the first incoming document,
 * a reply's document and journal entry on its case, or a quarantine with the coordinator told).
 * A key already recorded is a message read again (the move after the commit did not happen):
 * nothing new is written and the caller moves it where it belongs.
 */
import { createHash } from "node:crypto";
import { caseIdByReference, findCase } from "../db/case.repository.js";
import { isUniqueViolation } from "../db/dialect.js";
import { insertDocuments } from "../db/document.repository.js";
import {
  caseOfOutboxRow,
  findInbound,
  type InboundOutcome,
  mailboxProcedure,
  recordInbound,
} from "../db/mailbox.repository.js";
import { listProcedures, loadDirectory } from "../db/organisation.repository.js";
import type { ComplaintCase } from "../domain/case.js";
import { documentJournalLine, isAcceptedMediaType, MAX_DOCUMENT_BYTES } from "../domain/documents.js";
import { KlaraError } from "../domain/errors.js";
import { classifyInbound, complainantName, type QuarantineReason } from "../domain/inbound-mail.js";
import { type JournalEvent, titled } from "../domain/journal-events.js";
import type { Organisation } from "../domain/organisation.js";
import { findCoordinator } from "../domain/routing.js";
import { writeEffects } from "./case-store.js";
import { type AppDeps, inTransaction, nowIso, type Tx } from "./context.js";
import { createCase } from "./create-case.js";
import type { CheckedDocument } from "./incoming-documents.js";
import type { ParsedInbound } from "./mailbox-message.js";
import { sendNotifications } from "./notifications-send.js";

export type IntakeOutcome =
  | { kind: "new_case"; caseId: string }
  | { kind: "reply"; caseId: string }
  | { kind: "quarantined"; reason: QuarantineReason }
  /** a bounce of one of our letters, or a delivery report (src/app/bounces.ts) */
  | { kind: "bounce"; caseId: string | null }
  | { kind: "duplicate"; of: InboundOutcome };

const AUTHOR = { id: null, name: "Klara (complaint mailbox)" };
const MAX_JOURNAL_TEXT = 20_000;

/** A message too large to download, or one that does not parse, is quarantined by this key. */
export interface Unreadable {
  key: string;
  reason: QuarantineReason;
}

export async function takeInMessage(
  deps: AppDeps,
  org: Organisation,
  message: ParsedInbound | Unreadable,
  receivedAt: string,
): Promise<IntakeOutcome> {
  try {
    return await inTransaction(deps, async (tx) => {
      const seen = await findInbound(tx, org.id, message.key);
      if (seen) return { kind: "duplicate", of: seen.outcome };
      if (!("message" in message)) return quarantine(deps, tx, org, message.key, message.reason, receivedAt);
      const kind = classifyInbound(message.message);
      if (kind.kind === "quarantine") return quarantine(deps, tx, org, message.key, kind.reason, receivedAt);
      if (kind.kind === "reply") {
        const caseId = await replyCase(tx, org.id, kind.outboxIds, kind.reference);
        if (caseId) return reply(deps, tx, org, caseId, message, receivedAt);
      }
      return newCase(deps, tx, org, message, receivedAt);
    });
  } catch (error) {
    // a refusal is the same every time: quarantined, so it does not come back each run
    if (error instanceof KlaraError && error.code === "invalid_input") {
      return inTransaction(deps, (tx) => quarantine(deps, tx, org, message.key, "refused", receivedAt));
    }
    // another reader took the same message at the same moment: its transaction won
    if (isUniqueViolation(error)) {
      const seen = await findInbound(deps.db.kysely, org.id, message.key);
      if (seen) return { kind: "duplicate", of: seen.outcome };
    }
    throw error;
  }
}

async function replyCase(
  tx: Tx,
  organisationId: string,
  outboxIds: readonly string[],
  reference: string | null,
): Promise<string | null> {
  for (const id of outboxIds) {
    const row = await caseOfOutboxRow(tx, id);
    if (row?.caseId && row.organisationId === organisationId) return row.caseId;
  }
  return reference ? caseIdByReference(tx, organisationId, reference) : null;
}

/** The original message (exact bytes, as evidence) and each attachment Klara accepts. */
function documentsOf(m: ParsedInbound): { docs: CheckedDocument[]; skipped: string[] } {
  const raw = m.raw;
  const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
  const docs: CheckedDocument[] = [
    {
      filename: "message.eml",
      mediaType: "message/rfc822",
      size: raw.byteLength,
      sha256: sha(raw),
      content: raw,
    },
  ];
  const skipped: string[] = [];
  for (const a of m.attachments) {
    const type = a.mediaType ?? (isText(a.content) ? "text/plain" : "application/octet-stream");
    // the same limits as an upload: a larger or foreign file stays only inside message.eml
    if (!isAcceptedMediaType(type) || a.content.byteLength > MAX_DOCUMENT_BYTES) {
      skipped.push(a.filename);
      continue;
    }
    docs.push({
      filename: a.filename,
      mediaType: type,
      size: a.content.byteLength,
      sha256: sha(a.content),
      content: a.content,
    });
  }
  return { docs, skipped };
}

function isText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function journalBody(m: ParsedInbound, docs: readonly CheckedDocument[], skipped: readonly string[]): string {
  const sender = m.message.from[0];
  const lines = [
    `From: ${sender ? `${sender.name} <${sender.address}>`.trim() : ""}`,
    `Subject: ${m.message.subject}`,
    "",
    m.message.text.slice(0, MAX_JOURNAL_TEXT),
    "",
    ...docs.map(documentJournalLine),
    ...skipped.map((f) => `${f} (kept only in message.eml: too large, or not a type Klara opens)`),
  ];
  return lines.join("\n");
}

async function newCase(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  m: ParsedInbound,
  receivedAt: string,
): Promise<IntakeOutcome> {
  const sender = m.message.from[0];
  if (!sender) throw new KlaraError("invalid_input", "A message without a sender cannot be a case.");
  const procedure = (await mailboxProcedure(tx, org.id)) ?? (await listProcedures(tx, org.id))[0]?.id;
  if (!procedure) throw new KlaraError("not_found", "The organisation has no procedure for the mailbox.");
  const { case: created } = await createCase(
    deps,
    tx,
    {
      procedure,
      channel: "email",
      receivedAt,
      complainant: { anonymous: false, name: complainantName(sender), email: sender.address },
      subject: (m.message.subject || "E-mail without a subject").slice(0, 300),
      description: (m.message.text || "(The e-mail has no text; see its attachments.)").slice(0, 20_000),
    },
    null,
  );
  await attach(deps, tx, org, created, m, titled("complaint_by_email"), false);
  await recordInbound(tx, {
    organisationId: org.id,
    messageKey: m.key,
    outcome: "new_case",
    caseId: created.id,
    reason: null,
    receivedAt,
    createdAt: nowIso(deps),
  });
  return { kind: "new_case", caseId: created.id };
}

async function reply(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  caseId: string,
  m: ParsedInbound,
  receivedAt: string,
): Promise<IntakeOutcome> {
  const c = await findCase(tx, caseId);
  if (!c) throw new KlaraError("not_found", "The case was not found.");
  await attach(deps, tx, org, c, m, titled("email_received"), true);
  await recordInbound(tx, {
    organisationId: org.id,
    messageKey: m.key,
    outcome: "reply",
    caseId,
    reason: null,
    receivedAt,
    createdAt: nowIso(deps),
  });
  return { kind: "reply", caseId };
}

async function attach(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  c: ComplaintCase,
  m: ParsedInbound,
  line: { title: string; event: JournalEvent },
  tell: boolean,
): Promise<void> {
  const { docs, skipped } = documentsOf(m);
  const at = nowIso(deps);
  const notifyId = tell ? (c.handlers[0]?.personId ?? c.coordinatorId) : null;
  const effects = {
    journal: [{ kind: "document_in", ...line, body: journalBody(m, docs, skipped) }],
    letters: [],
    notifications: notifyId
      ? [{ personId: notifyId, kind: "mail_received", message: `An e-mail arrived on ${c.reference}.` }]
      : [],
  };
  const [written] = await writeEffects(deps, tx, org, c, effects, AUTHOR, at);
  if (!written) return;
  await insertDocuments(
    tx,
    docs.map((d) => ({ ...d, id: deps.newId(), caseId: c.id, journalSeq: written.seq, createdAt: at })),
  );
}

async function quarantine(
  deps: AppDeps,
  tx: Tx,
  org: Organisation,
  key: string,
  reason: QuarantineReason,
  receivedAt: string,
): Promise<IntakeOutcome> {
  const at = nowIso(deps);
  await recordInbound(tx, {
    organisationId: org.id,
    messageKey: key,
    outcome: "quarantined",
    caseId: null,
    reason,
    receivedAt,
    createdAt: at,
  });
  const dir = await loadDirectory(tx, org.id);
  const coordinator = dir ? findCoordinator(null, dir) : null;
  if (coordinator) {
    // in Klara and by e-mail unless the coordinator turned it off (decision 0014)
    await sendNotifications(
      deps,
      tx,
      org,
      [
        {
          personId: coordinator.id,
          caseId: null,
          kind: "mail_quarantined",
          message: `A message in the complaint mailbox was quarantined (${reason.replaceAll("_", " ")}); it is in the folder Klara/Quarantine.`,
        },
      ],
      at,
    );
  }
  return { kind: "quarantined", reason };
}
