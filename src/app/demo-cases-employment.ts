/**
 * The demo's dk-abc and dk-employment cases (Demo Kommune), registered and worked through the real
 * use cases by the loader (SPEC §9).
 */
import {
  ack,
  approve,
  close,
  contact,
  type DemoCase,
  type DemoStep,
  draft,
  K,
  reply,
  route,
  task,
} from "./demo-data.js";

const MODTAGER = K("modtager");
const KOORDINATOR = K("koordinator");
/** the leader with decision authority over the employment units (and dk-abc's head of department) */
const BESK_CHEF = K("beskaeftigelseschef");
const JOB = K("sagsbehandler.job");
const YDELSE = K("sagsbehandler.ydelse");

const citizen = (name: string, email: string) => ({ name, email });

/** dk-abc: A, B and C, each a task with a note, and the phone call on record. */
function abc(as: string): DemoStep[] {
  return [
    task(1, as, "a_contact", "Ringet til borgeren: ønsker en undskyldning og en ny tid."),
    contact(1, as, "Telefonsamtale om borgerens oplevelse; aftalt at vende tilbage."),
    task(2, as, "b_gather", "Talt med medarbejderen ved skranken om episoden."),
    task(3, as, "c_get_back", "Ringet tilbage; borgeren har fået ny tid og er tilfreds."),
  ];
}

const assignTo = (day: number, as: string, handler: string): DemoStep => ({
  day,
  as,
  command: "assign",
  body: { handlers: [{ person: handler, part: "hele klagen" }] },
});

export const DEMO_EMPLOYMENT_CASES: DemoCase[] = [
  // --- dk-abc ------------------------------------------------------------------------------------
  {
    daysAgo: 6,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-abc",
      channel: "phone",
      unit: "JOBCENTER",
      category: "service_level",
      complainant: { name: "Morten Storm", phone: "+45 31 32 33 34" },
      subject: "Ingen ringede tilbage",
      description: "Jobcentret lovede at ringe tilbage, men det skete aldrig.",
    },
    steps: [ack(0.1, MODTAGER)],
  },
  {
    daysAgo: 14,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-abc",
      channel: "in_person",
      unit: "JOBCENTER",
      category: "service_level",
      complainant: { name: "Pia Kragh", phone: "+45 41 42 43 44" },
      subject: "Uvenlig modtagelse i jobcentret",
      description: "Jeg blev afvist ved skranken uden forklaring.",
    },
    steps: [
      ack(0.1, MODTAGER),
      assignTo(0.2, MODTAGER, JOB),
      ...abc(JOB),
      {
        day: 3.1,
        as: JOB,
        command: "send-reply",
        body: {
          outcome: "partly_upheld",
          resolution: "informal",
          measures: "Skrankepersonalet har fået en ny procedure for afvisning.",
          rootCauses: ["communication"],
        },
      },
      close(4, JOB),
    ],
  },
  {
    daysAgo: 18,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-abc",
      channel: "email",
      unit: "YDELSE",
      category: "case_handling",
      complainant: citizen("Henrik Munk", "henrik.munk@borger.example"),
      subject: "Forkert beregnet boligstøtte",
      description: "Min boligstøtte er beregnet ud fra en forkert husleje.",
    },
    steps: [
      ack(0.1, MODTAGER),
      assignTo(0.2, MODTAGER, YDELSE),
      task(1, YDELSE, "a_contact", "Borgeren ønsker en skriftlig forklaring og genberegning."),
      contact(1, YDELSE, "Telefonsamtale; borgeren vil have skriftligt svar."),
      task(2, YDELSE, "b_gather", "Gennemgået beregningen med medarbejderen."),
      task(3, YDELSE, "c_get_back", "Ringet tilbage: skriftligt svar følger."),
      draft(10, YDELSE, "Kære Henrik Munk\n\nVi har gennemgået beregningen …"),
      // the head of department (Beskæftigelse) first; the director's stage still waits
      approve(12, BESK_CHEF),
    ],
  },
  {
    daysAgo: 35,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-abc",
      channel: "letter",
      unit: "YDELSE",
      category: "case_handling",
      complainant: { name: "Grethe Bang", address: "Lindevej 7, 9999 Demoby" },
      subject: "Lang ventetid på svar om tilskud",
      description: "Jeg har ventet tre måneder på svar om tilskud til medicin.",
    },
    steps: [
      ack(0.1, MODTAGER),
      assignTo(0.2, MODTAGER, YDELSE),
      task(2, YDELSE, "a_contact", "Borgeren ønsker svar og en forklaring på ventetiden."),
      contact(2, YDELSE, "Forklaret sagsgangen i telefonen."),
      task(3, YDELSE, "b_gather", "Talt med medarbejderne om sagsbunken."),
      task(4, YDELSE, "c_get_back", "Ringet tilbage med en dato for svaret."),
      draft(12, YDELSE, "Kære Grethe Bang\n\nVi beklager ventetiden …"),
      approve(14, BESK_CHEF),
      approve(15, K("leder")),
      reply(16, YDELSE, "upheld", "Sagerne fordeles nu ugentligt.", ["processing_time"]),
      close(17, YDELSE),
    ],
  },
  // --- dk-employment -----------------------------------------------------------------------------
  {
    daysAgo: 70,
    registeredBy: MODTAGER,
    decisionDaysBeforeReceipt: 12,
    complaint: {
      procedure: "dk-employment",
      channel: "digital_post",
      unit: "YDELSE",
      category: "benefits",
      type: "decision",
      complainant: { ...citizen("Ali Hassan", "ali.hassan@borger.example"), nationalId: "010190-1234" },
      decision: { reference: "YD-2026-0412", area: "kontanthjælp", fastTrack: false },
      subject: "Klage over stop af kontanthjælp",
      description: "Jeg er uenig i, at min kontanthjælp er stoppet.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      {
        day: 10,
        as: YDELSE,
        command: "decide-reassessment",
        body: { result: "upheld", body: "Afgørelsen fastholdes: betingelserne var ikke opfyldt." },
      },
      { day: 11, as: YDELSE, command: "forward-to-appeals-board" },
      { day: 58, as: K("jura"), command: "record-appeals-decision", body: { result: "upheld" } },
      close(59, YDELSE),
    ],
  },
  {
    daysAgo: 30,
    registeredBy: MODTAGER,
    decisionDaysBeforeReceipt: 20,
    complaint: {
      procedure: "dk-employment",
      channel: "email",
      unit: "JOBCENTER",
      category: "job_centre",
      type: "decision",
      complainant: citizen("Sanne Møller", "sanne.moller@borger.example"),
      representative: {
        name: "Advokat Erik Vang",
        email: "erik.vang@advokat.example",
        powerOfAttorneyReceived: true,
      },
      decision: { reference: "JC-2026-0077", area: "sanktion", fastTrack: false },
      subject: "Klage over sanktion",
      description: "Min klient er sanktioneret for en udeblivelse, der skyldtes sygdom.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      {
        day: 5,
        as: JOB,
        command: "decide-reassessment",
        body: { result: "upheld", body: "Sanktionen fastholdes; der er ikke dokumenteret sygdom." },
      },
      { day: 6, as: JOB, command: "forward-to-appeals-board" },
    ],
  },
  {
    daysAgo: 12,
    registeredBy: MODTAGER,
    decisionDaysBeforeReceipt: 7,
    complaint: {
      procedure: "dk-employment",
      channel: "email",
      unit: "JOBCENTER",
      category: "job_centre",
      type: "decision",
      complainant: citizen("Mikkel Dam", "mikkel.dam@borger.example"),
      decision: { reference: "JC-2026-0101", area: "aktivering", fastTrack: true },
      subject: "Klage over aktiveringstilbud",
      description: "Tilbuddet passer ikke til mine helbredsmæssige forhold.",
    },
    steps: [ack(0.1, MODTAGER), route(0.2, MODTAGER)],
  },
  {
    daysAgo: 25,
    registeredBy: MODTAGER,
    decisionDaysBeforeReceipt: 40,
    complaint: {
      procedure: "dk-employment",
      channel: "letter",
      unit: "YDELSE",
      category: "benefits",
      type: "decision",
      complainant: { name: "Bodil Lauritsen", address: "Egevej 2, 9999 Demoby" },
      decision: { reference: "YD-2026-0388", area: "boligydelse", fastTrack: false },
      subject: "Tilbagebetaling af boligydelse",
      description: "Jeg kan ikke forstå, hvorfor jeg skal betale boligydelse tilbage.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      {
        day: 20,
        as: YDELSE,
        command: "notify-delay",
        body: { reason: "vi afventer oplysninger fra udlejer" },
      },
    ],
  },
  {
    daysAgo: 22,
    registeredBy: MODTAGER,
    decisionDaysBeforeReceipt: 9,
    complaint: {
      procedure: "dk-employment",
      channel: "email",
      unit: "JOBCENTER",
      category: "job_centre",
      type: "decision",
      complainant: citizen("Yasmin Karimi", "yasmin.karimi@borger.example"),
      decision: { reference: "JC-2026-0093", area: "ressourceforløb", fastTrack: true },
      subject: "Afslag på ressourceforløb",
      description: "Jeg mener, jeg opfylder betingelserne for et ressourceforløb.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      {
        day: 4,
        as: JOB,
        command: "decide-reassessment",
        body: { result: "changed", body: "Ny lægelig dokumentation: afgørelsen ændres." },
      },
      draft(5, JOB, "Kære Yasmin Karimi\n\nVi har genvurderet afgørelsen og giver dig medhold …"),
      approve(6, K("beskaeftigelseschef")),
      reply(7, JOB, "upheld", "Afgørelsen er ændret.", ["error_in_decision"]),
    ],
  },
  {
    daysAgo: 19,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-employment",
      channel: "email",
      source: "citizens_advisor",
      unit: "JOBCENTER",
      category: "job_centre",
      type: "process",
      complainant: citizen("Frederik Holt", "frederik.holt@borger.example"),
      subject: "Borgerrådgiveren: ingen svar fra jobcentret",
      description: "Borgerrådgiveren videresender en klage over manglende svar på tre henvendelser.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      contact(2, JOB, "Talt med borgeren; beklaget de manglende svar."),
      draft(9, JOB, "Kære Frederik Holt\n\nVi beklager, at du ikke har fået svar …"),
      approve(11, BESK_CHEF),
      reply(12, JOB, "partly_upheld", "Henvendelser besvares nu inden 5 arbejdsdage.", ["missing_reply"]),
    ],
  },
  {
    daysAgo: 6,
    registeredBy: KOORDINATOR,
    complaint: {
      procedure: "dk-employment",
      channel: "email",
      source: "citizens_advisor",
      unit: "YDELSE",
      category: "benefits",
      type: "process",
      complainant: citizen("Lene Holm", "lene.holm@borger.example"),
      subject: "Borgerrådgiveren: forkert vejledning om ydelse",
      description: "Borgeren har fået forkert vejledning om, hvornår ydelsen udbetales.",
    },
    steps: [
      ack(0.1, KOORDINATOR),
      {
        day: 0.2,
        as: KOORDINATOR,
        command: "set-deadline",
        body: { kind: "reply", reason: "Borgerrådgiveren har sat en anden svarfrist." },
      },
      route(0.3, KOORDINATOR),
      contact(1, YDELSE, "Ringet til borgeren og rettet vejledningen."),
    ],
  },
  {
    daysAgo: 4,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-employment",
      channel: "email",
      source: "political",
      unit: "JOBCENTER",
      category: "other",
      type: "process",
      complainant: citizen("Poul Winther", "poul.winther@borger.example"),
      subject: "Brev til borgmesteren om jobcentrets behandling",
      description: "Borgeren har skrevet til borgmesteren om sin oplevelse i jobcentret.",
    },
    steps: [ack(0.1, MODTAGER), route(0.2, MODTAGER)],
  },
  {
    daysAgo: 33,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-employment",
      channel: "phone",
      unit: "YDELSE",
      category: "benefits",
      type: "process",
      complainant: { name: "Inge Nørgaard", phone: "+45 51 52 53 54" },
      subject: "Ingen status på ansøgning",
      description: "Jeg har ikke hørt noget om min ansøgning om enkeltydelse i to måneder.",
    },
    steps: [ack(0.1, MODTAGER), route(0.2, MODTAGER), contact(5, YDELSE, "Status givet; svar lovet.")],
  },
  {
    daysAgo: 16,
    registeredBy: MODTAGER,
    decisionDaysBeforeReceipt: 35,
    complaint: {
      procedure: "dk-employment",
      channel: "email",
      unit: "YDELSE",
      category: "benefits",
      type: "decision",
      complainant: citizen("Carsten Ebbesen", "carsten.ebbesen@borger.example"),
      decision: { reference: "YD-2026-0290", area: "sygedagpenge", fastTrack: false },
      subject: "Stop af sygedagpenge",
      description: "Jeg klager over, at mine sygedagpenge er stoppet.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      { day: 3, as: YDELSE, command: "withdraw", body: { reason: "Borgeren har trukket klagen tilbage." } },
    ],
  },
];
