/** Danish: the admin page for the organisation's closing days. */
export const daClosingDays = {
  "closing.title": "Lukkedage",
  "closing.intro":
    "Lukkedage er dage ud over helligdagene, hvor organisationen holder lukket (fx grundlovsdag, 24. og 31. december). Frister i arbejdsdage springer dem over, og en frist, der falder på en lukkedag, rykkes til næste arbejdsdag. Frister, der allerede er beregnet, ændres ikke.",
  "closing.none": "Der er ingen lukkedage.",
  "closing.list": "Lukkedage",
  "closing.day": "Dag",
  "closing.remove": "Fjern {date}",
  "closing.add": "Tilføj en lukkedag",
  "closing.add.hint": "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2027-06-05. Dagen må ikke ligge i fortiden.",
  "closing.add.button": "Tilføj",
  "closing.added": "{date} er nu en lukkedag.",
  "closing.removed": "{date} er ikke længere en lukkedag.",
  "closing.error.format": "{value} er ikke en dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2027-06-05.",
  "closing.error.past": "{value} ligger i fortiden. Kun i dag eller senere kan være en lukkedag.",
  "closing.error.required": "Skriv den dato, der skal være lukkedag.",
};

export type ClosingDaysMessages = Record<keyof typeof daClosingDays, string>;
