/**
 * The demo's no-workplace cases (Demo ASVO), registered and worked by the loader (SPEC §9). The
 * procedure keeps complaints confidential: each goes to its handler at intake, who works it from
 * there; the receiver registers but does not see them again, and with no acknowledgement step in the
 * seed nobody acknowledges them (decision 0007).
 */
import { A, close, contact, type DemoCase, draft, reply, task } from "./demo-data.js";

const MOTTAKER = A("mottaker");
const citizen = (name: string, email: string) => ({ name, email });
const VERKSTED = A("verksted.leder");
const KANTINE = A("kantine.leder");

export const DEMO_ASVO_CASES: DemoCase[] = [
  {
    daysAgo: 3,
    registeredBy: MOTTAKER,
    complaint: {
      procedure: "no-workplace",
      channel: "letter",
      source: "employee",
      unit: "VERKSTED",
      category: "working_environment",
      complainant: { anonymous: true },
      subject: "Støy i verkstedet",
      description: "Hørselvern blir ikke brukt, og ingen sier fra.",
    },
    steps: [task(1, VERKSTED, "discuss_with_superior", "Drøftet med daglig leder; verneombud kobles inn.")],
  },
  {
    daysAgo: 0,
    registeredBy: null,
    complaint: {
      procedure: "no-workplace",
      channel: "web",
      source: "customer",
      unit: "KANTINE",
      category: "service",
      complainant: citizen("Eva Lie", "eva.lie@kunde.example"),
      subject: "Feil i catering-bestilling",
      description: "Vi fikk halvparten av det vi bestilte til møtet vårt.",
    },
  },
  {
    daysAgo: 12,
    registeredBy: MOTTAKER,
    complaint: {
      procedure: "no-workplace",
      channel: "email",
      source: "employee",
      unit: "KANTINE",
      category: "training",
      complainant: citizen("Ola Kantineansatt", A("ansatt.kantine")),
      subject: "Mangelfull opplæring på oppvaskmaskinen",
      description: "Jeg har ikke fått opplæring i den nye oppvaskmaskinen.",
    },
    steps: [
      task(1, KANTINE, "discuss_with_superior", "Drøftet med daglig leder."),
      contact(2, KANTINE, "Møte med den ansatte om opplæringsbehovet.", "meeting"),
      draft(5, KANTINE, "Hei Ola\n\nDu får opplæring neste uke …"),
      reply(6, KANTINE, "upheld", "Opplæringsplan for nytt utstyr.", ["training"]),
    ],
  },
  {
    daysAgo: 7,
    registeredBy: MOTTAKER,
    complaint: {
      procedure: "no-workplace",
      channel: "in_person",
      source: "participant",
      unit: "VERKSTED",
      category: "treatment",
      personComplainedAbout: VERKSTED,
      complainant: citizen("Siri Deltaker", A("deltaker.verksted")),
      subject: "Behandling fra verkstedleder",
      description: "Jeg opplever å bli snakket nedlatende til foran de andre.",
    },
    // A personnel case about the complainant's own superior: the general manager handles it.
    steps: [contact(2, A("daglig.leder"), "Samtale med deltakeren.", "meeting")],
  },
  {
    daysAgo: 30,
    registeredBy: MOTTAKER,
    complaint: {
      procedure: "no-workplace",
      channel: "email",
      source: "partner",
      unit: "KANTINE",
      category: "service",
      complainant: citizen("NAV Demo", "kontakt@nav-demo.example"),
      subject: "Sen levering av lunsj",
      description: "Lunsjen til kurset kom en time for sent to ganger.",
    },
    steps: [
      task(1, KANTINE, "discuss_with_superior", "Drøftet."),
      draft(6, KANTINE, "Hei\n\nVi har gått gjennom leveransene …"),
      reply(7, KANTINE, "not_upheld", "Leveringstidene var avtalt annerledes.", ["communication"]),
      close(8, KANTINE),
    ],
  },
  {
    daysAgo: 20,
    registeredBy: MOTTAKER,
    complaint: {
      procedure: "no-workplace",
      channel: "phone",
      source: "participant",
      unit: "VERKSTED",
      category: "safety",
      complainant: { name: "Tor Hagen", phone: "+47 912 34 567" },
      subject: "Manglende verneutstyr",
      description: "Det mangler vernebriller ved dreiebenken.",
    },
    steps: [contact(3, VERKSTED, "Snakket med deltakeren.")],
  },
  {
    daysAgo: 9,
    registeredBy: MOTTAKER,
    complaint: {
      procedure: "no-workplace",
      channel: "phone",
      source: "customer",
      unit: "VERKSTED",
      category: "service",
      complainant: { name: "Liv Strand", phone: "+47 934 56 789" },
      subject: "Forsinket reparasjon",
      description: "Sykkelen min skulle vært ferdig for en uke siden.",
    },
    steps: [
      {
        day: 2,
        as: VERKSTED,
        command: "withdraw",
        body: { reason: "Kunden har hentet sykkelen og er fornøyd." },
      },
    ],
  },
];
