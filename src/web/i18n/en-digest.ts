/** English: bounced letters, Digital Post and the daily digest (decision 0021). */
export const enDigest = {
  "mail.state.bounced": "bounced (the address refused it)",
  "mail.state.digital_post": "sent by Digital Post",
  "mail.state.digital_post_queued": "waiting to be sent by Digital Post",
  "notifications.settings.digest": "Send me a daily e-mail of my cases that are due",
  "notifications.settings.digestHint":
    "Each morning, when you have open cases with a deadline within a week or overdue: their references and due dates only.",
};
