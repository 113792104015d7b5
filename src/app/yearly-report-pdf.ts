/**
 * The yearly report as PDF (pdfkit): the same sections, tables and charts as the HTML page, the
 * charts drawn as simple bars and lines with pdfkit itself (no SVG conversion, decision 0015). The
 * font is IBM Plex Sans from dkfds, embedded, as in the letters (decision 0013).
 */

import { pdfFontFiles, REGULAR_FONT_PATH } from "./pdf-fonts.js";
import { pdfKit } from "./pdf-kit.js";
import type { ChartSpec } from "./yearly-report-charts.js";

/** A report already in words: what both the HTML page and the PDF show. */
export interface ReportDocument {
  lang: "da" | "nb" | "en";
  title: string;
  subtitle: string;
  /** one line under the title, e.g. what the numbers leave out */
  note: string;
  sections: ReportSection[];
}

export interface ReportSection {
  heading: string;
  intro?: string;
  table: { caption: string; columns: string[]; rows: string[][] };
  chart?: ChartSpec;
}

const MARGIN = 56;

export async function renderReportPdf(report: ReportDocument, date: Date): Promise<Uint8Array> {
  const PDFDocument = await pdfKit();
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang: { da: "da-DK", nb: "nb-NO", en: "en-GB" }[report.lang],
    displayTitle: true,
    font: REGULAR_FONT_PATH,
    info: {
      Title: report.title,
      Creator: "Klara",
      Producer: "Klara (PDFKit)",
      CreationDate: date,
      ModDate: date,
    },
  });
  doc.registerFont("regular", pdfFontFiles().regular);
  doc.registerFont("bold", pdfFontFiles().bold);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font("bold").fontSize(18).text(report.title, { width });
  doc.font("regular").fontSize(11).text(report.subtitle, { width });
  doc.fontSize(9).fillColor("#555555").text(report.note, { width }).fillColor("black");
  for (const section of report.sections) {
    doc.moveDown(1.2);
    ensureRoom(doc, 120);
    doc.font("bold").fontSize(13).text(section.heading, MARGIN, doc.y, { width });
    if (section.intro) doc.font("regular").fontSize(10).text(section.intro, { width });
    doc.moveDown(0.4);
    if (section.chart) drawChart(doc, section.chart, width);
    drawTable(doc, section.table, width);
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function ensureRoom(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function drawTable(doc: PDFKit.PDFDocument, table: ReportSection["table"], width: number): void {
  const first = width * 0.4;
  const rest = (width - first) / Math.max(1, table.columns.length - 1);
  const row = (cells: readonly string[], font: "regular" | "bold") => {
    ensureRoom(doc, 16);
    const y = doc.y;
    doc.font(font).fontSize(9);
    cells.forEach((cell, i) => {
      const x = MARGIN + (i === 0 ? 0 : first + (i - 1) * rest);
      doc.text(cell, x, y, {
        width: i === 0 ? first - 4 : rest - 4,
        align: i === 0 ? "left" : "right",
        lineBreak: false,
      });
    });
    doc.x = MARGIN;
    doc.y = y + 14;
  };
  row(table.columns, "bold");
  doc
    .moveTo(MARGIN, doc.y - 2)
    .lineTo(MARGIN + width, doc.y - 2)
    .lineWidth(0.5)
    .stroke();
  for (const cells of table.rows) row(cells, "regular");
}

/** Bars (one series) or lines, with the values' axis from zero; labels under every bar or point. */
function drawChart(doc: PDFKit.PDFDocument, chart: ChartSpec, width: number): void {
  const height = 120;
  ensureRoom(doc, height + 40);
  const top = doc.y;
  const bottom = top + height;
  const max = Math.max(1, ...chart.series.flatMap((s) => s.values.filter((v) => v !== null)));
  const n = Math.max(1, chart.labels.length);
  const step = width / n;
  const yOf = (v: number) => bottom - (v / max) * (height - 12);
  const colours = ["#0059b3", "#8a8a8a"];
  doc
    .moveTo(MARGIN, bottom)
    .lineTo(MARGIN + width, bottom)
    .lineWidth(0.5)
    .strokeColor("#999999")
    .stroke();
  chart.series.forEach((s, si) => {
    const colour = colours[si % colours.length] ?? "#0059b3";
    if (chart.kind === "bar") {
      const barWidth = (step * 0.7) / chart.series.length;
      s.values.forEach((v, i) => {
        if (v === null) return;
        const x = MARGIN + i * step + step * 0.15 + si * barWidth;
        doc.rect(x, yOf(v), barWidth, bottom - yOf(v)).fill(colour);
      });
    } else {
      let drawing = false;
      s.values.forEach((v, i) => {
        const x = MARGIN + i * step + step / 2;
        if (v === null) drawing = false;
        else if (!drawing) {
          doc.moveTo(x, yOf(v));
          drawing = true;
        } else doc.lineTo(x, yOf(v));
      });
      doc.lineWidth(1.5).strokeColor(colour).stroke();
    }
  });
  doc.fillColor("black").strokeColor("black").font("regular").fontSize(7);
  chart.labels.forEach((label, i) => {
    doc.text(label, MARGIN + i * step, bottom + 3, { width: step, align: "center", lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = bottom + 18;
}
