/**
 * A figure of the statistics as an export table: exactly the rows and columns of the API's
 * `format=csv` (decision 0012: the key's columns, then the measures, then the baseline's prefixed
 * "baseline."), read back from that CSV so that the two can never differ, with the measures typed
 * as numbers. Groups hold keys and numbers only, never personal data.
 */

import { type ExportTable, parseCsv } from "./export-table.js";
import type { StatsGroup } from "./statistics.js";
import { statisticsCsv } from "./statistics-csv.js";

export function statisticsTable(
  groups: readonly StatsGroup[],
  dimensions: readonly string[],
  timeZone: string,
): ExportTable {
  const [header = [], ...rows] = parseCsv(statisticsCsv(groups, dimensions));
  const keyColumns = dimensions.length;
  return {
    title: "Statistics",
    timeZone,
    columns: header.map((name, i) => ({ name, kind: i < keyColumns ? "text" : "number" })),
    rows: rows.map((row) =>
      row.map((cell, i) => (i < keyColumns ? cell : cell === "" ? null : Number(cell))),
    ),
  };
}
