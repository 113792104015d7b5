/** Danish: the mail capture (letters delivered without an SMTP server) and letters on the case. */
export const daMail = {
  "mail.capture.title": "Opsamlede breve",
  "mail.capture.intro":
    "Der er ikke sat en mailserver op (KLARA_SMTP_URL), så de breve, Klara ville have sendt som e-mail, opsamles her i stedet for at blive sendt.",
  "mail.capture.meta": "Opsamlet {at} til {to}.",
  "mail.capture.none": "Ingen breve er opsamlet endnu.",
  "mail.letters": "Breve",
  "mail.state.queued": "venter på at blive sendt",
  "mail.state.for_print": "til print (ingen e-mailadresse)",
  "mail.state.sent": "sendt som e-mail",
  "mail.state.captured": "opsamlet (ingen mailserver)",
  "mail.state.failed": "kunne ikke leveres",
  "mail.state.unrendered": "ikke dannet (lagt i kø før brevskabelonerne)",
  "letter.preliminary_reply": "foreløbigt svar",
  "letter.handler_notification": "besked til klagebehandleren",
  "journal.letterFailed": "Brevet kunne ikke leveres",
};
