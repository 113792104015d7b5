/** English: the mail capture (letters delivered without an SMTP server) and letters on the case. */
export const enMail = {
  "mail.capture.title": "Captured letters",
  "mail.capture.intro":
    "No mail server is configured (KLARA_SMTP_URL), so the letters Klara would have sent by e-mail are kept here instead of being sent.",
  "mail.capture.meta": "Captured {at} for {to}.",
  "mail.capture.none": "No letters have been captured yet.",
  "mail.letters": "Letters",
  "mail.state.queued": "waiting to be sent",
  "mail.state.for_print": "for print (no e-mail address)",
  "mail.state.sent": "sent by e-mail",
  "mail.state.captured": "captured (no mail server)",
  "mail.state.failed": "could not be delivered",
  "mail.state.unrendered": "not rendered (queued before letter templates)",
  "letter.preliminary_reply": "preliminary reply",
  "letter.handler_notification": "notice to the complaint handler",
  "journal.letterFailed": "The letter could not be delivered",
};
