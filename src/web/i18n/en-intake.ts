/** English: the words of intake (see `da-intake.ts`). */
import type { IntakeMessages } from "./da-intake.js";

export const enIntake: IntakeMessages = {
  "intake.start.lead": "Choose the authority and what your complaint is about.",
  "intake.start.about": "Complain about: {topic}",
  "intake.form.heading": "Complaint about {topic}",
  "intake.form.to": "To {organisation}.",
  "intake.source": "Who are you?",
  "intake.source.help": "Choose what fits you best.",
  "intake.source.citizen": "I complain about my own matter",
  "intake.source.representative": "I complain on behalf of someone else",
  "intake.source.employee": "I am an employee",
  "intake.source.participant": "I take part in a programme (participant)",
  "intake.source.partner": "I am a partner organisation",
  "intake.source.customer": "I am a customer",
  "intake.error.source": "Choose who you are.",
  "intake.contact.help": "Give at least one way we can answer you: email, phone or address.",
  "intake.contact.helpAnonymous":
    "Give at least one way we can answer you: email, phone or address — unless you complain anonymously.",
  "intake.subject.help": "Say briefly what the complaint is about (at most 300 characters).",
  "intake.error.representative.name": "Give your name as representative.",
  "intake.register.type": "Kind of complaint",
  "intake.register.type.auto": "From the category / the procedure's default",
  "intake.register.decision": "The decision complained of",
  "intake.register.decision.help": "Only for complaints about a decision.",
  "intake.register.decision.area": "Area",
  "intake.register.decision.fastTrack": "Fast track (5 working days at reassessment)",
  "intake.register.representative": "Representative",
  "intake.register.representative.help": "Only when someone else complains on the complainant's behalf.",
  "intake.register.poaReceived": "The power of attorney has been received",
  "intake.register.choose": "Choose",
  "intake.error.decision.date": "The decision's date must be a date like 2026-03-27, not in the future.",
};
