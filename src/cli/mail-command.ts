/** `klara mail deliver`: delivers what is due in the outbox once (API.md "Mail") and exits. */
import type { AppDeps } from "../app/context.js";
import { deliverMail } from "../app/deliver-mail.js";
import type { KlaraConfig } from "../config.js";
import { smtpSender } from "../jobs/smtp-sender.js";

export async function mailDeliver(
  deps: AppDeps,
  env: Pick<KlaraConfig, "smtpUrl" | "mailFrom">,
  io: { out(line: string): void },
): Promise<number> {
  const sender = env.smtpUrl ? smtpSender(env.smtpUrl) : null;
  try {
    const r = await deliverMail(deps, { sender, ...(env.mailFrom ? { from: env.mailFrom } : {}) });
    io.out(
      sender
        ? `Mail delivered: ${r.sent} sent, ${r.retried} to retry, ${r.failed} failed.`
        : `No SMTP server configured (KLARA_SMTP_URL): ${r.captured} letters captured; admins read them at /admin/mail.` +
            // Digital Post goes out without SMTP (decision 0021)
            (r.sent || r.retried || r.failed
              ? ` By Digital Post: ${r.sent} sent, ${r.retried} to retry, ${r.failed} failed.`
              : ""),
    );
    return 0;
  } finally {
    sender?.close();
  }
}
