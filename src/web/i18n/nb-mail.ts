/** Norwegian bokmål: the mail capture (letters delivered without an SMTP server) and letters on the case. */
export const nbMail = {
  "mail.capture.title": "Oppsamlede brev",
  "mail.capture.intro":
    "Det er ikke satt opp en e-posttjener (KLARA_SMTP_URL), så brevene Klara ville ha sendt som e-post, samles her i stedet for å bli sendt.",
  "mail.capture.meta": "Samlet opp {at} til {to}.",
  "mail.capture.none": "Ingen brev er samlet opp ennå.",
  "letter.handler_notification": "melding til klagebehandleren",
  "journal.letterFailed": "Brevet kunne ikke leveres",
};
