/**
 * The SMTP client the mail delivery uses: nodemailer over KLARA_SMTP_URL, one connection per
 * delivery run (closed when it ends), short timeouts so a server that hangs fails the attempt
 * instead of the job. Nothing is logged: the messages hold personal data.
 */
import nodemailer from "nodemailer";
import type { MailSender, OutgoingMail } from "../app/deliver-mail.js";

export interface ClosableSender extends MailSender {
  close(): void;
}

export function smtpSender(url: string): ClosableSender {
  const transport = nodemailer.createTransport({
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
      await transport.sendMail({
        messageId: mail.messageId,
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        headers: mail.headers,
        ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      });
    },
    close: () => transport.close(),
  };
}
