/** Norwegian (bokmål): the admin page for the organisation's closing days (see `da-closing-days.ts`). */
import type { ClosingDaysMessages } from "./da-closing-days.js";

export const nbClosingDays: ClosingDaysMessages = {
  "closing.title": "Stengte dager",
  "closing.intro":
    "Stengte dager er dager utover helligdagene da organisasjonen holder stengt (f.eks. 24. og 31. desember). Frister i virkedager hopper over dem, og en frist som faller på en stengt dag, flyttes til neste virkedag. Frister som allerede er beregnet, endres ikke.",
  "closing.none": "Det er ingen stengte dager.",
  "closing.list": "Stengte dager",
  "closing.day": "Dag",
  "closing.remove": "Fjern {date}",
  "closing.add": "Legg til en stengt dag",
  "closing.add.hint": "Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2027-12-24. Dagen kan ikke ligge i fortiden.",
  "closing.add.button": "Legg til",
  "closing.added": "{date} er nå en stengt dag.",
  "closing.removed": "{date} er ikke lenger en stengt dag.",
  "closing.error.format": "{value} er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, f.eks. 2027-12-24.",
  "closing.error.past": "{value} ligger i fortiden. Bare i dag eller senere kan være en stengt dag.",
  "closing.error.required": "Skriv datoen som skal være stengt dag.",
};
