/**
 * The SMTP client the mail delivery uses: nodemailer over KLARA_SMTP_URL, one connection per
 * delivery run (closed when it ends), short timeouts so a server that hangs fails the attempt
 * instead of the job. Nothing is logged: the messages hold personal data.
 */

import type nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { MailSender, OutgoingMail } from "../app/deliver-mail.js";
import { lazy } from "../app/lazy-module.js";

/** nodemailer, loaded by the first letter sent rather than at start-up (decision 0028). */
const nodeMailer = lazy(async (): Promise<typeof nodemailer> => (await import("nodemailer")).default);

export interface ClosableSender extends MailSender {
  close(): void;
}

export function smtpSender(url: string): ClosableSender {
  // made by the first letter: a run with nothing to send loads no nodemailer
  let transport: Promise<Transporter> | undefined;
  const transportOf = async (mailer: typeof nodemailer) =>
    mailer.createTransport({
      url,
      // a pool of one: the run's letters share one connection (without it nodemailer opens one per letter)
      pool: true,
      maxConnections: 1,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(mail: OutgoingMail): Promise<void> {
      transport ??= nodeMailer().then(transportOf);
      await (await transport).sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: mail.headers,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      });
    },
    close: () => {
      void transport?.then((t) => t.close()).catch(() => {});
    },
  };
}
