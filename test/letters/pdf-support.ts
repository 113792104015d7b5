/** Reading a produced PDF back with pdfjs (its text per page, its fonts, its XMP metadata). */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface ParsedPdf {
  pages: string[];
  text: string;
  metadata: string;
  fonts: { name: string; embedded: boolean }[];
  raw: string;
}

export async function parsePdf(content: Uint8Array): Promise<ParsedPdf> {
  const raw = Buffer.from(content).toString("latin1");
  const pdf = await getDocument({
    data: new Uint8Array(content),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const tc = await page.getTextContent();
    pages.push(
      tc.items
        .map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : " ") : ""))
        .join("")
        .replace(/[ \t]+/g, " "),
    );
  }
  const meta = await pdf.getMetadata();
  const metadata = (meta.metadata as unknown as { getRaw?: () => string } | null)?.getRaw?.() ?? "";
  // every font dictionary in the file: embedded when it has a FontFile2/FontFile3 descriptor
  const fontNames = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[^\s/>]+|[^\s/>]+)/g)].map((m) => m[1] ?? "");
  const fontFiles = (raw.match(/\/FontFile[23]? /g) ?? []).length;
  await pdf.destroy();
  return {
    pages,
    text: pages.join("\n"),
    metadata,
    fonts: fontNames.map((name) => ({ name, embedded: /^[A-Z]{6}\+/.test(name) && fontFiles > 0 })),
    raw,
  };
}
