/** The IMAP side of the complaint mailbox (imapflow): the URL, the connection and Klara's folders. */
import type { ImapFlow } from "imapflow";
import { invalidInput } from "../domain/errors.js";
import { lazy } from "./lazy-module.js";

/** imapflow, loaded by the first mailbox connection rather than at start-up (decision 0028). */
export const imapFlow = lazy(async () => (await import("imapflow")).ImapFlow);

export interface ImapTarget {
  secure: boolean;
  host: string;
  port: number;
  user: string;
  pass: string;
  mailbox: string;
}

export const PROCESSED_FOLDER = ["Klara", "Processed"];
export const QUARANTINE_FOLDER = ["Klara", "Quarantine"];

/** imap://user:pass@host:port/INBOX or imaps://…; a bad URL is one line that never shows the password. */
export function imapTarget(url: string): ImapTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw invalidInput([{ path: "KLARA_IMAP_URL", message: "must be imap://user:pass@host:port/INBOX" }]);
  }
  if ((u.protocol !== "imap:" && u.protocol !== "imaps:") || !u.hostname || !u.username) {
    throw invalidInput([
      { path: "KLARA_IMAP_URL", message: "must be imap://user:pass@host:port/INBOX or imaps://…" },
    ]);
  }
  const secure = u.protocol === "imaps:";
  return {
    secure,
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 993 : 143,
    user: decodeURIComponent(u.username),
    pass: decodeURIComponent(u.password),
    mailbox: decodeURIComponent(u.pathname.replace(/^\/+/, "")) || "INBOX",
  };
}

export async function connectImap(t: ImapTarget): Promise<ImapFlow> {
  const ImapFlow = await imapFlow();
  const client = new ImapFlow({
    host: t.host,
    port: t.port,
    secure: t.secure,
    auth: { user: t.user, pass: t.pass },
    logger: false,
    // a server that stops answering must not hang the job
    socketTimeout: 60_000,
  });
  // a dropped connection is an error event as well as a failed command: the command's error is handled
  client.on("error", () => {});
  await client.connect();
  return client;
}

/** The folder's path with the server's delimiter, created when missing. */
export async function ensureFolder(client: ImapFlow, parts: readonly string[]): Promise<string> {
  const created = await client.mailboxCreate([...parts]);
  return created.path;
}
