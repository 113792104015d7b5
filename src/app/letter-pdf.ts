/**
 * A letter as PDF/A-2b (pdfkit): the organisation's letterhead with the date in words, the recipient,
 * subject and body, and on every page the reference and "Side 1 af 2". Fonts are IBM Plex Sans from
 * the dkfds package (the pages' own typeface), embedded as subsets, so nothing depends on the reader's
 * fonts. The output is deterministic: the creation date is the letter's date and the file ID is
 * derived from the document info, so the same letter always gives the same bytes and SHA-256.
 * National ids never appear in full: the complainant's own is masked like the pages do, any other
 * national-id-like number in the text as in the search index.
 */
import { createHash } from "node:crypto";
import { dateInWords } from "../domain/letters/compose-letter.js";
import { maskNationalId, maskNationalIdsInText } from "../domain/national-id.js";
import type { Locale } from "../domain/organisation.js";
import { pdfFontFiles, REGULAR_FONT_PATH } from "./pdf-fonts.js";
import { pdfKit } from "./pdf-kit.js";

export interface LetterPdfInput {
  organisationName: string;
  timeZone: string;
  language: Locale;
  reference: string;
  /** the instant the letter was written (the outbox row's creation): its date and the PDF's */
  date: string;
  recipientName: string;
  /** e-mail, postal address or phone number as held on the letter */
  recipientAddress: string | null;
  subject: string;
  body: string;
  /** the complainant's national id, if any: masked wherever it stands in the text */
  nationalId?: string | null;
}

export interface LetterPdf {
  content: Uint8Array;
  sha256: string;
  filename: string;
}

const WORDS: Record<Locale, { page: (n: number, of: number) => string; reference: string; to: string }> = {
  da: { page: (n, of) => `Side ${n} af ${of}`, reference: "Sagsnummer", to: "Til" },
  nb: { page: (n, of) => `Side ${n} av ${of}`, reference: "Saksnummer", to: "Til" },
  en: { page: (n, of) => `Page ${n} of ${of}`, reference: "Reference", to: "To" },
};

/** Every national id masked: the known one like the pages show it, any other like the search index. */
export function maskedText(text: string, nationalId?: string | null): string {
  let out = text;
  const digits = nationalId?.replace(/\D/g, "") ?? "";
  if (digits.length >= 6) {
    // the id as typed with or without its dash or space
    const pattern = new RegExp(`${digits.slice(0, 6)}[ -]?${digits.slice(6)}`, "g");
    out = out.replace(pattern, maskNationalId(nationalId ?? null) ?? "");
  }
  return maskNationalIdsInText(out);
}

/**
 * A file name from the reference, the date and the letter's id (so it names one letter of the case
 * and is found again): safe on every file system.
 */
export function letterPdfFilename(reference: string, date: string, letterId: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9-]+/g, "-");
  return `${safe(reference)}-${date.slice(0, 10)}-${safe(letterId).slice(0, 8)}.pdf`;
}

const MARGIN = { top: 110, bottom: 80, left: 64, right: 64 };

export async function renderLetterPdf(input: LetterPdfInput, letterId = "letter"): Promise<LetterPdf> {
  const mask = (s: string) => maskedText(s, input.nationalId);
  const words = WORDS[input.language];
  const created = new Date(input.date);
  const { regular, bold } = pdfFontFiles();
  const PDFDocument = await pdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    pdfVersion: "1.7",
    subset: "PDF/A-2b",
    lang: { da: "da-DK", nb: "nb-NO", en: "en-GB" }[input.language],
    bufferPages: true,
    displayTitle: true,
    // the default font too, so no standard (unembedded) font is ever set up
    font: REGULAR_FONT_PATH,
    info: {
      Title: mask(input.subject),
      Author: input.organisationName,
      Subject: `${words.reference} ${input.reference}`,
      Creator: "Klara",
      Producer: "Klara (PDFKit)",
      CreationDate: created,
      ModDate: created,
    },
  });
  doc.registerFont("regular", regular);
  doc.registerFont("bold", bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });

  const width = doc.page.width - MARGIN.left - MARGIN.right;
  // first page: date on the right, then the recipient block, the subject and the body
  doc
    .font("regular")
    .fontSize(10)
    .text(dateInWords(input.date, input.language, input.timeZone), { align: "right", width });
  doc.moveDown(1);
  doc.font("bold").text(`${words.to}: ${mask(input.recipientName)}`, { width });
  if (input.recipientAddress) doc.font("regular").text(mask(input.recipientAddress), { width });
  doc.moveDown(2);
  doc.font("bold").fontSize(13).text(mask(input.subject), { width });
  doc.moveDown(1);
  doc.font("regular").fontSize(11);
  for (const paragraph of mask(input.body).split(/\n{2,}/)) {
    doc.text(paragraph.trim(), { width, lineGap: 2 });
    doc.moveDown(0.8);
  }

  // letterhead and footer on every page, once the number of pages is known
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const { page } = doc;
    const bottom = page.margins.bottom;
    page.margins.bottom = 0; // writing in the margin must not start a new page
    doc.font("bold").fontSize(14).text(input.organisationName, MARGIN.left, 48, { width, lineBreak: false });
    doc
      .font("regular")
      .fontSize(9)
      .text(`${words.reference}: ${input.reference}`, MARGIN.left, 70, { width, lineBreak: false });
    doc
      .moveTo(MARGIN.left, 88)
      .lineTo(page.width - MARGIN.right, 88)
      .lineWidth(0.5)
      .stroke();
    const footerY = page.height - 50;
    doc
      .fontSize(9)
      .text(`${words.reference}: ${input.reference}`, MARGIN.left, footerY, { width, lineBreak: false });
    doc.text(words.page(i + 1, range.count), MARGIN.left, footerY, {
      width,
      align: "right",
      lineBreak: false,
    });
    page.margins.bottom = bottom;
  }
  doc.end();
  await done;
  const content = new Uint8Array(Buffer.concat(chunks));
  return {
    content,
    sha256: createHash("sha256").update(content).digest("hex"),
    filename: letterPdfFilename(input.reference, input.date, letterId),
  };
}
