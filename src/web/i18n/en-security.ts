/** English: sign-in throttling and the service being unavailable. */
import type { daSecurity } from "./da-security.js";

export const enSecurity: Record<keyof typeof daSecurity, string> = {
  "staff.signin.throttled": "Too many sign-in attempts. Try again in {minutes} minute(s), at {time}.",
  "unavailable.title": "Klara is temporarily unavailable",
  "unavailable.text": "We cannot save or fetch information right now. Please try again in a moment.",
  "badrequest.title": "The request could not be read",
  "badrequest.text": "The form was sent in a way we cannot read. Go back and try again.",
  "ratelimited.title": "Too many requests",
  "ratelimited.text": "You have sent many requests in a short time. Wait a minute and try again.",
};
