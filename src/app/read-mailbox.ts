/**
 * Reads the complaint mailbox once (issue 8.4): every message in it becomes a case, lands on its
 * case as a reply, or is quarantined; then it is moved out of the mailbox (Klara/Processed or
 * Klara/Quarantine). The message's key is written in the same transaction as the case, and the
 * move happens after the commit: a connection dropped in between leaves the message in the
 * mailbox, and the next run recognises it and only moves it. A message that fails on its own
 * (a database error) stays and is tried again next run; the others go on.
 */
import type { ImapFlow } from "imapflow";
import { organisationsWithMailbox } from "../db/mailbox.repository.js";
import { findOrganisation, listOrganisations } from "../db/organisation.repository.js";
import { KlaraError } from "../domain/errors.js";
import { MAX_MESSAGE_BYTES } from "../domain/inbound-mail.js";
import type { Organisation } from "../domain/organisation.js";
import { takeInBounce } from "./bounces.js";
import { type AppDeps, nowIso } from "./context.js";
import {
  connectImap,
  ensureFolder,
  type ImapTarget,
  imapTarget,
  PROCESSED_FOLDER,
  QUARANTINE_FOLDER,
} from "./mailbox-imap.js";
import { type IntakeOutcome, takeInMessage } from "./mailbox-intake.js";
import { keyOf, parseInbound } from "./mailbox-message.js";

export interface MailboxLog {
  info(data: object, message: string): void;
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export interface ReadMailboxOptions {
  /** KLARA_IMAP_URL; or the mailbox set in the admin pages as `target` */
  url?: string;
  target?: ImapTarget;
  /** where processed and quarantined messages go (default Klara/Processed, Klara/Quarantine) */
  folders?: { processed: readonly string[]; quarantine: readonly string[] };
  /** the organisation the mailbox serves; omitted: the one with a mailbox setting, or the only one */
  organisationId?: string;
  batchSize?: number;
  /** larger messages are quarantined without being downloaded (default 25 MB) */
  maxMessageBytes?: number;
  log?: MailboxLog;
  /** test seam: runs after a message's transaction committed, before the message is moved */
  beforeMove?: (uid: number) => void | Promise<void>;
}

export interface MailboxResult {
  cases: number;
  replies: number;
  quarantined: number;
  /** read again after an earlier run committed it but did not move it */
  duplicates: number;
  /** bounces and delivery reports on our letters (decision 0021); readMailbox always counts them */
  bounces?: number;
  failed: number;
}

const silent: MailboxLog = { info: () => {}, warn: () => {}, error: () => {} };

export async function mailboxOrganisation(deps: AppDeps, organisationId?: string): Promise<Organisation> {
  const db = deps.db.kysely;
  const chosen = organisationId ? [organisationId] : await organisationsWithMailbox(db);
  if (chosen.length === 1) {
    const org = await findOrganisation(db, chosen[0] as string);
    if (org) return org;
  }
  const all = await listOrganisations(db);
  if (!organisationId && chosen.length === 0 && all.length === 1) return all[0] as Organisation;
  throw new KlaraError(
    "invalid_input",
    all.length === 0
      ? "There is no organisation for the complaint mailbox."
      : "Several organisations: choose the one the complaint mailbox serves (klara mail fetch --organisation ID).",
  );
}

function iso(d: Date | string | undefined): string {
  const date = d instanceof Date ? d : d ? new Date(d) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

export async function readMailbox(deps: AppDeps, options: ReadMailboxOptions): Promise<MailboxResult> {
  const log = options.log ?? silent;
  const target = options.target ?? imapTarget(options.url ?? "");
  const org = await mailboxOrganisation(deps, options.organisationId);
  const result: MailboxResult = {
    cases: 0,
    replies: 0,
    quarantined: 0,
    duplicates: 0,
    bounces: 0,
    failed: 0,
  };
  const client = await connectImap(target);
  try {
    const processed = await ensureFolder(client, options.folders?.processed ?? PROCESSED_FOLDER);
    const quarantine = await ensureFolder(client, options.folders?.quarantine ?? QUARANTINE_FOLDER);
    const lock = await client.getMailboxLock(target.mailbox);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      for (const uid of uids.slice(0, options.batchSize ?? 100)) {
        let outcome: IntakeOutcome;
        try {
          outcome = await takeIn(deps, client, org, uid, options.maxMessageBytes ?? MAX_MESSAGE_BYTES);
        } catch (error) {
          if (!client.usable) throw error; // the connection dropped: the next run starts over
          result.failed += 1;
          log.error(
            // Klara's own refusals say what is wrong without quoting the message; others only their type
            error instanceof KlaraError
              ? { job: "mailbox", uid, error: error.name, code: error.code, message: error.message }
              : { job: "mailbox", uid, error: (error as Error).name },
            "mailbox message not taken in",
          );
          continue;
        }
        tally(result, outcome);
        if (outcome.kind === "quarantined")
          log.warn({ job: "mailbox", uid, reason: outcome.reason }, "mailbox message quarantined");
        await options.beforeMove?.(uid);
        const to = destination(outcome) === "quarantine" ? quarantine : processed;
        await client.messageMove(String(uid), to, { uid: true });
      }
    } finally {
      lock.release();
    }
  } finally {
    if (client.usable) await client.logout().catch(() => {});
    else client.close();
  }
  return result;
}

async function takeIn(
  deps: AppDeps,
  client: ImapFlow,
  org: Organisation,
  uid: number,
  maxBytes: number,
): Promise<IntakeOutcome> {
  const meta = await client.fetchOne(
    String(uid),
    { uid: true, size: true, internalDate: true, envelope: true },
    { uid: true },
  );
  if (!meta) throw new Error("The message went away while it was read.");
  // a server clock ahead of ours must not make a receipt in the future
  const now = nowIso(deps);
  const arrived = iso(meta.internalDate);
  const receivedAt = arrived.localeCompare(now) > 0 ? now : arrived;
  const size = meta.size ?? 0;
  if (size > maxBytes) {
    // never downloaded: recognised again by its Message-ID, or by where and when it arrived
    const key = keyOf(meta.envelope?.messageId, new TextEncoder().encode(`${receivedAt} ${size}`));
    return takeInMessage(deps, org, { key, reason: "too_large" }, receivedAt);
  }
  const full = await client.fetchOne(String(uid), { source: true }, { uid: true });
  // biome-ignore lint/complexity/useOptionalChain: fetchOne answers false for a message gone
  if (!full || !full.source) throw new Error("The message went away while it was read.");
  const raw = new Uint8Array(full.source);
  const parsed = await parseInbound(raw);
  if (!parsed) return takeInMessage(deps, org, { key: keyOf(null, raw), reason: "malformed" }, receivedAt);
  // a bounce of one of our letters is recognised before intake: never a case (decision 0021)
  return (await takeInBounce(deps, org, parsed, receivedAt)) ?? takeInMessage(deps, org, parsed, receivedAt);
}

function destination(o: IntakeOutcome): "processed" | "quarantine" {
  return o.kind === "quarantined" || (o.kind === "duplicate" && o.of === "quarantined")
    ? "quarantine"
    : "processed";
}

function tally(r: MailboxResult, o: IntakeOutcome): void {
  if (o.kind === "new_case") r.cases += 1;
  else if (o.kind === "reply") r.replies += 1;
  else if (o.kind === "quarantined") r.quarantined += 1;
  else if (o.kind === "bounce") r.bounces = (r.bounces ?? 0) + 1;
  else r.duplicates += 1;
}
