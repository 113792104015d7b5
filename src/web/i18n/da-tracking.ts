/** Danish: the letters and the reply on the citizen's tracking page. */
export const daTracking = {
  "tracking.letters.title": "Breve til dig",
  "tracking.letters.none": "Vi har ikke sendt dig nogen breve endnu.",
  "tracking.letters.pdf": "Brevet som PDF",
  "tracking.reply.title": "Svaret på din klage",
  "tracking.reply.sent": "Dateret {date}.",
  "tracking.reply.pdf": "Svaret som PDF",
  "tracking.delivery.email_sent": "Sendt pr. e-mail",
  "tracking.delivery.email_waiting": "Sendes pr. e-mail",
  "tracking.delivery.email_failed": "Kunne ikke leveres pr. e-mail",
  "tracking.delivery.post_waiting": "Sendes med almindelig post",
  "tracking.delivery.post_sent": "Sendt med almindelig post",
};
