/** Norwegian bokmål: sign-in throttling and the service being unavailable. */
import type { daSecurity } from "./da-security.js";

export const nbSecurity: Record<keyof typeof daSecurity, string> = {
  "staff.signin.throttled":
    "For mange forsøk på å logge inn. Prøv igjen om {minutes} minutt(er), kl. {time}.",
  "unavailable.title": "Klara er midlertidig utilgjengelig",
  "unavailable.text": "Vi kan ikke lagre eller hente opplysninger akkurat nå. Prøv igjen om litt.",
  "badrequest.title": "Forespørselen kunne ikke leses",
  "badrequest.text": "Skjemaet ble sendt i en form vi ikke kan lese. Gå tilbake og prøv igjen.",
  "ratelimited.title": "For mange forespørsler",
  "ratelimited.text": "Du har sendt mange forespørsler på kort tid. Vent et minutt og prøv igjen.",
};
