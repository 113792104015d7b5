/**
 * A raw message from the complaint mailbox, parsed (mailparser) and checked at the boundary (Zod)
 * into the domain's InboundMessage plus its attachments' bytes. A message mailparser cannot make
 * sense of, or one without a single header, is malformed: null.
 */
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import type { InboundMessage } from "../domain/inbound-mail.js";
import { lazy } from "./lazy-module.js";

/** mailparser, loaded by the first message read rather than at start-up (decision 0028). */
const mailParser = lazy(() => import("mailparser"));

const Address = z.object({ name: z.string().default(""), address: z.string().default("") });
const AddressObject = z.object({ value: z.array(Address) });

/** The part of mailparser's answer Klara reads; anything else in it is ignored. */
const ParsedShape = z.object({
  // at least one real header ("Name: value"); bytes that are no message give none
  headerLines: z
    .array(z.object({ key: z.string(), line: z.string() }))
    .refine((lines) => lines.some((h) => /^[A-Za-z0-9-]+$/.test(h.key) && /^[A-Za-z0-9-]+:/.test(h.line)), {
      message: "no header",
    }),
  messageId: z.string().max(998).optional(),
  from: AddressObject.optional(),
  subject: z.string().optional(),
  text: z.string().optional(),
  html: z.union([z.string(), z.literal(false)]).optional(),
  inReplyTo: z.string().optional(),
  references: z.union([z.string(), z.array(z.string())]).optional(),
  attachments: z.array(
    z.object({
      filename: z.string().optional(),
      contentType: z.string(),
      content: z.instanceof(Buffer),
    }),
  ),
});

export interface ParsedInbound {
  message: InboundMessage;
  /** the key the message is recorded under: its Message-ID, else a hash of its bytes */
  key: string;
  /** the message's exact bytes, kept as its first document */
  raw: Uint8Array;
  attachments: { filename: string; content: Uint8Array; mediaType: string | null }[];
}

export function keyOf(messageId: string | null | undefined, raw: Uint8Array): string {
  const id = messageId?.trim();
  if (id) return id.slice(0, 500);
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

/** Without tags: a message sent only as HTML still has readable text. */
function textOf(text: string | undefined, html: string | false | undefined): string {
  if (text?.trim()) return text.trim();
  if (!html) return "";
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function ids(v: string | string[] | undefined): string[] {
  if (!v) return [];
  return (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(/\s+/)).filter((s) => s.length > 0);
}

export async function parseInbound(raw: Uint8Array): Promise<ParsedInbound | null> {
  const { simpleParser } = await mailParser();
  let parsed: unknown;
  try {
    parsed = await simpleParser(Buffer.from(raw), { skipImageLinks: true, skipTextToHtml: true });
  } catch {
    return null;
  }
  const shape = ParsedShape.safeParse(parsed);
  if (!shape.success) return null;
  const p = shape.data;
  const attachments = await Promise.all(
    p.attachments.map(async (a, i) => ({
      filename: a.filename?.trim() || `attachment-${i + 1}`,
      content: new Uint8Array(a.content),
      contentType: a.contentType,
      mediaType: (await fileTypeFromBuffer(a.content))?.mime ?? null,
    })),
  );
  const message: InboundMessage = {
    messageId: p.messageId?.trim() || null,
    from: (p.from?.value ?? []).filter((a) => a.address || a.name),
    fromHeaders: p.headerLines.filter((h) => h.key.toLowerCase() === "from").length,
    subject: (p.subject ?? "").replace(/\s+/g, " ").trim(),
    text: textOf(p.text, p.html),
    inReplyTo: ids(p.inReplyTo),
    references: ids(p.references),
    attachments: attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      detectedType: a.mediaType,
      size: a.content.byteLength,
    })),
    size: raw.byteLength,
  };
  return {
    message,
    key: keyOf(message.messageId, raw),
    raw,
    attachments: attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      mediaType: a.mediaType,
    })),
  };
}
