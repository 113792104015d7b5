/** Norwegian bokmål: the letters and the reply on the citizen's tracking page. */
export const nbTracking = {
  "tracking.letters.title": "Brev til deg",
  "tracking.letters.none": "Vi har ikke sendt deg noen brev ennå.",
  "tracking.letters.pdf": "Brevet som PDF",
  "tracking.reply.title": "Svaret på klagen din",
  "tracking.reply.sent": "Datert {date}.",
  "tracking.reply.pdf": "Svaret som PDF",
  "tracking.delivery.email_sent": "Sendt på e-post",
  "tracking.delivery.email_waiting": "Sendes på e-post",
  "tracking.delivery.email_failed": "Kunne ikke leveres på e-post",
  "tracking.delivery.post_waiting": "Sendes i posten",
  "tracking.delivery.post_sent": "Sendt i posten",
};
