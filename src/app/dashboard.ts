/**
 * The managers' dashboard (issue 9.2): every figure is a call of `getStatistics` (the same numbers
 * and the same small-cell rule as `GET /api/v1/stats`), put together for the page: complaints by
 * category, the monthly trend of received and answered (with a baseline), deadline compliance per
 * kind, processing times, open cases by age, the ABC measures per procedure and the appeals board's
 * upheld rate per benefit area against its target band. No SQL of its own.
 */
import { type AppealsTarget, appealsTargetFor, DEFAULT_APPEALS_TARGET } from "../domain/appeals-target.js";
import { mergesSmallGroups } from "../domain/case-policy.js";
import type { Compliance, StatsDimension, StatsGroup } from "../domain/statistics.js";
import type { Actor } from "./actor.js";
import { getAppealsTargets } from "./appeals-target.js";
import type { AppDeps } from "./context.js";
import { StatsQuery } from "./schemas.js";
import { getStatistics, type Statistics } from "./statistics.js";

export interface DashboardQuery {
  from: string;
  to: string;
  procedure?: string;
  unit?: string;
  baselineFrom?: string;
  baselineTo?: string;
}

export interface MonthPoint {
  /** YYYY-MM */
  month: string;
  /** null: merged into "other" by the small-cell rule (never a guessed 0) */
  received: number | null;
  /** cases received that month with an outcome by now; null where the rule hid a part */
  answered: number | null;
}

export interface Dashboard {
  query: DashboardQuery;
  total: number;
  baselineTotal: number | null;
  /** small cells merged into "other" (analysts) */
  merged: boolean;
  byCategory: StatsGroup[];
  months: MonthPoint[];
  baselineMonths: { month: string; received: number | null }[] | null;
  /** per deadline kind, over every case of the period */
  compliance: Record<string, Compliance>;
  byType: StatsGroup[];
  byAge: StatsGroup[];
  byProcedure: StatsGroup[];
  byArea: StatsGroup[];
  byOutcome: StatsGroup[];
  byChannel: StatsGroup[];
  target: AppealsTarget & { from: "procedure" | "organisation" | "default" };
}

/** The months from one date's month to another's, YYYY-MM. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split("-").map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (let guard = 0; guard < 600; guard++) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    if (key > end) break;
    out.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

const keyOf = (g: StatsGroup) => (typeof g.key === "string" ? g.key : g.key.join(","));

export async function getDashboard(deps: AppDeps, actor: Actor, query: DashboardQuery): Promise<Dashboard> {
  const stats = (groupBy: string, baseline = false): Promise<Statistics> =>
    getStatistics(
      deps,
      actor,
      StatsQuery.parse({
        from: query.from,
        to: query.to,
        groupBy,
        procedure: query.procedure,
        unit: query.unit,
        ...(baseline && query.baselineFrom && query.baselineTo
          ? { baselineFrom: query.baselineFrom, baselineTo: query.baselineTo }
          : {}),
      }),
    );
  // one after another: a SQLite connection runs one transaction at a time (as the yearly report)
  const byCategory = await stats("category");
  const byMonth = await stats("month", true);
  const monthOutcome = await stats("month,outcome");
  const byType = await stats("type");
  const byAge = await stats("ageBand");
  const byProcedure = await stats("procedure");
  const byArea = await stats("appealsArea");
  const byOutcome = await stats("outcome");
  const byChannel = await stats("channel");
  const targets = await getAppealsTargets(deps, actor);
  const merged = mergesSmallGroups(actor);

  const hasOther = (s: Statistics) => s.groups.some((g) => keyOf(g) === "other");
  // an absent month is 0, unless the small-cell rule merged groups into "other"
  const absent = merged && hasOther(byMonth) ? null : 0;
  const monthCount = new Map(byMonth.groups.map((g) => [keyOf(g), g]));
  const months = monthsOf(query.from, query.to).map((month): MonthPoint => {
    const received = monthCount.get(month)?.count ?? absent;
    const cells = monthOutcome.groups.filter((g) => Array.isArray(g.key) && g.key[0] === month);
    const inCells = cells.reduce((n, g) => n + g.count, 0);
    const answered = cells.filter((g) => g.key[1] !== "open").reduce((n, g) => n + g.count, 0);
    // every case of the month is in a shown cell, or the answered count would be a guess
    return { month, received, answered: received !== null && inCells === received ? answered : null };
  });
  const hasBaseline = Boolean(query.baselineFrom && query.baselineTo);
  const baselineAbsent =
    merged && byMonth.groups.some((g) => keyOf(g) === "other" && g.baseline?.count) ? null : 0;
  const baselineMonths =
    hasBaseline && query.baselineFrom && query.baselineTo
      ? monthsOf(query.baselineFrom, query.baselineTo).map((month) => {
          const g = monthCount.get(month);
          return { month, received: g?.baseline ? g.baseline.count : baselineAbsent };
        })
      : null;

  const compliance: Record<string, Compliance> = {};
  for (const g of byType.groups) {
    for (const [kind, c] of Object.entries(g.compliance)) {
      const sum = compliance[kind] ?? { met: 0, metAfterDelayNotice: 0, missed: 0 };
      sum.met += c.met;
      sum.metAfterDelayNotice += c.metAfterDelayNotice;
      sum.missed += c.missed;
      compliance[kind] = sum;
    }
  }
  const baselineTotal = hasBaseline ? byMonth.groups.reduce((n, g) => n + (g.baseline?.count ?? 0), 0) : null;
  return {
    query,
    total: byCategory.total,
    baselineTotal,
    merged,
    byCategory: byCategory.groups,
    months,
    baselineMonths,
    compliance,
    byType: byType.groups,
    byAge: byAge.groups,
    byProcedure: byProcedure.groups,
    byArea: byArea.groups,
    byOutcome: byOutcome.groups,
    byChannel: byChannel.groups,
    target: targets.length
      ? appealsTargetFor(targets, query.procedure)
      : { ...DEFAULT_APPEALS_TARGET, from: "default" },
  };
}

export type { StatsDimension };
