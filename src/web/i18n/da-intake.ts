/**
 * Danish: the words of intake — the public form's "who are you?", what a complaint is about in
 * citizens' words, and the staff registration's decision and representative. See decision 0004.
 */
export const daIntake = {
  "intake.start.lead": "Vælg myndigheden og det, din klage handler om.",
  "intake.start.about": "Klag over: {topic}",
  "intake.form.heading": "Klage over {topic}",
  "intake.form.to": "Til {organisation}.",
  "intake.source": "Hvem er du?",
  "intake.source.help": "Vælg det, der passer bedst på dig.",
  "intake.source.citizen": "Jeg klager over min egen sag",
  "intake.source.representative": "Jeg klager på vegne af en anden",
  "intake.source.employee": "Jeg er ansat",
  "intake.source.participant": "Jeg er deltager i et forløb",
  "intake.source.partner": "Jeg er samarbejdspartner",
  "intake.source.customer": "Jeg er kunde",
  "intake.error.source": "Vælg, hvem du er.",
  "intake.contact.help": "Giv mindst én måde, vi kan svare dig på: e-mail, telefon eller adresse.",
  "intake.contact.helpAnonymous":
    "Giv mindst én måde, vi kan svare dig på: e-mail, telefon eller adresse — medmindre du klager anonymt.",
  "intake.count.left": "Du har {n} tegn tilbage",
  "intake.count.over": "Du har {n} tegn for mange",
  "intake.subject.help": "Skriv kort, hvad klagen handler om (højst 300 tegn).",
  "intake.error.representative.name": "Skriv dit navn som partsrepræsentant.",
  "intake.register.type": "Klagens art",
  "intake.register.type.auto": "Ud fra kategorien / procedurens standard",
  "intake.register.decision": "Afgørelsen, der klages over",
  "intake.register.decision.help": "Kun ved klager over en afgørelse.",
  "intake.register.decision.area": "Område",
  "intake.register.decision.fastTrack": "Hurtigsporet (5 arbejdsdage ved genvurdering)",
  "intake.register.representative": "Partsrepræsentant",
  "intake.register.representative.help": "Kun når en anden klager på borgerens vegne.",
  "intake.register.poaReceived": "Fuldmagten er modtaget",
  "intake.register.choose": "Vælg",
  "intake.error.decision.date":
    "Afgørelsens dato skal være en dato som 2026-03-27 og ikke ligge ude i fremtiden.",
  "command.record-power-of-attorney": "Registrér modtaget fuldmagt",
  "field.name": "Partsrepræsentantens navn (hvis det ikke allerede står på sagen)",
  "field.email": "Partsrepræsentantens e-mail",
  "journal.poaReceived": "Fuldmagt modtaget",
};

export type IntakeMessages = Record<keyof typeof daIntake, string>;
