/**
 * Trying a complaint mailbox: connect, sign in, look at the folder to read, sign out. The outcome
 * is a short code the pages put in plain words (and the mailbox job records when a read fails);
 * never the server's text, which can echo the user name.
 */
import { type ImapTarget, imapFlow } from "./mailbox-imap.js";

export type MailboxOutcome =
  | "connected"
  | "auth_failed"
  | "host_not_found"
  | "connect_failed"
  | "tls_failed"
  | "timeout"
  | "folder_missing"
  | "failed";

export const MAILBOX_FAILURES: readonly MailboxOutcome[] = [
  "auth_failed",
  "host_not_found",
  "connect_failed",
  "tls_failed",
  "timeout",
  "folder_missing",
  "failed",
];

/** Why an IMAP connection or command failed, as one of the outcome codes. */
export function mailboxFailure(error: unknown): Exclude<MailboxOutcome, "connected"> {
  const e = (error ?? {}) as {
    authenticationFailed?: boolean;
    code?: unknown;
    serverResponseCode?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === "string" ? e.code : "";
  const message = typeof e.message === "string" ? e.message : "";
  if (e.authenticationFailed) return "auth_failed";
  if (e.serverResponseCode === "NONEXISTENT" || /doesn't exist|does not exist|nonexistent/i.test(message))
    return "folder_missing";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host_not_found";
  if (/TIMEOUT|ETIMEDOUT/.test(code)) return "timeout";
  if (
    /^ERR_(SSL|TLS)|CERT|EPROTO|SELF_SIGNED|ClosedAfterConnectTLS/.test(code) ||
    /SSL|TLS|certificate/i.test(message)
  )
    return "tls_failed";
  if (
    /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH|NoConnection|EConnectionClosed|ClosedAfter/.test(code)
  )
    return "connect_failed";
  return "failed";
}

export interface MailboxTry {
  outcome: MailboxOutcome;
  /** the number of messages waiting in the folder to read, when connected */
  messages?: number;
}

/** Connects with short timeouts (a page waits for it) and reports how far it got. */
export async function tryMailbox(target: ImapTarget, timeoutMs = 10_000): Promise<MailboxTry> {
  const ImapFlow = await imapFlow();
  const client = new ImapFlow({
    host: target.host,
    port: target.port,
    secure: target.secure,
    auth: { user: target.user, pass: target.pass },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 3,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const status = await client.status(target.mailbox, { messages: true });
    return { outcome: "connected", messages: status ? (status.messages ?? 0) : 0 };
  } catch (error) {
    return { outcome: mailboxFailure(error) };
  } finally {
    if (client.usable) await client.logout().catch(() => {});
    else client.close();
  }
}
