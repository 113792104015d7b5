/**
 * dk-employment — an employment and integration administration (seed 004, SPEC §5).
 * Decision complaints (realitetsklager) are reassessed within 4 weeks, 5 working days for the
 * fast-track kinds while the decision is upheld; upheld decisions go to Ankestyrelsen. Process
 * complaints (formalitetsklager) are answered within 4 weeks, 3 when the citizens' advisor forwarded
 * them. Routed by topic to the job-centre unit or the benefits unit; complaints to the mayor, the
 * directorate or the committee are screened first by the management secretariat.
 *
 * Deadline rules are ordered: for each kind, the first rule whose condition holds applies.
 *
 * Merge fields: {{complainantName}}, {{reference}}, {{reason}}, {{newDueDate}}.
 */
import type { z } from "zod";
import type { ProcedureDefinition } from "../procedure.js";

export const dkEmployment = {
  id: "dk-employment",
  name: "Klagesager i Beskæftigelses- og Integrationsforvaltningen",
  publicName: {
    da: "Jobcenter og ydelser (Beskæftigelses- og Integrationsforvaltningen)",
    nb: "Jobbsenter og ytelser (arbeids- og integreringsforvaltningen)",
    en: "Job centre and benefits (employment and integration administration)",
  },
  country: "DK",
  description:
    "Realitetsklager genvurderes inden 4 uger (5 arbejdsdage for visse klager, når afgørelsen " +
    "fastholdes); fastholdte afgørelser sendes til Ankestyrelsen. Formalitetsklager besvares inden 4 " +
    "uger, 3 uger når Borgerrådgiveren er inddraget. Klager over jobcentre behandles af Center for " +
    "Driftsunderstøttelse, klager over forsørgelsesydelser af Ydelsesservice.",
  deadlines: [
    { kind: "reply", length: 3, unit: "weeks", when: { type: ["process"], source: ["citizens_advisor"] } },
    { kind: "reply", length: 4, unit: "weeks", when: { type: ["process", "unclassified"] } },
    {
      kind: "reassessment",
      length: 5,
      unit: "working_days",
      when: { type: ["decision"], fastTrack: true, reassessmentChanged: false },
    },
    { kind: "reassessment", length: 4, unit: "weeks", when: { type: ["decision"] } },
    { kind: "complaintWindow", length: 4, unit: "weeks", from: "decision", when: { type: ["decision"] } },
    // seed 004 has no acknowledgement step, so no acknowledgement deadline (decision 0008)
  ],
  categories: [
    {
      code: "job_centre",
      name: { da: "Jobcenter", nb: "Jobbsenter", en: "Job centre" },
      handler: "topic_unit",
    },
    {
      code: "benefits",
      name: { da: "Forsørgelsesydelser", nb: "Ytelser", en: "Benefits" },
      handler: "topic_unit",
    },
    { code: "other", name: { da: "Andet", nb: "Annet", en: "Other" }, handler: "coordinator" },
  ],
  allowedSources: ["citizen", "representative", "citizens_advisor", "ombudsman", "political"],
  appealsBody: "Ankestyrelsen",
  complaintWindow: { length: 4, unit: "weeks" },
  topicUnits: { job_centre: "JOBCENTER", benefits: "YDELSE" },
  screening: { sources: ["political"], unitCode: "LEDSEK" },
  copyReplyToCitizensAdvisor: true,
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
    "processing_time",
    "missing_reply",
    "status_information",
    "guidance",
    "staff_conduct",
    "service_level",
    "error_in_decision",
    "other",
  ],
  templates: {
    delay_notice: {
      da:
        "Kære {{complainantName}}\n\n" +
        "Vi kan ikke nå at behandle din klage (sag {{reference}}) inden for fristen, fordi {{reason}}. " +
        "Vi forventer at være færdige senest {{newDueDate}}.\n\nMed venlig hilsen",
      en:
        "Dear {{complainantName}}\n\n" +
        "We cannot finish handling your complaint (case {{reference}}) within the time limit because " +
        "{{reason}}. We expect to be finished by {{newDueDate}}.\n\nKind regards",
    },
  },
} satisfies z.input<typeof ProcedureDefinition>;
