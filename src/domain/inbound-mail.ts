/**
 * What a message read from the complaint mailbox is: a new complaint, a reply on one of our cases
 * (by the Message-ID of one of our letters in In-Reply-To/References, or a case reference in the
 * subject), or something to quarantine (too large, malformed, without a sender, with several
 * senders, with an executable attachment). Pure: the message comes already parsed.
 */

/** Larger messages are quarantined without being downloaded. */
export const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface InboundAddress {
  name: string;
  address: string;
}

export interface InboundAttachment {
  filename: string;
  /** the type the message declares */
  contentType: string;
  /** the type found in the bytes (file-type), when any */
  detectedType: string | null;
  size: number;
}

export interface InboundMessage {
  messageId: string | null;
  /** every address of every From header */
  from: InboundAddress[];
  /** how many From header lines the message has (a forged one often has two) */
  fromHeaders: number;
  subject: string;
  text: string;
  inReplyTo: string[];
  references: string[];
  attachments: InboundAttachment[];
  size: number;
}

export type QuarantineReason =
  | "too_large"
  | "malformed"
  | "no_sender"
  | "several_senders"
  | "executable_attachment"
  /** Klara refused it as a case (e.g. the procedure takes no complaints from the public) */
  | "refused"
  /** a bounce that names no letter of ours (decision 0021) */
  | "unknown_bounce";

export type InboundClass =
  | { kind: "quarantine"; reason: QuarantineReason }
  /** outboxIds from our Message-IDs, newest reference first; reference from the subject */
  | { kind: "reply"; outboxIds: string[]; reference: string | null }
  | { kind: "new"; sender: InboundAddress };

const EXECUTABLE_EXTENSIONS = new Set([
  "exe",
  "com",
  "bat",
  "cmd",
  "scr",
  "pif",
  "cpl",
  "msi",
  "msp",
  "dll",
  "jar",
  "js",
  "jse",
  "vbs",
  "vbe",
  "wsf",
  "wsh",
  "hta",
  "ps1",
  "psm1",
  "lnk",
  "reg",
  "sh",
  "app",
  "apk",
  "elf",
  "bin",
  "iso",
]);

const EXECUTABLE_TYPES = [
  "application/x-msdownload",
  "application/x-dosexec",
  "application/x-executable",
  "application/x-elf",
  "application/x-sh",
  "application/x-msi",
  "application/vnd.microsoft.portable-executable",
  "application/java-archive",
  "application/x-ms-shortcut",
  "application/javascript",
  "text/javascript",
  "application/x-iso9660-image",
];

const REFERENCE = /\bKLA-\d{4}-\d{6}\b/i;
/** our letters' Message-IDs (deliver-mail's messageIdOf): <outbox-ROWID@domain> */
const OUR_MESSAGE_ID = /^<?outbox-([0-9a-zA-Z-]{1,64})@[^>\s]+>?$/;

export function isExecutable(a: InboundAttachment): boolean {
  const extension = /\.([^.]+)$/.exec(a.filename.trim().toLowerCase())?.[1] ?? "";
  if (EXECUTABLE_EXTENSIONS.has(extension)) return true;
  return [a.contentType, a.detectedType ?? ""].some((t) => EXECUTABLE_TYPES.includes(t.toLowerCase()));
}

/** The outbox row ids our own Message-IDs name, in the order given. */
export function outboxIdsIn(ids: readonly string[]): string[] {
  return ids.flatMap((id) => {
    const m = OUR_MESSAGE_ID.exec(id.trim());
    return m?.[1] ? [m[1]] : [];
  });
}

export function referenceIn(subject: string): string | null {
  return REFERENCE.exec(subject)?.[0].toUpperCase() ?? null;
}

export function classifyInbound(m: InboundMessage): InboundClass {
  if (m.size > MAX_MESSAGE_BYTES) return { kind: "quarantine", reason: "too_large" };
  if (m.fromHeaders > 1 || m.from.length > 1) return { kind: "quarantine", reason: "several_senders" };
  const sender = m.from[0];
  if (!sender || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(sender.address))
    return { kind: "quarantine", reason: "no_sender" };
  if (m.attachments.some(isExecutable)) return { kind: "quarantine", reason: "executable_attachment" };
  // the newest reference first: In-Reply-To, then References from the end
  const outboxIds = outboxIdsIn([...m.inReplyTo, ...[...m.references].reverse()]);
  const reference = referenceIn(m.subject);
  if (outboxIds.length > 0 || reference) return { kind: "reply", outboxIds, reference };
  return { kind: "new", sender };
}

/** The name a complainant gets from their From: the display name, else the address. */
export function complainantName(sender: InboundAddress): string {
  const name = sender.name.replace(/\s+/g, " ").trim();
  return (name || sender.address).slice(0, 200);
}
