/**
 * Letters for print as PDF documents of their case, on each database: a phone-only complainant's
 * acknowledgement is rendered as PDF/A in the same transaction, its journal line names the file
 * with its SHA-256 and the stored bytes have that hash; the PDF holds the letter and masks the
 * national id; staff who may see the case read it (and any e-mail letter as a PDF preview),
 * others may not.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readLetterPdf } from "../../src/app/letter-pdf-documents.js";
import { runCaseCommand } from "../../src/app/run-case-command.js";
import type { SubmitComplaintBody } from "../../src/app/schemas.js";
import { submitComplaint } from "../../src/app/submit-complaint.js";
import { journalOf } from "../../src/db/case.repository.js";
import { documentContent, documentsOf } from "../../src/db/document.repository.js";
import { outboxFor } from "../../src/db/outbox.repository.js";
import { verifyChain } from "../../src/domain/journal.js";
import { useSeededDb } from "../support/seeded-db.js";
import { DIALECTS } from "../support/test-db.js";
import { parsePdf } from "./pdf-support.js";

const START = "2026-03-02T09:00:00.000Z";

function complaint(patch: Partial<SubmitComplaintBody> = {}): SubmitComplaintBody {
  return {
    procedure: "dk-school",
    unit: "SKOLE-A",
    complainant: { name: "Mette Mor", email: "mette@example.dk", anonymous: false },
    subject: "Mobning i 4.b",
    description: "Min søn bliver mobbet i frikvartererne.",
    category: "school_conduct",
    ...patch,
  };
}

describe.each(DIALECTS)("letters for print as PDF documents (%s)", (dialect) => {
  const s = useSeededDb(dialect, { country: "DK" }, START);

  async function acknowledged(patch: Partial<SubmitComplaintBody> = {}) {
    const { receipt } = await submitComplaint(s.deps, complaint(patch));
    await runCaseCommand(s.deps, s.org.actors.receiver, receipt.id, "acknowledge", {});
    return receipt;
  }

  it("journalises a phone-only complainant's acknowledgement as a PDF/A with its SHA-256", async () => {
    const receipt = await acknowledged({
      complainant: {
        name: "Per Telefon",
        phone: "+45 12 34 56 78",
        nationalId: "010190-1234",
        anonymous: false,
      },
    });
    const [letter] = await outboxFor(s.t.db.kysely, receipt.id);
    expect(letter).toMatchObject({ state: "for_print", channel: "print" });

    const docs = await documentsOf(s.t.db.kysely, receipt.id);
    const pdfs = docs.filter((d) => d.mediaType === "application/pdf");
    expect(pdfs).toHaveLength(1);
    const doc = pdfs[0]!;
    const stored = await documentContent(s.t.db.kysely, receipt.id, doc.id);
    const bytes = stored!.content;
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(doc.sha256).toBe(sha);
    expect(doc.size).toBe(bytes.byteLength);
    expect(doc.filename).toMatch(new RegExp(`^${receipt.reference}-2026-03-02-[0-9a-f]{8}\\.pdf$`));

    // the letter's journal entry names the file with its hash, and holds the document
    const journal = await journalOf(s.t.db.kysely, receipt.id);
    const record = journal.find((e) => e.kind === "letter_queued")!;
    expect(record.body).toContain("(for print)");
    expect(record.body).toContain(`PDF: ${doc.filename}`);
    expect(record.body).toContain(`SHA-256 ${sha}`);
    expect(doc.journalSeq).toBe(record.seq);
    expect(verifyChain(receipt.id, journal)).toMatchObject({ ok: true });

    const parsed = await parsePdf(bytes);
    expect(parsed.text).toContain(receipt.reference);
    expect(parsed.text).toContain("Per Telefon");
    expect(parsed.text).toContain("+45 12 34 56 78");
    expect(parsed.text).toContain("Kære Per Telefon");
    expect(parsed.text).toContain("Test Kommune");
    expect(parsed.text).toContain("2. marts 2026");
    expect(parsed.metadata).toContain("<pdfaid:part>2</pdfaid:part>");
    expect(parsed.fonts.every((f) => f.embedded)).toBe(true);
    expect(parsed.text).not.toContain("1234");

    // the page's download is the journalised bytes
    const read = await readLetterPdf(s.deps, s.org.actors.receiver, receipt.id, letter!.id);
    expect(read.filename).toBe(doc.filename);
    expect(createHash("sha256").update(read.content).digest("hex")).toBe(sha);
  });

  it("masks the complainant's national id wherever the letter would show it", async () => {
    const receipt = await acknowledged({
      complainant: {
        name: "Per 0101901234",
        phone: "+45 87 65 43 21",
        nationalId: "0101901234",
        anonymous: false,
      },
    });
    const [doc] = (await documentsOf(s.t.db.kysely, receipt.id)).filter(
      (d) => d.mediaType === "application/pdf",
    );
    const parsed = await parsePdf((await documentContent(s.t.db.kysely, receipt.id, doc!.id))!.content);
    expect(parsed.text).toContain("Per 010190-****");
    expect(parsed.text).not.toMatch(/0101901234|010190-1234/);
  });

  it("stores no PDF for an e-mail letter, but staff preview it as PDF; others may not read it", async () => {
    const receipt = await acknowledged();
    const [letter] = await outboxFor(s.t.db.kysely, receipt.id);
    expect(letter).toMatchObject({ state: "queued", channel: "email" });
    const docs = await documentsOf(s.t.db.kysely, receipt.id);
    expect(docs.filter((d) => d.mediaType === "application/pdf")).toHaveLength(0);

    const preview = await readLetterPdf(s.deps, s.org.actors.receiver, receipt.id, letter!.id);
    const parsed = await parsePdf(preview.content);
    expect(parsed.text).toContain("Kære Mette Mor");
    expect(parsed.text).toContain("mette@example.dk");
    // deterministic: the same letter previewed twice is the same file
    const again = await readLetterPdf(s.deps, s.org.actors.receiver, receipt.id, letter!.id);
    expect(Buffer.from(again.content).equals(Buffer.from(preview.content))).toBe(true);

    // the analyst sees numbers, not case contents; an unknown letter id is not found
    await expect(readLetterPdf(s.deps, s.org.actors.analyst, receipt.id, letter!.id)).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      readLetterPdf(s.deps, s.org.actors.receiver, receipt.id, "00000000-0000-0000-0000-000000000000"),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
