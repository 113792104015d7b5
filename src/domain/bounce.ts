/**
 * Reading a bounce: a delivery status notification (RFC 3464: multipart/report;
 * report-type=delivery-status) or one of the common non-standard ones a mail daemon writes with the
 * original's headers quoted. It names our letter by the original Message-ID (`<outbox-ROWID@…>`,
 * decision 0010) or by X-Klara-Reference and the recipient, and why it failed (status code,
 * diagnostic). A report that is no failure (delayed, delivered, relayed) is told apart. Pure: the
 * message comes as text.
 */
import { outboxIdsIn, referenceIn } from "./inbound-mail.js";

export interface BounceInput {
  /** the message as text, headers included (its 7/8-bit parts are readable as they stand) */
  raw: string;
  /** the decoded texts of its parts: the text, the delivery-status part, the returned headers */
  parts: readonly string[];
  /** the parsed From address and subject */
  from: string;
  subject: string;
}

export type BounceReading =
  | { kind: "none" }
  /** a delivery status notification that reports no failure (delayed, delivered, relayed, expanded) */
  | { kind: "report"; action: string }
  | {
      kind: "bounce";
      /** our outbox row ids, the Message-ID header's first */
      outboxIds: string[];
      reference: string | null;
      recipient: string | null;
      /** the enhanced status code (RFC 3463), e.g. 5.1.1 */
      status: string | null;
      diagnostic: string | null;
      /** status and diagnostic in one line, for the case and the outbox row */
      reason: string;
    };

const DAEMON = /^(mailer-daemon|mailerdaemon|mail-daemon|postmaster|mdaemon|bounces?)$/i;
const BOUNCY_SUBJECT =
  /undeliver|returned mail|returned to sender|delivery status notification \(failure\)|delivery (failure|has failed|failed|problem)|mail delivery (failed|failure|system|subsystem)|failure notice|non[- ]?delivery|could not be delivered|unzustellbar|nicht zugestellt|kunne ikke leveres|ikke levert|ikke leveret|onbestelbaar/i;
const MAX_REASON = 300;

/** The header block (before the first empty line) and the rest, with folded lines unfolded. */
function split(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at);
  return { head: unfold(head), body };
}

function unfold(text: string): string {
  return text.replace(/\r?\n[ \t]+/g, " ").replace(/\r/g, "");
}

function header(head: string, name: string): string | null {
  const m = new RegExp(`^${name}:[ \\t]*(.*)$`, "im").exec(head);
  return m?.[1]?.trim() ?? null;
}

/** The first value of a DSN field (per-recipient fields repeat; the first recipient's counts). */
function field(text: string, name: string): string | null {
  const m = new RegExp(`^[ \\t>]*${name}:[ \\t]*(.+)$`, "im").exec(text);
  return m?.[1]?.trim() ?? null;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ").trim();
  return one.length > MAX_REASON ? `${one.slice(0, MAX_REASON - 1)}…` : one;
}

function isReport(head: string): boolean {
  const type = header(head, "Content-Type") ?? "";
  return /^multipart\/report\b/i.test(type) && /report-type\s*=\s*"?(global-)?delivery-status"?/i.test(type);
}

/** Our Message-IDs: those on a Message-ID line first (the original's), then any other quoted. */
function ourIds(text: string): string[] {
  const onIdLine = [...text.matchAll(/^[ \t>]*Message-ID:[ \t]*(<outbox-[^>\s]+>)/gim)].map(
    (m) => m[1] ?? "",
  );
  const anywhere = [...text.matchAll(/<outbox-[0-9a-zA-Z-]{1,64}@[^>\s]+>/g)].map((m) => m[0]);
  return [...new Set(outboxIdsIn([...onIdLine, ...anywhere]))];
}

function address(value: string | null): string | null {
  if (!value) return null;
  const m = /([^\s<>;"]+@[^\s<>;"]+)/.exec(value.replace(/^[^;]*;/, ""));
  return m?.[1]?.replace(/[.,:]+$/, "").toLowerCase() ?? null;
}

export function readBounce(input: BounceInput): BounceReading {
  const { head, body } = split(input.raw);
  const text = unfold([body, ...input.parts].join("\n"));
  const standard = isReport(head);
  const localPart = input.from.split("@")[0] ?? "";
  const daemon = DAEMON.test(localPart) || /^<\s*>$/.test(header(head, "Return-Path") ?? "x");
  const automatic = /^auto-(replied|generated)/i.test(header(head, "Auto-Submitted") ?? "");
  if (!standard && !((daemon || automatic) && BOUNCY_SUBJECT.test(input.subject))) return { kind: "none" };

  const actions = [...text.matchAll(/^[ \t]*Action:[ \t]*([a-z-]+)/gim)].map((m) =>
    (m[1] ?? "").toLowerCase(),
  );
  if (standard && actions.length > 0 && !actions.includes("failed"))
    return { kind: "report", action: actions[0] ?? "" };

  const status =
    /^[ \t]*Status:[ \t]*([245]\.\d{1,3}\.\d{1,3})/im.exec(text)?.[1] ??
    /\b([45]\.\d{1,3}\.\d{1,3})\b/.exec(text)?.[1] ??
    null;
  const code = field(text, "Diagnostic-Code");
  const diagnostic = code
    ? clip(code.replace(/^[^;]*;\s*/, ""))
    : (text
        .split("\n")
        .map((l) => l.trim())
        .filter((l) => (status !== null && l.includes(status)) || /\b[45]\d\d\b/.test(l))
        .filter((l) => !/^(Received|Date|Arrival-Date|X-[\w-]+):/i.test(l))
        .map(clip)[0] ?? null);
  const recipient =
    address(field(text, "Final-Recipient")) ??
    address(field(text, "Original-Recipient")) ??
    address(/^[ \t>]*To:[ \t]*(.+)$/im.exec(text)?.[1] ?? null);
  const reference =
    /^[ \t>]*X-Klara-Reference:[ \t]*(KLA-\d{4}-\d{6})/im.exec(text)?.[1]?.toUpperCase() ??
    referenceIn(input.subject);
  const reason = clip([status, diagnostic].filter(Boolean).join(" ")) || "returned without a reason";
  return { kind: "bounce", outboxIds: ourIds(text), reference, recipient, status, diagnostic, reason };
}

/** SMTP refused the message for good at send time (5xx): a bounce at once, not worth a retry. */
export function isPermanentRefusal(responseCode: unknown, errorCode: unknown): boolean {
  const n = typeof responseCode === "number" ? responseCode : Number(responseCode);
  // a refused login (535) is the server's configuration, not the recipient: retried and failed as before
  return Number.isInteger(n) && n >= 500 && n < 600 && errorCode !== "EAUTH";
}
