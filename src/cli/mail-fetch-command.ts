/**
 * `klara mail fetch`: reads the complaint mailbox (KLARA_IMAP_URL) once and exits. Each quarantined
 * message is one line on stderr with its reason only (no sender, no subject).
 */
import type { AppDeps } from "../app/context.js";
import { readMailbox } from "../app/read-mailbox.js";
import type { KlaraConfig } from "../config.js";

export async function mailFetch(
  deps: AppDeps,
  env: Pick<KlaraConfig, "imapUrl">,
  io: { out(line: string): void; err(line: string): void },
  organisationId?: string,
): Promise<number> {
  if (!env.imapUrl) {
    io.err(
      "klara: no complaint mailbox is configured (set KLARA_IMAP_URL=imap://user:pass@host:port/INBOX).",
    );
    return 1;
  }
  const r = await readMailbox(deps, {
    url: env.imapUrl,
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
  io.out(
    `Mailbox read: ${r.cases} new cases, ${r.replies} replies on cases, ${r.quarantined} quarantined, ` +
      `${r.duplicates} already taken in, ${r.failed} left for the next run.`,
  );
  return r.failed > 0 ? 1 : 0;
}
