/**
 * dk-school — a Danish municipality's school department (seed 000, SPEC §5).
 * One complaint mailbox; acknowledgement and routing by day 3, draft to the leader with decision
 * authority by day 24, reply by day 30 ("senest 30 dage efter modtagelse").
 *
 * Merge fields used by the templates: {{complainantName}}, {{handlerName}}, {{reference}},
 * {{unitName}}, {{receivedDate}}, {{replyDueDate}}, {{caseLink}}, {{senderName}}.
 */
import type { z } from "zod";
import type { ProcedureDefinition } from "../procedure.js";

export const dkSchool = {
  id: "dk-school",
  name: "Klageprocedure, Skoleafdelingen",
  publicName: {
    da: "Skoler og Skoleafdelingen",
    nb: "Skoler og skoleavdelingen",
    en: "Schools and the school department",
  },
  country: "DK",
  description:
    "Alle klager samles i Skoleafdelingens klagepostkasse. Kvittering og sag senest dag 3, " +
    "svarudkast til godkendelse hos lederen med beslutningskompetence senest dag 24, klagesvar senest dag 30.",
  deadlines: [
    { kind: "acknowledge", length: 3, unit: "calendar_days" },
    { kind: "route", length: 3, unit: "calendar_days" },
    { kind: "draft", length: 24, unit: "calendar_days" },
    { kind: "reply", length: 30, unit: "calendar_days" },
  ],
  categories: [
    {
      code: "school_conduct",
      name: { da: "Skolens virke", nb: "Skolens virksomhet", en: "The school's conduct" },
      handler: "unit_manager",
    },
    {
      code: "administration_conduct",
      name: {
        da: "Forvaltningens adfærd",
        nb: "Forvaltningens opptreden",
        en: "The administration's conduct",
      },
      handler: "unit_routing_table",
    },
    {
      code: "leadership",
      name: {
        da: "Skoleledelse / ledelse i Skoleafdelingen",
        nb: "Skoleledelse / ledelse i skoleavdelingen",
        en: "School leadership / leadership in the school department",
      },
      handler: "nearest_manager_of_person",
      confidentiality: "personnel",
    },
  ],
  allowedSources: ["citizen", "representative", "citizens_advisor", "ombudsman", "political"],
  approval: [
    {
      name: "leader with decision authority",
      role: "approver",
      fourEyes: true,
      // a manager or approver over the unit handling the case (decision 0003)
      approvers: { chain: "handling_unit" },
    },
  ],
  rootCauses: ["communication", "case_handling", "guidance", "conduct", "error_in_decision", "other"],
  templates: {
    acknowledgement: {
      da:
        "Kære {{complainantName}}\n\n" +
        "Skoleafdelingen har den {{receivedDate}} modtaget din klage. Den er oprettet som sag {{reference}}. " +
        "Du får svar senest {{replyDueDate}}.\n\n" +
        "{{trackingGuidance}}\n\n" +
        "Skriv venligst sagsnummeret {{reference}}, hvis du henvender dig igen om sagen.\n\n" +
        "Med venlig hilsen\nSkoleafdelingen",
      nb:
        "Kjære {{complainantName}}\n\n" +
        "Skoleavdelingen mottok klagen din {{receivedDate}}. Den er registrert som sak {{reference}}. " +
        "Du får svar senest {{replyDueDate}}.\n\n" +
        "{{trackingGuidance}}\n\n" +
        "Oppgi saksnummeret {{reference}} hvis du tar kontakt igjen om saken.\n\n" +
        "Med vennlig hilsen\nSkoleavdelingen",
      en:
        "Dear {{complainantName}}\n\n" +
        "The school department received your complaint on {{receivedDate}}. It has been registered as case " +
        "{{reference}}. You will receive a reply no later than {{replyDueDate}}.\n\n" +
        "{{trackingGuidance}}\n\n" +
        "Please quote the reference {{reference}} if you contact us again about this case.\n\n" +
        "Kind regards\nThe school department",
    },
    handler_notification: {
      da:
        "Kære {{handlerName}}\n\n" +
        "Der er kommet en henvendelse/klage (sag {{reference}}) om skolens håndtering af specifikke " +
        "sager/elever på {{unitName}}. Da det er dig, der har det ledelsesmæssige ansvar, er du " +
        "sagsbehandler på denne klage/henvendelse.\n\n" +
        "Jeg har givet klager besked om, at det er dig, der er klageansvarlig, og dermed at det er dig, " +
        "der tager kontakt til ham/hende.\n\n" +
        "Du kan finde klagen/henvendelsen i den oprettede sag via dette link: {{caseLink}}. Det er også i " +
        "denne sag, du skal journalisere svar på klagen/noter til et møde eller lignende.\n\n" +
        "Hvis du har brug for hjælp til håndtering af klagen/henvendelsen, er du velkommen til at kontakte " +
        "mig, og så vil jeg hjælpe så godt jeg kan. Hvis det handler om noget juridisk, er du altid " +
        "velkommen til at kontakte Jurateamet.\n\n" +
        "Med venlig hilsen\n{{senderName}}",
      nb:
        "Kjære {{handlerName}}\n\n" +
        "Det har kommet en henvendelse/klage (sak {{reference}}) om skolens håndtering av konkrete " +
        "saker/elever ved {{unitName}}. Siden det er du som har lederansvaret, er du saksbehandler for " +
        "denne klagen/henvendelsen.\n\n" +
        "Jeg har gitt klageren beskjed om at det er du som er klageansvarlig, og at det er du som tar " +
        "kontakt med vedkommende.\n\n" +
        "Du finner klagen/henvendelsen i saken via denne lenken: {{caseLink}}. Det er også i denne saken " +
        "du skal journalføre svaret på klagen/notater fra møter eller lignende.\n\n" +
        "Hvis du trenger hjelp med håndteringen, er du velkommen til å kontakte meg, så hjelper jeg så godt " +
        "jeg kan. Gjelder det noe juridisk, kan du alltid kontakte juristene.\n\n" +
        "Med vennlig hilsen\n{{senderName}}",
      en:
        "Dear {{handlerName}}\n\n" +
        "We have received an inquiry/complaint (case {{reference}}) about the school's handling of " +
        "specific cases/pupils at {{unitName}}. As you have the management responsibility, you are the " +
        "handler of this complaint/inquiry.\n\n" +
        "I have told the complainant that you are responsible for the complaint and that you will " +
        "contact him/her.\n\n" +
        "You can find the complaint/inquiry in the case through this link: {{caseLink}}. Please also record " +
        "your reply to the complaint and any meeting notes there.\n\n" +
        "If you need help handling the complaint, you are welcome to contact me and I will help as best I " +
        "can. For legal questions, you can always contact the legal team.\n\n" +
        "Kind regards\n{{senderName}}",
    },
    complainant_notification: {
      da:
        "Kære {{complainantName}}\n\n" +
        "Du har modtaget et kvitteringsbrev fra Skoleafdelingen på din henvendelse (sag {{reference}}).\n\n" +
        "Da det er skoleleder {{handlerName}}, der har det ledelsesmæssige ansvar for {{unitName}}, er din " +
        "henvendelse videreformidlet til {{handlerName}} til behandling. Det betyder, at du snarest hører " +
        "fra {{handlerName}} med svar på din henvendelse.\n\n" +
        "Med venlig hilsen\nSkoleafdelingen",
      nb:
        "Kjære {{complainantName}}\n\n" +
        "Du har fått en kvittering fra skoleavdelingen for henvendelsen din (sak {{reference}}).\n\n" +
        "Siden det er rektor {{handlerName}} som har lederansvaret for {{unitName}}, er henvendelsen din " +
        "sendt videre til {{handlerName}} for behandling. Det betyr at du snart hører fra {{handlerName}} " +
        "med svar på henvendelsen.\n\n" +
        "Med vennlig hilsen\nSkoleavdelingen",
      en:
        "Dear {{complainantName}}\n\n" +
        "You have received an acknowledgement from the school department of your inquiry (case " +
        "{{reference}}).\n\n" +
        "As head teacher {{handlerName}} has the management responsibility for {{unitName}}, your inquiry " +
        "has been passed on to {{handlerName}}. This means that you will hear from {{handlerName}} with a " +
        "reply to your inquiry shortly.\n\n" +
        "Kind regards\nThe school department",
    },
  },
} satisfies z.input<typeof ProcedureDefinition>;
