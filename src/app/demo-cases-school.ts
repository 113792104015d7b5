/**
 * The demo's dk-school and dk-central-unit cases (SPEC §9), registered and worked through the real use
 * cases by the loader, back-dated so that deadlines, compliance and overdue cases look real.
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
} from "./demo-data.js";

const MODTAGER = K("modtager");
const KOORDINATOR = K("koordinator");
const GODKENDER = K("godkender");
const BEHANDLER = K("behandler");
const LEDER_A = K("skoleleder.a");
const LEDER_B = K("skoleleder.b");

/** A dk-school case worked by a school leader through contact, draft and approval to a reply. */
function schoolChain(leader: string, outcome: string, measures: string, rootCauses: string[]): DemoStep[] {
  return [
    ack(0.1, MODTAGER),
    route(0.2, MODTAGER),
    contact(2, leader, "Talt med forælderen i telefon; aftalt møde på skolen."),
    draft(16, leader, "Kære forælder\n\nTak for din henvendelse. Vi har undersøgt sagen …"),
    approve(18, GODKENDER),
    reply(19, leader, outcome, measures, rootCauses),
  ];
}

const parent = (name: string, email: string) => ({ name, email });

export const DEMO_SCHOOL_CASES: DemoCase[] = [
  // --- dk-school ---------------------------------------------------------------------------------
  {
    daysAgo: 0,
    registeredBy: null,
    complaint: {
      procedure: "dk-school",
      channel: "web",
      unit: "SKOLE-A",
      category: "school_conduct",
      complainant: parent("Mette Hansen", "mette.hansen@borger.example"),
      subject: "Mobning i 4.B bliver ikke taget alvorligt",
      description: "Min søn er blevet drillet i frikvartererne i flere uger, og skolen har ikke reageret.",
    },
  },
  {
    daysAgo: 1,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-B",
      complainant: parent("Jens Nielsen", "jens.nielsen@borger.example"),
      subject: "Manglende svar om skolebus",
      description: "Jeg har spurgt skolen om skolebussens nye køreplan tre gange uden at få svar.",
    },
  },
  {
    daysAgo: 6,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "letter",
      unit: "SKOLE-A",
      complainant: { name: "Hassan Ali", address: "Skolevej 3, 9999 Demoby" },
      subject: "Aflyste timer i matematik",
      description: "Klassen har mistet over 20 matematiktimer dette halvår.",
    },
    // seed 000: the acting school leader works outside Klara and gets a personal link (decision 0017)
    steps: [
      ack(0.1, MODTAGER),
      {
        day: 0.3,
        as: MODTAGER,
        command: "send-handler-link",
        body: { handlerName: "Per Holm", handlerEmail: "per.holm@skole-a.example" },
      },
    ],
  },
  {
    daysAgo: 5,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE",
      category: "administration_conduct",
      complainant: parent("Camilla Berg", "camilla.berg@borger.example"),
      subject: "Lang sagsbehandling af skoleskift",
      description: "Ansøgningen om skoleskift har ligget i forvaltningen i to måneder.",
    },
    steps: [ack(0.1, MODTAGER)],
  },
  {
    daysAgo: 2,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "phone",
      unit: "SKOLE-B",
      category: "school_conduct",
      complainant: parent("Peter Lund", "peter.lund@borger.example"),
      subject: "Uro i klassen",
      description: "Der er så meget uro i 2.A, at min datter ikke kan lære noget.",
    },
    steps: [ack(0.1, MODTAGER), route(0.2, MODTAGER)],
  },
  {
    daysAgo: 10,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-A",
      category: "school_conduct",
      complainant: parent("Sara Holm", "sara.holm@borger.example"),
      subject: "Ikke informeret om elevplan",
      description: "Vi har ikke fået elevplanen, selv om den skulle være klar i januar.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      contact(2, LEDER_A, "Ringet op; elevplanen sendes inden fredag."),
    ],
  },
  {
    daysAgo: 34,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-A",
      category: "school_conduct",
      complainant: parent("Ole Madsen", "ole.madsen@borger.example"),
      subject: "Specialundervisning ikke iværksat",
      description: "Den aftalte støtte til min søn er aldrig kommet i gang.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.3, MODTAGER),
      contact(3, LEDER_A, "Talt med faren; PPR skal inddrages før svar."),
      { day: 9, as: LEDER_A, command: "add-note", body: { title: "Venter på PPR", body: "Rykket PPR." } },
    ],
  },
  {
    daysAgo: 20,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-B",
      category: "school_conduct",
      complainant: parent("Louise Kjær", "louise.kjaer@borger.example"),
      subject: "Lejrskole uden forhåndsbesked",
      description: "Forældrene fik først besked om prisen på lejrskolen en uge før afrejse.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      contact(3, LEDER_B, "Forklaret forløbet; forælderen ønsker skriftligt svar."),
      draft(15, LEDER_B, "Kære Louise Kjær\n\nVi beklager, at informationen kom for sent …"),
    ],
  },
  {
    daysAgo: 28,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-A",
      category: "school_conduct",
      complainant: parent("Anders Dahl", "anders.dahl@borger.example"),
      subject: "Sen besked om aflyst ekskursion",
      description: "Vi fik besked om aflysningen samme morgen.",
    },
    steps: schoolChain(LEDER_A, "partly_upheld", "Ny rutine for beskeder via forældreintra.", [
      "communication",
    ]),
  },
  {
    daysAgo: 60,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-B",
      category: "school_conduct",
      complainant: parent("Birthe Friis", "birthe.friis@borger.example"),
      subject: "Karakter i dansk",
      description: "Jeg mener ikke, at min datters standpunktskarakter er retvisende.",
    },
    steps: [...schoolChain(LEDER_B, "not_upheld", "", ["guidance"]), close(21, MODTAGER)],
  },
  {
    daysAgo: 45,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "phone",
      unit: "SKOLE-A",
      category: "school_conduct",
      complainant: parent("Kim Larsen", "kim.larsen@borger.example"),
      subject: "Manglende tilsyn i SFO",
      description: "Min søn kom hjem med en skade, som ingen i SFO havde set.",
    },
    steps: [
      ...schoolChain(LEDER_A, "upheld", "Flere voksne i gården i eftermiddagstimerne.", ["conduct"]),
      close(22, MODTAGER),
    ],
  },
  {
    daysAgo: 50,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-B",
      category: "school_conduct",
      complainant: parent("Nina Juhl", "nina.juhl@borger.example"),
      subject: "Fravær registreret forkert",
      description: "Min søn er registreret med ulovligt fravær for dage, hvor han var syg.",
    },
    steps: [
      ...schoolChain(LEDER_B, "not_upheld", "", ["case_handling"]),
      close(22, MODTAGER),
      { day: 40, as: MODTAGER, command: "reopen", body: { reason: "Moren har sendt lægeerklæringer." } },
    ],
  },
  {
    daysAgo: 12,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE-A",
      category: "school_conduct",
      complainant: parent("Rasmus Bech", "rasmus.bech@borger.example"),
      subject: "Skolefoto",
      description: "Vi blev ikke spurgt om samtykke til skolefoto.",
    },
    steps: [
      ack(0.1, MODTAGER),
      route(0.2, MODTAGER),
      { day: 4, as: LEDER_A, command: "withdraw", body: { reason: "Afklaret i telefonen; klagen trækkes." } },
    ],
  },
  {
    daysAgo: 25,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "email",
      unit: "SKOLE",
      category: "administration_conduct",
      complainant: parent("Maria Skov", "maria.skov@borger.example"),
      subject: "Visitation til specialklasse",
      description: "Både forvaltningen og skolen har været uklare om, hvornår min søn kan starte.",
    },
    steps: [
      ack(0.1, MODTAGER),
      {
        day: 0.3,
        as: KOORDINATOR,
        command: "assign",
        body: {
          handlers: [
            { person: BEHANDLER, part: "Forvaltningens sagsbehandling af visitationen" },
            { person: LEDER_B, part: "Skolens information til forældrene" },
          ],
          coordinator: KOORDINATOR,
        },
      },
      draft(8, BEHANDLER, "Forvaltningen beklager ventetiden; visitationen er nu afgjort."),
      draft(10, LEDER_B, "Skolen har aftalt opstartsmøde med familien."),
      draft(13, KOORDINATOR, "Kære Maria Skov\n\nHer er vores samlede svar på din klage …"),
      approve(15, GODKENDER),
      reply(16, KOORDINATOR, "upheld", "Fast kontaktperson i visitationssager.", ["case_handling"]),
    ],
  },
  {
    daysAgo: 8,
    registeredBy: MODTAGER,
    complaint: {
      procedure: "dk-school",
      channel: "letter",
      unit: "SKOLE-A",
      category: "leadership",
      personComplainedAbout: LEDER_A,
      complainant: { name: "Karen Vestergaard", address: "Bøgevej 12, 9999 Demoby" },
      subject: "Skolelederens håndtering af et forældremøde",
      description: "Skolelederen afbrød forældrene og nægtede at svare på spørgsmål om trivsel.",
    },
    // A personnel case: routed at once to the school department head, the leader's nearest manager.
    steps: [
      ack(0.2, K("skolechef")),
      contact(2, K("skolechef"), "Talt med klageren; møde aftalt i næste uge.", "phone"),
    ],
  },
  // --- dk-central-unit ---------------------------------------------------------------------------
  {
    daysAgo: 3,
    registeredBy: LEDER_A,
    complaint: {
      procedure: "dk-central-unit",
      channel: "in_person",
      unit: "SKOLE-A",
      category: "school",
      needsConfirmation: true,
      complainant: parent("Jonas Krogh", "jonas.krogh@borger.example"),
      subject: "Utilfreds med skolens svar om trivsel",
      description: "Forælderen gav udtryk for utilfredshed ved et møde med skolelederen.",
    },
  },
  {
    daysAgo: 1,
    registeredBy: KOORDINATOR,
    complaint: {
      procedure: "dk-central-unit",
      channel: "phone",
      category: "family_services",
      needsConfirmation: true,
      complainant: { name: "Emma Thomsen", phone: "+45 20 30 40 50" },
      subject: "Henvendelse om familiebehandling",
      description: "Borgeren er utilfreds med ventetiden på familiebehandling.",
    },
  },
  {
    daysAgo: 20,
    registeredBy: KOORDINATOR,
    complaint: {
      procedure: "dk-central-unit",
      channel: "phone",
      unit: "SKOLE-B",
      category: "school",
      needsConfirmation: true,
      complainant: { name: "Lone Bjerre", phone: "+45 21 22 23 24" },
      subject: "Spørgsmål om frikvarterer",
      description: "Borgeren spurgte til reglerne for frikvarterer.",
    },
    steps: [
      {
        day: 14,
        as: KOORDINATOR,
        command: "mark-not-a-complaint",
        body: { reason: "Borgeren har ikke bekræftet, at henvendelsen er en klage." },
      },
    ],
  },
  {
    daysAgo: 40,
    registeredBy: KOORDINATOR,
    complaint: {
      procedure: "dk-central-unit",
      channel: "email",
      unit: "SKOLE-A",
      category: "school",
      needsConfirmation: true,
      complainant: parent("Freja Munk", "freja.munk@borger.example"),
      subject: "Skolens kommunikation om klasselærerskift",
      description: "Forældrene fik ingen forklaring på, at klasselæreren blev skiftet.",
    },
    steps: [
      { day: 2, as: KOORDINATOR, command: "confirm-complaint" },
      ack(2.1, KOORDINATOR),
      route(3, KOORDINATOR),
      contact(5, BEHANDLER, "Talt med moren om forløbet."),
      draft(12, BEHANDLER, "Kære Freja Munk\n\nKlageenheden giver dig medhold i, at …"),
      approve(14, GODKENDER),
      reply(15, BEHANDLER, "upheld", "Skolen orienterer fremover skriftligt om lærerskift.", [
        "communication",
      ]),
      close(16, KOORDINATOR),
    ],
  },
  {
    daysAgo: 15,
    registeredBy: KOORDINATOR,
    complaint: {
      procedure: "dk-central-unit",
      channel: "email",
      unit: "SKOLE-B",
      category: "school",
      type: "decision",
      complainant: parent("Tobias Vinther", "tobias.vinther@borger.example"),
      subject: "Afslag på befordring",
      description: "Jeg klager over afgørelsen om, at min datter ikke får kørsel til skole.",
    },
    steps: [
      ack(0.2, KOORDINATOR),
      route(0.3, KOORDINATOR),
      // the guidance is a reply like any other here: drafted and approved before it is sent
      draft(0.6, BEHANDLER, "Kære Tobias Vinther\n\nDu kan klage over afgørelsen til Skoleklagenævnet …"),
      approve(0.9, GODKENDER),
      reply(1, KOORDINATOR, "redirected", "Vejledt om klage til Skoleklagenævnet via forvaltningen."),
      close(2, KOORDINATOR),
    ],
  },
  {
    daysAgo: 9,
    registeredBy: null,
    complaint: {
      procedure: "dk-central-unit",
      channel: "web",
      unit: "SKOLE-A",
      category: "school",
      complainant: parent("Laura Brandt", "laura.brandt@borger.example"),
      subject: "Ventetid på PPR-udredning",
      description: "Vi har ventet et halvt år på en udredning.",
    },
    steps: [ack(0.2, KOORDINATOR), route(1, KOORDINATOR), contact(3, BEHANDLER, "Ringet op; status givet.")],
  },
];
