/** Danish: sign-in throttling and the service being unavailable. */
export const daSecurity = {
  "staff.signin.throttled":
    "For mange forsøg på at logge ind. Prøv igen om {minutes} minut(ter), kl. {time}.",
  "unavailable.title": "Klara er midlertidigt utilgængelig",
  "unavailable.text": "Vi kan ikke gemme eller hente oplysninger lige nu. Prøv igen om et øjeblik.",
  "badrequest.title": "Forespørgslen kunne ikke læses",
  "badrequest.text": "Formularen blev sendt i en form, vi ikke kan læse. Gå tilbage og prøv igen.",
  "ratelimited.title": "For mange forespørgsler",
  "ratelimited.text": "Du har sendt mange forespørgsler på kort tid. Vent et minut, og prøv igen.",
};
