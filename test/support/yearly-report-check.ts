/** Checks shared by the yearly report's tests: its SVG charts are well-formed XML, and no personal data. */
import { parsePdf } from "../letters/pdf-support.js";

/** The SVG elements of an HTML page. */
export function svgsOf(html: string): string[] {
  return [...html.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

/**
 * A simple well-formedness check: every tag closes in order, attributes are quoted, no stray
 * markup characters in text. Throws naming the first problem.
 */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token =
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|([^<]+)|(<)/g;
  for (const m of xml.matchAll(token)) {
    const [whole, closing, name, , selfClosing, text, stray] = m;
    if (stray) throw new Error(`stray "<" at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text))
        throw new Error(`bare & in "${text}"`);
      continue;
    }
    if (!name) continue; // comment or CDATA
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!selfClosing) stack.push(name);
    if (whole.includes("<<")) throw new Error("broken tag");
  }
  if (stack.length) throw new Error(`unclosed <${stack.join("> <")}>`);
}

/** The text of a PDF, all pages. */
export async function pdfText(content: Uint8Array): Promise<string> {
  return (await parsePdf(content)).pages.join("\n");
}

export const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
