/**
 * dk-central-unit — a central complaint unit as the single entry for a children and youth
 * administration (seed 001, SPEC §5). Handles process, conduct and service-level complaints;
 * decision complaints are redirected with guidance to the right appeal body; an inquiry that a unit
 * leader registers waits until the complainant confirms it is a formal complaint; uniform
 * registration (root causes) gives management information, a baseline and learning.
 *
 * Merge fields: {{complainantName}}, {{reference}}, {{unitName}}, {{receivedDate}}, {{replyDueDate}},
 * {{appealsBody}}, {{confirmLink}}.
 */
import type { z } from "zod";
import type { ProcedureDefinition } from "../procedure.js";

export const dkCentralUnit = {
  id: "dk-central-unit",
  name: "Central klageenhed, Børne- og Ungdomsforvaltningen",
  publicName: {
    da: "Dagtilbud, skole og familie (Børne- og Ungdomsforvaltningen)",
    nb: "Barnehage, skole og familie (barne- og ungdomsforvaltningen)",
    en: "Day care, school and family services (children and youth administration)",
  },
  country: "DK",
  description:
    "Én indgang for klager på dagtilbuds- og skoleområdet. Klageenheden behandler klager over " +
    "sagsbehandling, adfærd og serviceniveau, vejleder om klager over afgørelser (realitetsklager) til " +
    "rette klageinstans og sikrer ensartet registrering.",
  deadlines: [
    // the seed has no acknowledgement step, so no acknowledgement deadline (decision 0008)
    { kind: "reply", length: 30, unit: "calendar_days" },
  ],
  // the same matter complained of in several places is found and answered once
  proposeLinks: true,
  // the single entry of a whole administration: its units follow the same matter together (decision 0007)
  visibility: "organisation",
  categories: [
    {
      code: "day_care",
      name: { da: "Dagtilbud", nb: "Barnehage", en: "Day care" },
      handler: "unit_routing_table",
    },
    { code: "school", name: { da: "Skole", nb: "Skole", en: "School" }, handler: "unit_routing_table" },
    {
      code: "family_services",
      name: { da: "Familie og børn", nb: "Familie og barn", en: "Family services" },
      handler: "unit_routing_table",
    },
    {
      code: "administration",
      name: { da: "Forvaltningen", nb: "Forvaltningen", en: "The administration" },
      handler: "coordinator",
    },
  ],
  allowedSources: ["citizen", "representative", "citizens_advisor", "ombudsman", "political"],
  confirmFormalComplaint: true,
  redirectDecisionComplaints: true,
  // Where a redirected decision complaint is guided, per decision area (seed 001-9). EXAMPLES: the
  // authority edits them to its own areas and the appeal bodies its decisions name.
  appealBodies: {
    specialundervisning: {
      name: { da: "Klagenævnet for Specialundervisning", en: "the Special Education Appeals Board" },
      how: {
        da: "Send klagen til kommunen (den enhed, der traf afgørelsen). Kommunen genvurderer afgørelsen og sender klagen videre til klagenævnet, hvis den fastholdes.",
        en: "Send the complaint to the municipality (the unit that made the decision). It reassesses the decision and passes the complaint on to the board if it upholds it.",
      },
      timeLimit: { da: "4 uger efter, at du fik afgørelsen", en: "4 weeks after you received the decision" },
    },
    "særlig støtte": {
      name: { da: "Ankestyrelsen", en: "the National Social Appeals Board (Ankestyrelsen)" },
      how: {
        da: "Send klagen til den enhed, der traf afgørelsen. Den genvurderer afgørelsen og sender klagen videre til Ankestyrelsen, hvis den fastholdes.",
        en: "Send the complaint to the unit that made the decision. It reassesses the decision and passes the complaint on to Ankestyrelsen if it upholds it.",
      },
      timeLimit: { da: "4 uger efter, at du fik afgørelsen", en: "4 weeks after you received the decision" },
    },
    skole: {
      name: {
        da: "Styrelsen for Undervisning og Kvalitet (Børne- og Undervisningsministeriet)",
        en: "the National Agency for Education and Quality (Ministry of Children and Education)",
      },
      how: {
        da: "Send klagen til den skole eller enhed, der traf afgørelsen. Ikke alle skoleafgørelser kan påklages; afgørelsens klagevejledning siger, om og hvor du kan klage.",
        en: "Send the complaint to the school or unit that made the decision. Not every school decision can be appealed; the decision's guidance says whether and where.",
      },
      timeLimit: {
        da: "som anført i afgørelsens klagevejledning",
        en: "as stated in the decision's guidance",
      },
    },
    default: {
      name: {
        da: "den klageinstans, der står i afgørelsens klagevejledning",
        en: "the appeal body named in the decision's guidance on how to complain",
      },
      how: {
        da: "Send klagen til den enhed, der traf afgørelsen. Den genvurderer afgørelsen, inden klagen sendes videre.",
        en: "Send the complaint to the unit that made the decision. It reassesses the decision before passing the complaint on.",
      },
      timeLimit: {
        da: "som anført i afgørelsens klagevejledning",
        en: "as stated in the decision's guidance",
      },
    },
  },
  // a legal reviewer validates every 10th answered case and every upheld one (seed 001-13)
  legalReview: { sampleEvery: 10, always: ["upheld"] },
  approval: [
    {
      name: "leader with decision authority",
      role: "approver",
      fourEyes: true,
      // a manager or approver over the unit handling the case (decision 0003)
      approvers: { chain: "handling_unit" },
    },
  ],
  rootCauses: [
    "communication",
    "processing_time",
    "guidance",
    "conduct",
    "service_level",
    "documentation",
    "error_in_decision",
    "other",
  ],
  templates: {
    acknowledgement: {
      da:
        "Kære {{complainantName}}\n\n" +
        "Den centrale Klageenhed har den {{receivedDate}} modtaget din klage. Den er oprettet som sag " +
        "{{reference}}, og du får svar senest {{replyDueDate}}.\n\n" +
        "{{trackingGuidance}}\n\n" +
        "Med venlig hilsen\nDen centrale Klageenhed",
      en:
        "Dear {{complainantName}}\n\n" +
        "The central complaint unit received your complaint on {{receivedDate}}. It has been registered as " +
        "case {{reference}}, and you will receive a reply no later than {{replyDueDate}}.\n\n" +
        "{{trackingGuidance}}\n\n" +
        "Kind regards\nThe central complaint unit",
    },
    confirm_formal_complaint: {
      da:
        "Kære {{complainantName}}\n\n" +
        "Du har været i dialog med {{unitName}}. Vil du have, at din henvendelse behandles som en formel " +
        "klage? Bekræft det her: {{confirmLink}}. Hvis vi ikke hører fra dig, betragter vi ikke " +
        "henvendelsen som en klage.\n\n" +
        "Med venlig hilsen\nDen centrale Klageenhed",
      en:
        "Dear {{complainantName}}\n\n" +
        "You have been in contact with {{unitName}}. Do you want your inquiry handled as a formal " +
        "complaint? Please confirm here: {{confirmLink}}. If we do not hear from you, we will not treat the " +
        "inquiry as a complaint.\n\n" +
        "Kind regards\nThe central complaint unit",
    },
    redirect_guidance: {
      da:
        "Kære {{complainantName}}\n\n" +
        "Din klage (sag {{reference}}) handler om en afgørelse. Klageenheden er ikke klageinstans for " +
        "afgørelser, men du kan klage til {{appealsBody}}. Klagen sendes til den enhed, der har truffet " +
        "afgørelsen, som genvurderer den inden den sendes videre. Fristen fremgår af afgørelsens " +
        "klagevejledning.\n\n" +
        "Med venlig hilsen\nDen centrale Klageenhed",
      en:
        "Dear {{complainantName}}\n\n" +
        "Your complaint (case {{reference}}) concerns a decision. The complaint unit is not the appeal body " +
        "for decisions, but you can complain to {{appealsBody}}. Send the complaint to the unit that made " +
        "the decision, which reassesses it before passing it on. The time limit is stated in the " +
        "decision's guidance on how to complain.\n\n" +
        "Kind regards\nThe central complaint unit",
    },
  },
} satisfies z.input<typeof ProcedureDefinition>;
