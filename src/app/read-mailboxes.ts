/**
 * Reads every complaint mailbox once, one at a time: each organisation's own mailbox (set in the
 * admin pages) and KLARA_IMAP_URL for the organisation it serves (API.md "Mail"; not for an
 * organisation that has its own). Each fails on its own: a broken mailbox is recorded with a
 * reason code and the next one is read. Its admins and coordinator are told once, when it starts
 * failing; a read that works again clears it, so a later failure is told again.
 */
import {
  mailboxCredentials,
  organisationsWithOwnMailbox,
  recordMailboxState,
} from "../db/mail-settings.repository.js";
import { findOrganisation, loadDirectory } from "../db/organisation.repository.js";
import { KlaraError } from "../domain/errors.js";
import { findCoordinator } from "../domain/routing.js";
import { type AppDeps, inTransaction, nowIso } from "./context.js";
import { targetOf } from "./mail-settings.js";
import { mailboxFailure } from "./mailbox-connection.js";
import { sendNotifications } from "./notifications-send.js";
import { type MailboxLog, type MailboxResult, mailboxOrganisation, readMailbox } from "./read-mailbox.js";

export interface MailboxRun {
  /** null: KLARA_IMAP_URL serves no organisation that can be told apart */
  organisationId: string | null;
  source: "admin" | "environment";
  result?: MailboxResult;
  /** why the read failed (auth_failed, connect_failed, …); the log says the rest without secrets */
  failure?: string;
  /** for the log: Klara's own message, or the error's type and code (never the server's text) */
  detail?: string;
  /** the failure began with this read (people were told); a failure that goes on is not told again */
  began?: boolean;
}

export interface ReadMailboxesOptions {
  /** KLARA_IMAP_URL */
  url?: string;
  /** only this organisation's mailbox (klara mail fetch --organisation ID) */
  organisationId?: string;
  log?: MailboxLog;
  batchSize?: number;
}

function detailOf(error: unknown): string {
  if (error instanceof KlaraError) {
    const field = error.details.fieldErrors?.[0];
    return field ? `${field.path} ${field.message}` : error.message;
  }
  const code = (error as { code?: unknown }).code;
  return `${error instanceof Error ? error.name : typeof error}${typeof code === "string" ? ` ${code}` : ""}`;
}

const split = (folder: string) => folder.split("/").map((p) => p.trim());

export async function readAllMailboxes(deps: AppDeps, options: ReadMailboxesOptions): Promise<MailboxRun[]> {
  const own = (await organisationsWithOwnMailbox(deps.db.kysely)).filter(
    (id) => !options.organisationId || id === options.organisationId,
  );
  const runs: MailboxRun[] = [];
  const common = {
    ...(options.log ? { log: options.log } : {}),
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  };
  for (const organisationId of own) {
    const run: MailboxRun = { organisationId, source: "admin" };
    try {
      const m = await mailboxCredentials(deps.db.kysely, organisationId);
      if (!m) continue; // removed since the list was read
      run.result = await readMailbox(deps, {
        ...common,
        target: targetOf(m),
        organisationId,
        folders: { processed: split(m.processedFolder), quarantine: split(m.quarantineFolder) },
      });
    } catch (error) {
      run.failure = mailboxFailure(error);
      run.detail = detailOf(error);
    }
    runs.push(await settle(deps, run));
  }
  if (options.url) {
    let organisationId: string | null = null;
    try {
      organisationId = (await mailboxOrganisation(deps, options.organisationId)).id;
    } catch (error) {
      // which organisation it serves is unclear: nothing to record it on
      runs.push({
        organisationId: null,
        source: "environment",
        failure: error instanceof KlaraError ? "no_organisation" : mailboxFailure(error),
        detail: detailOf(error),
      });
      return runs;
    }
    if (own.includes(organisationId)) return runs;
    const run: MailboxRun = { organisationId, source: "environment" };
    try {
      run.result = await readMailbox(deps, { ...common, url: options.url, organisationId });
    } catch (error) {
      run.failure = error instanceof KlaraError ? "invalid_url" : mailboxFailure(error);
      run.detail = detailOf(error);
    }
    runs.push(await settle(deps, run));
  }
  return runs;
}

/** Records how the read went; a failure that begins now is told to the admins and the coordinator. */
async function settle(deps: AppDeps, run: MailboxRun): Promise<MailboxRun> {
  const organisationId = run.organisationId;
  if (!organisationId) return run;
  const at = nowIso(deps);
  const failure = run.failure ?? null;
  const began = await inTransaction(deps, async (tx) => {
    const { before } = await recordMailboxState(tx, organisationId, failure, at);
    if (failure === null || before !== null) return false;
    const org = await findOrganisation(tx, organisationId);
    const dir = await loadDirectory(tx, organisationId);
    if (!org || !dir) return true;
    const admins = [...dir.people.values()].filter((p) => p.active && p.roles.includes("admin"));
    const coordinator = findCoordinator(null, dir);
    const people = [
      ...new Map([...admins, ...(coordinator ? [coordinator] : [])].map((p) => [p.id, p])).values(),
    ];
    const where = run.source === "admin" ? "the mail settings (/admin/mail-settings)" : "KLARA_IMAP_URL";
    await sendNotifications(
      deps,
      tx,
      org,
      people.map((p) => ({
        personId: p.id,
        caseId: null,
        kind: "mailbox_failed",
        message: `The complaint mailbox cannot be read (${failure.replaceAll("_", " ")}); new complaints by e-mail wait in it until it is fixed in ${where}.`,
      })),
      at,
    );
    return true;
  });
  return began ? { ...run, began } : run;
}

/** The sum of the runs' counts. */
export function totalOf(runs: readonly MailboxRun[]): MailboxResult {
  const sums: Record<string, number> = {};
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.result ?? {})) sums[k] = (sums[k] ?? 0) + v;
  }
  return { cases: 0, replies: 0, quarantined: 0, duplicates: 0, failed: 0, ...sums } as MailboxResult;
}
