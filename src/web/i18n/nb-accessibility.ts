/** Norwegian bokmål: the accessibility statement (see `da-accessibility.ts`). */
import type { AccessibilityMessages } from "./da-accessibility.js";

export const nbAccessibility: AccessibilityMessages = {
  "a11y.link": "Tilgjengelighetserklæring",
  "a11y.title": "Tilgjengelighetserklæring",
  "a11y.titleFor": "Tilgjengelighetserklæring for {name}",
  "a11y.choose": "Velg virksomheten du vil lese tilgjengelighetserklæringen til.",
  "a11y.external": "{name} har publisert tilgjengelighetserklæringen sin her:",
  "a11y.default.intro":
    "{name} vil at alle skal kunne klage og følge klagen sin her, uansett funksjonsevne. Sidene følger likestillings- og diskrimineringsloven og forskrift om universell utforming av IKT-løsninger (WCAG 2.1 nivå AA).",
  "a11y.default.how":
    "Sidene er bygget med det danske felles designsystemet, virker uten JavaScript og på mobil, kan brukes med tastatur og skjermleser og kontrolleres automatisk med axe og Nu Html Checker ved hver endring.",
  "a11y.default.known":
    "Kjente begrensninger: dokumenter som du eller virksomheten legger ved, er ikke nødvendigvis tilgjengelige.",
  "a11y.default.contact":
    "Opplever du problemer med tilgjengeligheten, kontakt {name}. Du kan også melde fra til Digitaliseringsdirektoratet (Tilsynet for universell utforming av IKT).",
  "a11y.admin.title": "Tilgjengelighetserklæring",
  "a11y.admin.intro":
    "Bunnteksten på alle sider lenker til virksomhetens tilgjengelighetserklæring. Oppgi adressen til erklæringen hvis den er publisert et annet sted (f.eks. på uustatus.no), eller skriv teksten her. Uten noen av dem vises en standardtekst.",
  "a11y.admin.url": "Adresse til erklæringen (valgfritt)",
  "a11y.admin.url.hint": "F.eks. https://uustatus.no/… Da sendes leseren dit.",
  "a11y.admin.text": "Erklæringens tekst (valgfritt)",
  "a11y.admin.saved": "Tilgjengelighetserklæringen er lagret.",
  "a11y.admin.view": "Se erklæringen",
  "a11y.error.url": "Skriv en adresse som begynner med https:// eller http://.",
  "a11y.error.text": "Teksten kan være på høyst 20 000 tegn.",
};
