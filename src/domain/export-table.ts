/**
 * A table to export (a figure or a case list) and its CSV. The cells are typed so that the XLSX
 * writer can give numbers as numbers and dates as dates; the CSV writes them as the JSON does.
 * Decision 0023: comma-separated (RFC 4180, as the API's statistics CSV has always been), and a
 * byte order mark only on the pages' downloads, which people open in Excel.
 */

export type ExportKind = "text" | "number" | "date" | "datetime" | "boolean";

export interface ExportColumn {
  /** the header: the JSON field's name, so that a program reads both the same way */
  name: string;
  kind: ExportKind;
}

/** text, a number, a local date (YYYY-MM-DD), an instant (ISO 8601), a boolean, or empty */
export type ExportValue = string | number | boolean | null;

export interface ExportTable {
  /** the sheet's name in XLSX (Excel allows 31 characters, no []:*?/\) */
  title: string;
  columns: readonly ExportColumn[];
  rows: readonly (readonly ExportValue[])[];
  /** the organisation's time zone: XLSX shows instants as its wall-clock time */
  timeZone: string;
}

/** U+FEFF: tells Excel the file is UTF-8 (else it reads æøå as cp1252). */
export const BYTE_ORDER_MARK = "\uFEFF";

/**
 * A text a spreadsheet would run as a formula (= + - @, and tab or carriage return, which some
 * spreadsheets strip first) gets a leading apostrophe: shown as text, never evaluated (OWASP CSV
 * injection). Numbers are written as numbers and need no such care.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; null is empty. */
export function csvCell(value: ExportValue): string {
  if (value === null) return "";
  const text = typeof value === "string" ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: CRLF after every row, the header first; a BOM in front when asked (for Excel). */
export function tableCsv(table: ExportTable, options: { bom?: boolean } = {}): string {
  const lines = [table.columns.map((c) => c.name), ...table.rows].map((row) => row.map(csvCell).join(","));
  return `${options.bom ? BYTE_ORDER_MARK : ""}${lines.join("\r\n")}\r\n`;
}

/** A file name without anything a header or a file system could trip on. */
export function exportFileName(base: string, extension: "csv" | "xlsx"): string {
  return `${base.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, 80) || "export"}.${extension}`;
}

/** Reads RFC 4180 text (a leading BOM dropped): quoted fields, doubled quotes, CRLF or LF rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const body = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || (ch === "\r" && body[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
