/**
 * no-workplace — a Norwegian sheltered-work company's complaint routine (seed 003, SPEC §5).
 * Employees, programme participants, partners and customers may complain, orally or in writing, and
 * anonymously. The complaint goes to the complainant's nearest superior, or to the general manager
 * when it concerns that superior; written complaints are discussed with the receiver's own superior;
 * the general manager is notified of every complaint; feedback on what was done and the outcome within
 * 2 weeks; measures are recorded; a yearly report gives the number and type of complaints.
 *
 * Merge fields: {{complainantName}}, {{reference}}, {{receivedDate}}, {{replyDueDate}}.
 */
import type { z } from "zod";
import type { ProcedureDefinition } from "../procedure.js";

export const noWorkplace = {
  id: "no-workplace",
  name: "Rutine for klagebehandling",
  publicName: {
    nb: "Arbeidsplassen, tiltaket, tjenestene og produktene",
    da: "Arbejdspladsen, forløbet, ydelserne og produkterne",
    en: "The workplace, the programme, our services and products",
  },
  country: "NO",
  description:
    "Klager kan fremmes skriftlig eller muntlig, også anonymt, av ansatte, deltakere i " +
    "arbeidsmarkedstiltak, samarbeidspartnere og kunder. Klagen rettes til nærmeste overordnet, eller til " +
    "daglig leder dersom den gjelder nærmeste overordnet. Klageren skal bli gjort kjent med hva som er " +
    "gjort i saken og utfallet innen 2 uker. Daglig leder varsles om alle klager.",
  deadlines: [
    // the seed has no acknowledgement step, so no acknowledgement deadline (decision 0008)
    { kind: "reply", length: 2, unit: "weeks" },
  ],
  categories: [
    {
      code: "working_environment",
      name: { nb: "Arbeidsmiljø", da: "Arbejdsmiljø", en: "Working environment" },
      handler: "unit_manager",
    },
    {
      code: "treatment",
      name: {
        nb: "Behandling fra ledere eller kolleger",
        da: "Behandling fra ledere eller kolleger",
        en: "Treatment by a leader or colleague",
      },
      handler: "nearest_manager_of_person",
      confidentiality: "personnel",
    },
    {
      code: "rehabilitation_programme",
      name: { nb: "Attføringsløpet", da: "Revalideringsforløbet", en: "The rehabilitation programme" },
      handler: "unit_manager",
    },
    {
      code: "training",
      name: { nb: "Mangelfull opplæring", da: "Mangelfuld oplæring", en: "Insufficient training" },
      handler: "unit_manager",
    },
    {
      code: "service",
      name: { nb: "Tjenesteleveranse og produkter", da: "Ydelser og produkter", en: "Services and products" },
      handler: "unit_manager",
    },
    { code: "safety", name: { nb: "Sikkerhet", da: "Sikkerhed", en: "Safety" }, handler: "unit_manager" },
    { code: "other", name: { nb: "Annet", da: "Andet", en: "Other" }, handler: "unit_manager" },
  ],
  allowAnonymous: true,
  allowedSources: ["employee", "participant", "partner", "customer"],
  routeToComplainantsSuperior: true,
  // seed 003: complaints are confidential by default (decision 0007)
  confidentialByDefault: true,
  notifyOnEveryComplaint: ["general_manager"],
  tasks: [
    {
      key: "discuss_with_superior",
      title: {
        nb: "Drøft med din nærmeste leder",
        da: "Drøft med din nærmeste leder",
        en: "Discuss with your own superior",
      },
      noteRequired: true,
      when: { channel: ["web", "email", "letter", "digital_post", "api"] },
      requiredBeforeReply: true,
    },
  ],
  approval: [],
  rootCauses: [
    "routines_not_followed",
    "working_environment",
    "leadership",
    "communication",
    "training",
    "service_quality",
    "product_quality",
    "safety",
    "other",
  ],
  templates: {
    acknowledgement: {
      nb:
        "Hei {{complainantName}}\n\n" +
        "Vi mottok klagen din {{receivedDate}}, og den er registrert som sak {{reference}}. Du får vite hva " +
        "som er gjort i saken og utfallet av den senest {{replyDueDate}}.\n\n" +
        "{{trackingGuidance}}\n\n" +
        "Med vennlig hilsen",
      en:
        "Dear {{complainantName}}\n\n" +
        "We received your complaint on {{receivedDate}}; it is registered as case {{reference}}. You will " +
        "hear what has been done and the outcome no later than {{replyDueDate}}.\n\n" +
        "{{trackingGuidance}}\n\n" +
        "Kind regards",
    },
  },
} satisfies z.input<typeof ProcedureDefinition>;
