/**
 * `klara report yearly --organisation ID --year YYYY [--period calendar|advisor] [--lang da|nb|en]
 * --out FILE.pdf`: writes the yearly report as PDF and, beside it, as FILE.html (API.md).
 */
import { writeFileSync } from "node:fs";
import type { AppDeps } from "../app/context.js";
import { validateReportInput, yearlyReport } from "../app/yearly-report.js";
import { invalidInput } from "../domain/errors.js";
import { isLanguage } from "../web/i18n/messages.js";
import { createViews } from "../web/render.js";
import { yearlyReportFiles } from "../web/yearly-report.pages.js";
import { FlagError } from "./organisation-commands.js";

export interface ReportFlags {
  organisation?: string;
  year?: string;
  period?: string;
  lang?: string;
  out?: string;
}

export async function reportYearly(
  deps: AppDeps,
  flags: ReportFlags,
  io: { out(line: string): void },
): Promise<number> {
  if (!flags.organisation?.trim()) throw new FlagError("--organisation is required");
  if (!flags.year?.trim()) throw new FlagError("--year is required");
  if (!flags.out?.trim()) throw new FlagError("--out FILE.pdf is required");
  const input = validateReportInput({ year: flags.year, ...(flags.period ? { period: flags.period } : {}) });
  if (flags.lang !== undefined && !isLanguage(flags.lang)) {
    throw invalidInput([{ path: "lang", message: "The language must be da, nb or en." }]);
  }
  const report = await yearlyReport(deps, { organisationId: flags.organisation.trim(), ...input });
  const lang = flags.lang !== undefined && isLanguage(flags.lang) ? flags.lang : report.organisation.locale;
  const files = await yearlyReportFiles(createViews(), report, lang);
  const pdfPath = flags.out;
  const htmlPath = pdfPath.replace(/\.pdf$/i, "") + ".html";
  writeFileSync(pdfPath, files.pdf);
  writeFileSync(htmlPath, files.html);
  io.out(
    `Yearly report ${report.from} – ${report.to}: ${report.total} complaints; wrote ${pdfPath} and ${htmlPath}.`,
  );
  return 0;
}
