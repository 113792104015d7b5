/** English: the mail capture (letters delivered without an SMTP server) and letters on the case. */
export const enMail = {
  "mail.capture.title": "Captured letters",
  "mail.capture.intro":
    "No mail server is configured (KLARA_SMTP_URL), so the letters Klara would have sent by e-mail are kept here instead of being sent.",
  "mail.capture.meta": "Captured {at} for {to}.",
  "mail.capture.none": "No letters have been captured yet.",
  "letter.handler_notification": "notice to the complaint handler",
  "journal.letterFailed": "The letter could not be delivered",
};
