/**
 * Exports (issue 9.4, decision 0023): any figure of the statistics and any filtered case list as
 * CSV or XLSX. A figure is what `getStatistics` answers the person (analysts: small cells merged,
 * never a name, e-mail, national id or text); a case list is every case of the filter the person
 * may see (the list's own policy in SQL), so analysts, who read no case, cannot export one.
 */
import type ExcelJS from "exceljs";
import { Temporal } from "temporal-polyfill";
import { type CaseListPosition, listCaseRecords } from "../db/case-list.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { localDateOf } from "../domain/deadline.js";
import { invalidInput, notFound } from "../domain/errors.js";
import { statisticsTable } from "../domain/export-statistics.js";
import { type ExportTable, exportFileName, tableCsv } from "../domain/export-table.js";
import type { Directory } from "../domain/organisation.js";
import type { Actor } from "./actor.js";
import { caseScopeFor, requireCaseReader } from "./case-access.js";
import { type AppDeps, inTransaction } from "./context.js";
import { lazy } from "./lazy-module.js";
import { type CaseSummary, positionOf, presentSummary, toFilter } from "./list-cases.js";
import type { ListCasesQuery, StatsQuery } from "./schemas.js";
import { getStatistics } from "./statistics.js";

const excelJs = lazy(async (): Promise<typeof ExcelJS> => (await import("exceljs")).default);

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** More rows than this is a question for the database, not a spreadsheet (and not one request). */
export const MAX_EXPORT_ROWS = 50_000;
const CHUNK = 1000;

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: string | Buffer;
}

export interface ExportOptions {
  /** a byte order mark in front of the CSV: for the pages' downloads, which people open in Excel */
  bom?: boolean;
}

export async function exportStatistics(
  deps: AppDeps,
  actor: Actor,
  query: StatsQuery,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportFile> {
  const stats = await getStatistics(deps, actor, query);
  // the figure has no instants, so the time zone is never used
  const table = statisticsTable(stats.groups, query.groupBy, "UTC");
  return fileOf(table, `statistics-${query.from}-${query.to}-${query.groupBy.join("-")}`, format, options);
}

export async function exportCases(
  deps: AppDeps,
  actor: Actor,
  query: ListCasesQuery,
  format: ExportFormat,
  options: ExportOptions = {},
): Promise<ExportFile> {
  requireCaseReader(actor);
  const { table, today } = await inTransaction(deps, async (tx) => {
    const directory = await loadDirectory(tx, actor.organisationId);
    if (!directory) throw notFound("Your organisation");
    const timeZone = directory.organisation.timeZone;
    const today = localDateOf(deps.clock.now(), timeZone).toString();
    const scope = await caseScopeFor(tx, actor, directory, deps.db.procedureCache);
    const filter = toFilter(actor, query, directory, today, scope);
    // every case of the filter in the list's order: the page's limit and cursor do not apply
    const items: CaseSummary[] = [];
    for (let after: CaseListPosition | null = null; ; ) {
      const records = await listCaseRecords(tx, deps.db.dialect, filter, query.sort, CHUNK, after);
      items.push(...records.map((r) => presentSummary(r, today)));
      if (items.length > MAX_EXPORT_ROWS) {
        const message = `More than ${MAX_EXPORT_ROWS} cases: narrow the filter to export them.`;
        throw invalidInput([{ path: "format", message }]);
      }
      const last = records.at(-1);
      if (records.length < CHUNK || !last) break;
      after = positionOf(last, query.sort);
    }
    return { table: casesTable(items, directory, timeZone), today };
  });
  return fileOf(table, `cases-${today}`, format, options);
}

/** The columns of the list's JSON (dates typed), plus the unit's code and the handlers' names. */
export function casesTable(
  items: readonly CaseSummary[],
  directory: Directory,
  timeZone: string,
): ExportTable {
  const unitCode = (id: string | null) => (id ? (directory.units.get(id)?.code ?? null) : null);
  const names = (ids: readonly string[]) => ids.map((id) => directory.people.get(id)?.name ?? id).join("; ");
  return {
    title: "Cases",
    timeZone,
    columns: [
      { name: "reference", kind: "text" },
      { name: "status", kind: "text" },
      { name: "procedure", kind: "text" },
      { name: "type", kind: "text" },
      { name: "category", kind: "text" },
      { name: "subject", kind: "text" },
      { name: "unit", kind: "text" },
      { name: "receivedAt", kind: "datetime" },
      { name: "channel", kind: "text" },
      { name: "source", kind: "text" },
      { name: "confidentiality", kind: "text" },
      { name: "handlerNames", kind: "text" },
      { name: "nextDeadline.kind", kind: "text" },
      { name: "nextDeadline.dueDate", kind: "date" },
      { name: "overdue", kind: "boolean" },
      { name: "id", kind: "text" },
      { name: "unitId", kind: "text" },
      { name: "handlers", kind: "text" },
    ],
    rows: items.map((c) => [
      c.reference,
      c.status,
      c.procedure,
      c.type,
      c.category,
      c.subject,
      unitCode(c.unitId),
      c.receivedAt,
      c.channel,
      c.source,
      c.confidentiality,
      names(c.handlers),
      c.nextDeadline?.kind ?? null,
      c.nextDeadline?.dueDate ?? null,
      c.overdue,
      c.id,
      c.unitId,
      c.handlers.join(" "),
    ]),
  };
}

async function fileOf(
  table: ExportTable,
  base: string,
  format: ExportFormat,
  options: ExportOptions,
): Promise<ExportFile> {
  if (format === "csv") {
    return {
      contentType: "text/csv; charset=utf-8",
      fileName: exportFileName(base, "csv"),
      body: tableCsv(table, options),
    };
  }
  return {
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fileName: exportFileName(base, "xlsx"),
    body: await tableXlsx(table),
  };
}

/** Excel's date: a Date whose UTC fields are the wall-clock ones (Excel has no time zones). */
function excelDate(value: string, kind: "date" | "datetime", timeZone: string): Date {
  const t =
    kind === "date"
      ? Temporal.PlainDate.from(value).toPlainDateTime()
      : Temporal.Instant.from(value).toZonedDateTimeISO(timeZone).toPlainDateTime();
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

const NUMBER_FORMATS = { date: "yyyy-mm-dd", datetime: "yyyy-mm-dd hh:mm" } as const;

/**
 * One sheet: a bold header row, frozen, with a filter; numbers as numbers, dates as dates,
 * booleans as booleans. Text cells are strings to Excel and never run as formulas.
 */
export async function tableXlsx(table: ExportTable): Promise<Buffer> {
  const { Workbook } = await excelJs();
  const workbook = new Workbook();
  workbook.creator = "Klara";
  const sheet = workbook.addWorksheet(table.title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.name,
    width: Math.min(60, Math.max(10, c.name.length + 2, c.kind === "datetime" ? 17 : 0)),
    ...(c.kind === "date" || c.kind === "datetime" ? { style: { numFmt: NUMBER_FORMATS[c.kind] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(
      row.map((value, i) => {
        const kind = table.columns[i]?.kind;
        if (value === null) return null;
        if ((kind === "date" || kind === "datetime") && typeof value === "string") {
          return excelDate(value, kind, table.timeZone);
        }
        return value;
      }),
    );
  }
  if (table.columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
