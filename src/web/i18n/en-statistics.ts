/** English: the numbers page's two-dimensional tables, further groupings and CSV. */
export const enStatistics = {
  "stats.groupBy2": "And by",
  "stats.noSecond": "(nothing)",
  "stats.csv": "Download the numbers as CSV",
  "stats.xlsx": "Download the numbers as an Excel sheet (XLSX)",
  "export.cases.csv": "Download the list as CSV",
  "export.cases.xlsx": "Download the list as an Excel sheet (XLSX)",
  "stats.missed": "Reply deadlines missed",
  "stats.pending": "Awaiting a decision",
  "stats.closed": "Closed",
  "stats.ageBand": "{days} days",
  "stats.by.rootCause": "Root cause",
  "stats.by.appealsArea": "Benefit area",
  "stats.by.appealsResult": "Appeals board's result",
  "stats.by.deviation": "Deviation",
  "stats.by.ageBand": "Age of open cases",
};
