/**
 * The pure classification of a mailbox message, and the parse at the boundary: new complaint,
 * reply by our Message-ID or by the reference in the subject, and each quarantine reason.
 */
import { describe, expect, it } from "vitest";
import { parseInbound } from "../../src/app/mailbox-message.js";
import { classifyInbound, type InboundMessage, MAX_MESSAGE_BYTES } from "../../src/domain/inbound-mail.js";

const base: InboundMessage = {
  messageId: "<a@borger.example>",
  from: [{ name: "Mette Mor", address: "mette@borger.example" }],
  fromHeaders: 1,
  subject: "Klage",
  text: "Tekst",
  inReplyTo: [],
  references: [],
  attachments: [],
  size: 1000,
};
const pdf = {
  filename: "klage.pdf",
  contentType: "application/pdf",
  detectedType: "application/pdf",
  size: 10,
};

describe("classifyInbound", () => {
  it("takes a message from one sender as a new complaint", () => {
    expect(classifyInbound({ ...base, attachments: [pdf] })).toEqual({ kind: "new", sender: base.from[0] });
  });

  it("takes our Message-ID in In-Reply-To or References as a reply, newest first", () => {
    expect(
      classifyInbound({
        ...base,
        inReplyTo: ["<outbox-22222222-2222-2222-2222-222222222222@kommune.example>"],
        references: ["<x@y>", "<outbox-11111111-1111-1111-1111-111111111111@kommune.example>"],
      }),
    ).toEqual({
      kind: "reply",
      outboxIds: ["22222222-2222-2222-2222-222222222222", "11111111-1111-1111-1111-111111111111"],
      reference: null,
    });
  });

  it("takes a case reference in the subject as a reply", () => {
    expect(classifyInbound({ ...base, subject: "SV: Jeres sag kla-2026-000042" })).toEqual({
      kind: "reply",
      outboxIds: [],
      reference: "KLA-2026-000042",
    });
  });

  it.each([
    ["too_large", { size: MAX_MESSAGE_BYTES + 1 }],
    ["several_senders", { fromHeaders: 2 }],
    [
      "several_senders",
      {
        from: [
          { name: "", address: "a@x.dk" },
          { name: "", address: "b@x.dk" },
        ],
      },
    ],
    ["no_sender", { from: [], fromHeaders: 0 }],
    ["no_sender", { from: [{ name: "Ingen adresse", address: "" }] }],
    [
      "executable_attachment",
      {
        attachments: [
          pdf,
          { ...pdf, filename: "faktura.pdf.exe", contentType: "application/pdf", detectedType: null },
        ],
      },
    ],
    [
      "executable_attachment",
      {
        attachments: [
          {
            ...pdf,
            filename: "bilag",
            contentType: "application/octet-stream",
            detectedType: "application/x-msdownload",
          },
        ],
      },
    ],
    [
      "executable_attachment",
      { attachments: [{ ...pdf, filename: "run.js", contentType: "text/plain", detectedType: null }] },
    ],
  ] as const)("quarantines %s", (reason, patch) => {
    expect(classifyInbound({ ...base, ...(patch as Partial<InboundMessage>) })).toEqual({
      kind: "quarantine",
      reason,
    });
  });
});

describe("parseInbound", () => {
  it("finds two From header lines, the text of an HTML-only message and the reply headers", async () => {
    const raw = [
      "From: a@borger.example",
      "From: direktoer@kommune.example",
      "Subject: Hej",
      "Message-ID: <p1@borger.example>",
      "In-Reply-To: <outbox-abc@kommune.example>",
      "Content-Type: text/html; charset=utf-8",
      "",
      "<p>Min <b>klage</b></p><script>alert(1)</script>",
      "",
    ].join("\r\n");
    const p = await parseInbound(new TextEncoder().encode(raw));
    expect(p?.message).toMatchObject({
      fromHeaders: 2,
      messageId: "<p1@borger.example>",
      inReplyTo: ["<outbox-abc@kommune.example>"],
      text: "Min klage",
    });
    expect(p?.key).toBe("<p1@borger.example>");
  });

  it("keys a message without Message-ID by the hash of its bytes", async () => {
    const p = await parseInbound(new TextEncoder().encode("From: a@b.dk\r\nSubject: x\r\n\r\ntext\r\n"));
    expect(p?.key).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it("answers null for bytes that are not a message", async () => {
    expect(await parseInbound(new Uint8Array([0, 1, 2, 3]))).toBeNull();
  });
});
