/** Norwegian (bokmål): the numbers page's two-dimensional tables, further groupings and CSV. */
export const nbStatistics = {
  "stats.groupBy2": "Og etter",
  "stats.noSecond": "(ingenting)",
  "stats.csv": "Last ned tallene som CSV",
  "stats.xlsx": "Last ned tallene som Excel-ark (XLSX)",
  "export.cases.csv": "Last ned listen som CSV",
  "export.cases.xlsx": "Last ned listen som Excel-ark (XLSX)",
  "stats.missed": "Svarfrister oversittet",
  "stats.pending": "Venter på avgjørelse",
  "stats.closed": "Avsluttet",
  "stats.ageBand": "{days} dager",
  "stats.by.rootCause": "Årsak",
  "stats.by.appealsArea": "Ytelsesområde",
  "stats.by.appealsResult": "Klageinstansens avgjørelse",
  "stats.by.deviation": "Avvik",
  "stats.by.ageBand": "Åpne sakers alder",
};
