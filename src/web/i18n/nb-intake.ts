/** Norwegian (bokmål): the words of intake (see `da-intake.ts`). */
import type { IntakeMessages } from "./da-intake.js";

export const nbIntake: IntakeMessages = {
  "intake.start.lead": "Velg virksomheten og det klagen din gjelder.",
  "intake.start.about": "Klag på: {topic}",
  "intake.form.heading": "Klage på {topic}",
  "intake.form.to": "Til {organisation}.",
  "intake.source": "Hvem er du?",
  "intake.source.help": "Velg det som passer best for deg.",
  "intake.source.citizen": "Jeg klager på min egen sak",
  "intake.source.representative": "Jeg klager på vegne av en annen",
  "intake.source.employee": "Jeg er ansatt",
  "intake.source.participant": "Jeg er deltaker i et tiltak",
  "intake.source.partner": "Jeg er samarbeidspartner",
  "intake.source.customer": "Jeg er kunde",
  "intake.error.source": "Velg hvem du er.",
  "intake.contact.help": "Gi minst én måte vi kan svare deg på: e-post, telefon eller adresse.",
  "intake.contact.helpAnonymous":
    "Gi minst én måte vi kan svare deg på: e-post, telefon eller adresse — med mindre du klager anonymt.",
  "intake.subject.help": "Skriv kort hva klagen gjelder (høyst 300 tegn).",
  "intake.error.representative.name": "Skriv navnet ditt som fullmektig.",
  "intake.register.type": "Type klage",
  "intake.register.type.auto": "Ut fra kategorien / rutinens standard",
  "intake.register.decision": "Vedtaket det klages på",
  "intake.register.decision.help": "Bare ved klager på et vedtak.",
  "intake.register.decision.area": "Område",
  "intake.register.decision.fastTrack": "Hurtigspor (5 arbeidsdager ved ny vurdering)",
  "intake.register.representative": "Fullmektig",
  "intake.register.representative.help": "Bare når en annen klager på vegne av klageren.",
  "intake.register.poaReceived": "Fullmakten er mottatt",
  "intake.register.choose": "Velg",
  "intake.error.decision.date": "Vedtakets dato må være en dato som 2026-03-27 og ikke ligge fram i tid.",
};
