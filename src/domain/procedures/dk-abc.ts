/**
 * dk-abc — the phone-first ABC method beside the traditional chain (seed 002, SPEC §5).
 * First contact by phone the same day or at the latest 2 days after (a non-working day rolls to the
 * next): A ask what the citizen wants, B gather the employee involved, C get back quickly; each step
 * is a task with a note (duty to take notes), and all three come before any reply. A complaint
 * resolved by phone counts as an informal resolution; otherwise the traditional chain applies: draft,
 * quality check by the head of department and then the director, reply within 4 weeks.
 */
import type { z } from "zod";
import type { ProcedureDefinition } from "../procedure.js";

export const dkAbc = {
  id: "dk-abc",
  name: "Styrket borgerkontakt ved klager (ABC-metoden)",
  publicName: {
    da: "Kommunens service og sagsbehandling i øvrigt",
    nb: "Kommunens service og saksbehandling ellers",
    en: "The municipality's service and case handling in general",
  },
  country: "DK",
  description:
    "Hurtig, personlig telefonisk kontakt til borgeren samme dag eller senest to dage efter modtagelsen " +
    "(A, B, C), med notatpligt. Ellers traditionel klagesagsbehandling med kvalitetssikring hos " +
    "fagchef og direktør.",
  deadlines: [
    { kind: "acknowledge", length: 3, unit: "calendar_days" },
    // "same day or at the latest two days after": 2 calendar days, a non-working day rolls to the next
    { kind: "firstContact", length: 2, unit: "calendar_days", nonWorkingDay: "next" },
    { kind: "reply", length: 4, unit: "weeks" },
  ],
  categories: [
    {
      code: "case_handling",
      name: { da: "Sagsbehandling", nb: "Saksbehandling", en: "Case handling" },
      handler: "unit_manager",
    },
    {
      code: "staff_conduct",
      name: { da: "Medarbejderes optræden", nb: "Ansattes opptreden", en: "Staff conduct" },
      handler: "nearest_manager_of_person",
      confidentiality: "personnel",
    },
    {
      code: "service_level",
      name: { da: "Serviceniveau", nb: "Servicenivå", en: "Service level" },
      handler: "unit_manager",
    },
    { code: "other", name: { da: "Andet", nb: "Annet", en: "Other" }, handler: "coordinator" },
  ],
  allowedSources: ["citizen", "representative", "citizens_advisor", "ombudsman", "political"],
  allowInformalResolution: true,
  tasks: [
    {
      key: "a_contact",
      title: {
        da: "A: Kontakt klageren direkte og mundtligt og afklar, hvad borgeren gerne vil",
        nb: "A: Kontakt klageren direkte og muntlig og avklar hva innbyggeren ønsker",
        en: "A: ask what the citizen wants",
      },
      noteRequired: true,
      requiredBeforeReply: true,
      // the first phone call is step A (seed 002)
      completedByContact: ["phone"],
    },
    {
      key: "b_gather",
      title: {
        da: "B: Saml den medarbejder, der har været involveret, og fortæl om borgerens oplevelse",
        nb: "B: Samle den involverte medarbeideren og fortelle om innbyggerens opplevelse",
        en: "B: gather the employee involved",
      },
      noteRequired: true,
      requiredBeforeReply: true,
    },
    {
      key: "c_get_back",
      title: {
        da: "C: Vend tilbage til klageren hurtigst muligt",
        nb: "C: Gå tilbake til klageren så raskt som mulig",
        en: "C: get back quickly",
      },
      noteRequired: true,
      requiredBeforeReply: true,
    },
  ],
  // quality check by the head of department (the department below the top), then the director (the top)
  approval: [
    {
      name: "head of department",
      role: "approver",
      fourEyes: true,
      approvers: { chain: "handling_unit", level: 1 },
    },
    { name: "director", role: "manager", fourEyes: true, approvers: { chain: "handling_unit", level: 0 } },
  ],
  rootCauses: ["communication", "processing_time", "guidance", "conduct", "service_level", "other"],
} satisfies z.input<typeof ProcedureDefinition>;
