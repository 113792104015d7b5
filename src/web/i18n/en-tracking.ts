/** English: the letters and the reply on the citizen's tracking page. */
export const enTracking = {
  "tracking.letters.title": "Letters to you",
  "tracking.letters.none": "We have not sent you any letters yet.",
  "tracking.letters.pdf": "The letter as PDF",
  "tracking.reply.title": "The reply to your complaint",
  "tracking.reply.sent": "Dated {date}.",
  "tracking.reply.pdf": "The reply as PDF",
  "tracking.delivery.email_sent": "Sent by e-mail",
  "tracking.delivery.email_waiting": "To be sent by e-mail",
  "tracking.delivery.email_failed": "Could not be delivered by e-mail",
  "tracking.delivery.post_waiting": "To be sent by post",
  "tracking.delivery.post_sent": "Sent by post",
};
