/**
 * `klara mail fetch [--organisation ID]`: reads the complaint mailboxes once and exits: each
 * organisation's own (set in the admin pages) and KLARA_IMAP_URL's, or only the one organisation's.
 * Each quarantined message is one line on stderr with its reason only (no sender, no subject); a
 * mailbox that cannot be read is one line naming the organisation and the reason, and the others
 * are still read.
 */
import type { AppDeps } from "../app/context.js";
import { readAllMailboxes, totalOf } from "../app/read-mailboxes.js";
import type { KlaraConfig } from "../config.js";

export async function mailFetch(
  deps: AppDeps,
  env: Pick<KlaraConfig, "imapUrl">,
  io: { out(line: string): void; err(line: string): void },
  organisationId?: string,
): Promise<number> {
  const runs = await readAllMailboxes(deps, {
    ...(env.imapUrl ? { url: env.imapUrl } : {}),
    ...(organisationId ? { organisationId } : {}),
    log: {
      info: () => {},
      warn: (data) => io.err(`klara: a message was quarantined (${(data as { reason?: string }).reason}).`),
      error: (data) => {
        const d = data as { error?: string; message?: string };
        io.err(`klara: a message was not taken in (${d.message ?? d.error}); it stays in the mailbox.`);
      },
    },
  });
  if (runs.length === 0) {
    io.err(
      "klara: no complaint mailbox is configured (set KLARA_IMAP_URL=imap://user:pass@host:port/INBOX).",
    );
    return 1;
  }
  for (const run of runs.filter((r) => r.failure)) {
    const whose = run.organisationId ? `of organisation ${run.organisationId} ` : "";
    const detail =
      run.failure === "no_organisation" || run.failure === "invalid_url" ? `: ${run.detail}` : "";
    io.err(
      `klara: the complaint mailbox ${whose}(${run.source === "admin" ? "admin pages" : "KLARA_IMAP_URL"}) was not read (${run.failure?.replaceAll("_", " ")})${detail}.`,
    );
  }
  const r = totalOf(runs);
  io.out(
    `Mailbox read: ${r.cases} new cases, ${r.replies} replies on cases, ${r.quarantined} quarantined, ` +
      `${r.duplicates} already taken in, ${r.bounces ?? 0} bounces, ${r.failed} left for the next run.`,
  );
  return r.failed > 0 || runs.some((run) => run.failure) ? 1 : 0;
}
