/** Norwegian bokmål: the mail capture (letters delivered without an SMTP server) and letters on the case. */
export const nbMail = {
  "mail.capture.title": "Oppsamlede brev",
  "mail.capture.intro":
    "Det er ikke satt opp en e-posttjener (KLARA_SMTP_URL), så brevene Klara ville ha sendt som e-post, samles her i stedet for å bli sendt.",
  "mail.capture.meta": "Samlet opp {at} til {to}.",
  "mail.capture.none": "Ingen brev er samlet opp ennå.",
  "mail.letters": "Brev",
  "mail.state.queued": "venter på å bli sendt",
  "mail.state.for_print": "til utskrift (ingen e-postadresse)",
  "mail.state.sent": "sendt som e-post",
  "mail.state.captured": "samlet opp (ingen e-posttjener)",
  "mail.state.failed": "kunne ikke leveres",
  "mail.state.unrendered": "ikke laget (lagt i kø før brevmalene)",
  "letter.preliminary_reply": "foreløpig svar",
  "letter.handler_notification": "melding til klagebehandleren",
  "journal.letterFailed": "Brevet kunne ikke leveres",
};
