/** Danish: the numbers page's two-dimensional tables, further groupings and CSV. */
export const daStatistics = {
  "stats.groupBy2": "Og efter",
  "stats.noSecond": "(intet)",
  "stats.csv": "Hent tallene som CSV",
  "stats.xlsx": "Hent tallene som Excel-ark (XLSX)",
  "export.cases.csv": "Hent listen som CSV",
  "export.cases.xlsx": "Hent listen som Excel-ark (XLSX)",
  "stats.missed": "Svarfrister overskredet",
  "stats.pending": "Afventer afgørelse",
  "stats.closed": "Afsluttet",
  "stats.ageBand": "{days} dage",
  "stats.by.rootCause": "Årsag",
  "stats.by.appealsArea": "Ydelsesområde",
  "stats.by.appealsResult": "Klageinstansens afgørelse",
  "stats.by.deviation": "Afvigelse",
  "stats.by.ageBand": "Åbne sagers alder",
};
