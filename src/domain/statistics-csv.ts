/**
 * The statistics as CSV (RFC 4180): a header row, then one row per group, the key's columns first
 * and then the measures (the baseline's prefixed "baseline."). Groups hold no personal data.
 */
import { csvCell } from "./export-table.js";
import type { Compliance, StatsGroup, StatsMeasures } from "./statistics.js";

const MEASURES = [
  "count",
  "replyOnTimeRate",
  "medianDays",
  "p90Days",
  "medianWorkingDays",
  "p90WorkingDays",
  "firstContactMedianHours",
  "informalRate",
  "reassessmentOnTimeRate",
  "appealsUpheldRate",
] as const;
const COMPLIANCE: (keyof Compliance)[] = ["met", "metAfterDelayNotice", "missed"];

export function statisticsCsv(groups: readonly StatsGroup[], dimensions: readonly string[]): string {
  const withBaseline = groups.some((g) => g.baseline);
  const measureHeader = (prefix: string) => [
    ...MEASURES.map((m) => prefix + m),
    ...COMPLIANCE.map((c) => `${prefix}replyCompliance.${c}`),
  ];
  const measureCells = (m: StatsMeasures | undefined) => [
    ...MEASURES.map((k) => m?.[k] ?? null),
    ...COMPLIANCE.map((c) => m?.replyCompliance[c] ?? null),
  ];
  const header = [...dimensions, ...measureHeader(""), ...(withBaseline ? measureHeader("baseline.") : [])];
  const rows = groups.map((g) => [
    ...(typeof g.key === "string" ? [g.key] : g.key),
    ...measureCells(g),
    ...(withBaseline ? measureCells(g.baseline) : []),
  ]);
  return `${[header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break; null is empty. A text a
 * spreadsheet would run as a formula gets a leading apostrophe (decision 0023).
 */
export function csvField(value: string | number | null): string {
  return csvCell(value);
}
