/** Danish: the accessibility statement, its footer link and its admin page. */
export const daAccessibility = {
  "a11y.link": "Tilgængelighedserklæring",
  "a11y.title": "Tilgængelighedserklæring",
  "a11y.titleFor": "Tilgængelighedserklæring for {name}",
  "a11y.choose": "Vælg den myndighed, hvis tilgængelighedserklæring du vil læse.",
  "a11y.external": "{name} har offentliggjort sin tilgængelighedserklæring her:",
  "a11y.default.intro":
    "{name} ønsker, at alle kan klage og følge deres klage her, uanset funktionsevne. Siderne følger lov om tilgængelighed af offentlige organers websteder og mobilapplikationer og standarden EN 301 549 (WCAG 2.1 niveau AA).",
  "a11y.default.how":
    "Siderne er bygget med Det Fælles Designsystem, virker uden JavaScript og på telefoner, kan bruges med tastatur og skærmlæser og kontrolleres automatisk med axe og Nu Html Checker ved hver ændring.",
  "a11y.default.known":
    "Kendte begrænsninger: dokumenter, som du eller myndigheden vedhæfter, er ikke nødvendigvis tilgængelige.",
  "a11y.default.contact":
    "Oplever du problemer med tilgængeligheden, så kontakt {name}. Du kan også klage til Digitaliseringsstyrelsen, som fører tilsyn med tilgængeligheden.",
  "a11y.admin.title": "Tilgængelighedserklæring",
  "a11y.admin.intro":
    "Sidefoden på alle sider linker til organisationens tilgængelighedserklæring. Angiv adressen på erklæringen, hvis den er offentliggjort andetsteds (fx på was.digst.dk), eller skriv teksten her. Uden nogen af dem vises en standardtekst.",
  "a11y.admin.url": "Adresse på erklæringen (frivilligt)",
  "a11y.admin.url.hint": "Fx https://www.was.digst.dk/… Så sendes læseren dertil.",
  "a11y.admin.text": "Erklæringens tekst (frivilligt)",
  "a11y.admin.saved": "Tilgængelighedserklæringen er gemt.",
  "a11y.admin.view": "Se erklæringen",
  "a11y.error.url": "Skriv en adresse, der begynder med https:// eller http://.",
  "a11y.error.text": "Teksten må højst være 20.000 tegn.",
};

export type AccessibilityMessages = Record<keyof typeof daAccessibility, string>;
