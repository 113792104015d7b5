import { describe, expect, it, vi } from "vitest";
import { type LetterPdfInput, renderLetterPdf } from "../../src/app/letter-pdf.js";
import { parsePdf } from "./pdf-support.js";

const long = `${"Vi har gennemgået sagen og de oplysninger, du har sendt. ".repeat(30)}\n\n`.repeat(8);
const base: LetterPdfInput = {
  organisationName: "Aarhus Kommune",
  timeZone: "Europe/Copenhagen",
  language: "da",
  reference: "K-2026-0042",
  date: "2026-03-02T10:00:00.000Z",
  recipientName: "Jens Ærøskøbing",
  recipientAddress: "+45 12 34 56 78",
  subject: "Kvittering for din klage",
  body: "Vi har modtaget din klage den 2. marts 2026 og behandler den hurtigst muligt.\n\nCPR: 010190-1234.",
  nationalId: "0101901234",
};

describe("a letter as PDF/A", () => {
  it("holds the letterhead, the recipient, the body and the reference, with fonts embedded and PDF/A-2b declared", async () => {
    const pdf = await renderLetterPdf(base);
    expect(Buffer.from(pdf.content).subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    const parsed = await parsePdf(pdf.content);
    expect(parsed.pages).toHaveLength(1);
    expect(parsed.text).toContain("Aarhus Kommune");
    expect(parsed.text).toContain("2. marts 2026");
    expect(parsed.text).toContain("Jens Ærøskøbing");
    expect(parsed.text).toContain("Kvittering for din klage");
    expect(parsed.text).toContain("Vi har modtaget din klage den 2. marts 2026");
    expect(parsed.text).toContain("Sagsnummer: K-2026-0042");
    expect(parsed.text).toContain("Side 1 af 1");
    expect(parsed.metadata).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(parsed.metadata).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(parsed.raw).toContain("/OutputIntents");
    expect(parsed.fonts.length).toBeGreaterThan(0);
    for (const f of parsed.fonts) expect(f, f.name).toMatchObject({ embedded: true });
    expect(parsed.fonts.map((f) => f.name).join()).toMatch(/IBMPlexSans/);
    // no standard (unembedded) font such as Helvetica sneaks in
    expect(parsed.raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it("never shows the national id in full: the complainant's masked like the pages, any other too", async () => {
    const pdf = await renderLetterPdf({
      ...base,
      subject: "Klage fra 0101901234",
      body: "Din CPR 010190-1234 og din søsters 020292 5678 er registreret.",
    });
    const parsed = await parsePdf(pdf.content);
    expect(parsed.text).toContain("010190-****");
    expect(parsed.text).not.toMatch(/1234/);
    expect(parsed.text).not.toMatch(/5678/);
    expect(parsed.text).toContain("******-****");
    expect(parsed.raw).not.toContain("0101901234");
  });

  it("numbers every page and puts the reference on each (da, nb, en)", async () => {
    for (const [language, words] of [
      ["da", ["Side 1 af ", "Sagsnummer: K-2026-0042"]],
      ["nb", ["Side 1 av ", "Saksnummer: K-2026-0042"]],
      ["en", ["Page 1 of ", "Reference: K-2026-0042"]],
    ] as const) {
      const parsed = await parsePdf((await renderLetterPdf({ ...base, language, body: long })).content);
      expect(parsed.pages.length).toBeGreaterThan(1);
      const n = parsed.pages.length;
      parsed.pages.forEach((p, i) => {
        expect(p).toContain(words[1]);
        expect(p).toContain(words[0].replace("1", String(i + 1)) + n);
      });
    }
  });

  it("is deterministic: the same letter gives the same bytes; another date another hash", async () => {
    const a = await renderLetterPdf(base);
    // rendered a day later by the clock: no trace of the time of rendering
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2027-01-01T00:00:00Z") });
    const b = await renderLetterPdf(base).finally(() => vi.useRealTimers());
    expect(b.sha256).toBe(a.sha256);
    expect(Buffer.from(b.content).equals(Buffer.from(a.content))).toBe(true);
    expect(Buffer.from(a.content).toString("latin1")).toContain("(D:20260302100000Z)");
    const c = await renderLetterPdf({ ...base, date: "2026-03-03T10:00:00.000Z" });
    expect(c.sha256).not.toBe(a.sha256);
  });
});
