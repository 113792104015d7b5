/**
 * The yearly report (issue 9.3, API.md `klara report yearly`): one organisation's complaints in a
 * calendar year or a citizens' advisor year, as numbers only, for publication. It reads the figures
 * through the statistics use case as an analyst would, so the small-cell rule of
 * docs/statistics-privacy.md applies to everything below the organisation's total, while the
 * year's count by type, procedure and outcome stays readable where it points to no person
 * (decision 0015).
 */
import { loadDirectory } from "../db/organisation.repository.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { Locale } from "../domain/organisation.js";
import type { Compliance, StatsDimension, StatsGroup } from "../domain/statistics.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";
import { listOrganisationProcedures, type OrganisationProcedure } from "./organisation-procedures.js";
import { StatsQuery } from "./schemas.js";
import { getStatistics, type Statistics } from "./statistics.js";

export const REPORT_PERIODS = ["calendar", "advisor"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

export interface YearlyReportInput {
  organisationId: string;
  year: number;
  period: ReportPeriod;
}

/** A row of a breakdown: a code (type, category, …; "other" for merged small cells) and its count. */
export interface ReportRow {
  key: string;
  count: number;
  previous: number;
}

export interface MonthRow {
  key: string;
  count: number | null;
  previous: number | null;
}

export interface YearlyReport {
  organisation: { id: string; name: string; locale: Locale };
  year: number;
  period: ReportPeriod;
  from: string;
  to: string;
  previous: { from: string; to: string };
  total: number;
  previousTotal: number;
  byType: ReportRow[];
  byProcedure: ReportRow[];
  byCategory: ReportRow[];
  byChannel: ReportRow[];
  bySource: ReportRow[];
  byOutcome: ReportRow[];
  /**
   * every month of the period in order; null where the small-cell rule merged the month into
   * `monthsOther` (a month not shown may also have had none)
   */
  byMonth: MonthRow[];
  monthsOther: { count: number; previous: number };
  /** reply deadline compliance (met / after a delay notice / missed) against the original due date */
  replyCompliance: Compliance;
  /** processing time in calendar days per type (a median cannot be added up across types) */
  processing: { key: string; count: number; medianDays: number | null; p90Days: number | null }[];
  /**
   * cases with at least one root cause recorded (null when the small-cell rule merged the cases
   * without one into "other", so the number is not known from what may be shown), and the most
   * frequent causes
   */
  withRootCauses: number | null;
  rootCauses: ReportRow[];
  /** the procedures' names and categories, for labels */
  procedures: OrganisationProcedure[];
}

/**
 * The period of a report year: the calendar year, or the citizens' advisor year from 1 April of
 * `year` to 31 March of the next (named after the year it starts).
 */
export function reportPeriod(year: number, period: ReportPeriod): { from: string; to: string } {
  return period === "calendar"
    ? { from: `${year}-01-01`, to: `${year}-12-31` }
    : { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}

/** The months of a period, YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  for (let month = from.slice(0, 7); month <= to.slice(0, 7); ) {
    out.push(month);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    month = `${y}-${String(m).padStart(2, "0")}`;
  }
  return out;
}

export function validateReportInput(raw: { year?: string; period?: string }): {
  year: number;
  period: ReportPeriod;
} {
  const year = Number(raw.year);
  if (!raw.year || !/^\d{4}$/.test(raw.year) || year < 2000 || year > 2999) {
    throw invalidInput([{ path: "year", message: "The year must be four digits, e.g. 2026." }]);
  }
  const period = raw.period ?? "calendar";
  if (!(REPORT_PERIODS as readonly string[]).includes(period)) {
    throw invalidInput([{ path: "period", message: "The period must be calendar or advisor." }]);
  }
  return { year, period: period as ReportPeriod };
}

/** Reads the figures as an analyst of the organisation: small cells merged, personnel cases not broken out. */
function reportReader(organisationId: string): Actor {
  return { personId: "yearly-report", organisationId, name: "Yearly report", roles: ["analyst"] };
}

export async function yearlyReport(deps: AppDeps, input: YearlyReportInput): Promise<YearlyReport> {
  const organisation = await inTransaction(
    deps,
    async (tx) => (await loadDirectory(tx, input.organisationId))?.organisation,
  );
  if (!organisation) throw notFound("The organisation");
  const { from, to } = reportPeriod(input.year, input.period);
  const previous = reportPeriod(input.year - 1, input.period);
  const reader = reportReader(organisation.id);
  // Each figure is one statistics query with the previous period as its baseline; the report is
  // read-only, so several short transactions are fine (decision 0015).
  const figure = (groupBy: StatsDimension) =>
    getStatistics(
      deps,
      reader,
      StatsQuery.parse({ from, to, groupBy, baselineFrom: previous.from, baselineTo: previous.to }),
      { exact: true },
    );
  // one after another: a SQLite connection runs one transaction at a time
  const figures: Statistics[] = [];
  for (const d of [
    "type",
    "procedure",
    "category",
    "channel",
    "source",
    "outcome",
    "month",
    "rootCause",
  ] as const) {
    figures.push(await figure(d));
  }
  const [type, procedure, category, channel, source, outcome, month, rootCause] = figures;
  const rows = (groups: readonly StatsGroup[]) =>
    groups
      .map((g) => ({ key: String(g.key), count: g.count, previous: g.baseline?.count ?? 0 }))
      .filter((r) => r.count > 0 || r.previous > 0);
  const replyCompliance: Compliance = { met: 0, metAfterDelayNotice: 0, missed: 0 };
  // every case is in exactly one type group, so these counts add up
  for (const g of type?.groups ?? []) {
    replyCompliance.met += g.replyCompliance.met;
    replyCompliance.metAfterDelayNotice += g.replyCompliance.metAfterDelayNotice;
    replyCompliance.missed += g.replyCompliance.missed;
  }
  const monthGroups = month?.groups ?? [];
  const monthsMerged = monthGroups.find((g) => g.key === "other");
  const monthCounts = new Map(monthGroups.map((g) => [String(g.key), g.count]));
  const monthPrevious = new Map(monthGroups.map((g) => [String(g.key), g.baseline?.count ?? 0]));
  const previousMonths = monthsOf(previous.from, previous.to);
  // a month missing from the groups had none, unless some months were merged into "other"
  const monthCount = (counts: Map<string, number>, key: string, merged: number) =>
    counts.get(key) ?? (merged > 0 ? null : 0);
  const causes = rows(rootCause?.groups ?? []);
  const withoutCause = causes.find((r) => r.key === "none")?.count;
  const causesMerged = causes.some((r) => r.key === "other");
  const total = type?.total ?? 0;
  return {
    organisation: { id: organisation.id, name: organisation.name, locale: organisation.locale },
    year: input.year,
    period: input.period,
    from,
    to,
    previous,
    total,
    previousTotal: (type?.groups ?? []).reduce((s, g) => s + (g.baseline?.count ?? 0), 0),
    byType: rows(type?.groups ?? []),
    byProcedure: rows(procedure?.groups ?? []),
    byCategory: rows(category?.groups ?? []),
    byChannel: rows(channel?.groups ?? []),
    bySource: rows(source?.groups ?? []),
    byOutcome: rows(outcome?.groups ?? []),
    byMonth: monthsOf(from, to).map((m, i) => ({
      key: m,
      count: monthCount(monthCounts, m, monthsMerged?.count ?? 0),
      previous: monthCount(monthPrevious, previousMonths[i] ?? "", monthsMerged?.baseline?.count ?? 0),
    })),
    monthsOther: { count: monthsMerged?.count ?? 0, previous: monthsMerged?.baseline?.count ?? 0 },
    replyCompliance,
    processing: (type?.groups ?? [])
      .filter((g) => g.count > 0)
      .map((g) => ({ key: String(g.key), count: g.count, medianDays: g.medianDays, p90Days: g.p90Days })),
    withRootCauses: withoutCause !== undefined ? total - withoutCause : causesMerged ? null : total,
    rootCauses: causes
      .filter((r) => r.key !== "none")
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, 5),
    procedures: await listOrganisationProcedures(deps, reader),
  };
}
