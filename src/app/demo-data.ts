/**
 * The demo organisations of SPEC §9 as data: units, people and the people's roles. The cases live in
 * demo-cases-*.ts; the step helpers here keep them short. People are named by e-mail; the loader gives them ids, passwords and tokens.
 * Demo passwords exist only here: `demoPassword(email)`.
 */
import type { z } from "zod";
import type { CommandName } from "../domain/lifecycle.js";
import type { Locale } from "../domain/organisation.js";
import type { Country, Role } from "../domain/vocabulary.js";
import type { RegisterCaseBody } from "./schemas.js";

export interface DemoUnit {
  code: string;
  name: string;
  parent: string | null;
  /** e-mail of the unit's manager */
  manager?: string;
  /** category code → e-mail of the person who handles it (HandlerRule unit_routing_table) */
  routing?: Record<string, string>;
}

export interface DemoPerson {
  email: string;
  name: string;
  unit: string;
  roles: Role[];
}

export interface DemoOrganisation {
  key: "kommune" | "asvo";
  name: string;
  country: Country;
  timeZone: string;
  locale: Locale;
  units: DemoUnit[];
  people: DemoPerson[];
  /** ids of shipped procedures installed for this organisation */
  procedures: string[];
}

export const K = (local: string) => `${local}@kommune.example`;
export const A = (local: string) => `${local}@asvo.example`;

/** The demo password of a demo person: "demo-" + the e-mail's local part + "-2026". */
export function demoPassword(email: string): string {
  return `demo-${email.split("@")[0]}-2026`;
}

export const DEMO_KOMMUNE: DemoOrganisation = {
  key: "kommune",
  name: "Demo Kommune",
  country: "DK",
  timeZone: "Europe/Copenhagen",
  locale: "da",
  procedures: ["dk-school", "dk-central-unit", "dk-abc", "dk-employment"],
  units: [
    {
      code: "KOMMUNE",
      name: "Demo Kommune",
      parent: null,
      manager: K("leder"),
      // dk-central-unit: the central complaint unit handles day care, school and family complaints.
      routing: { day_care: K("behandler"), school: K("behandler"), family_services: K("behandler") },
    },
    {
      code: "SKOLE",
      name: "Skoleafdelingen",
      parent: "KOMMUNE",
      manager: K("skolechef"),
      // dk-school: complaints about the administration's conduct go to the complaint handler.
      routing: { administration_conduct: K("behandler") },
    },
    { code: "SKOLE-A", name: "Aaskolen", parent: "SKOLE", manager: K("skoleleder.a") },
    { code: "SKOLE-B", name: "Bakkeskolen", parent: "SKOLE", manager: K("skoleleder.b") },
    {
      code: "BESK",
      name: "Beskæftigelses- og Integrationsforvaltningen",
      parent: "KOMMUNE",
      manager: K("beskaeftigelseschef"),
    },
    { code: "JOBCENTER", name: "Center for Driftsunderstøttelse (jobcentre)", parent: "BESK" },
    { code: "YDELSE", name: "Ydelsesservice", parent: "BESK" },
    { code: "LEDSEK", name: "Ledelsessekretariatet", parent: "BESK", manager: K("sekretariat") },
    { code: "KLAGE", name: "Den centrale Klageenhed", parent: "KOMMUNE" },
  ],
  people: [
    { email: K("leder"), name: "Dorthe Direktør", unit: "KOMMUNE", roles: ["manager", "approver"] },
    { email: K("admin"), name: "Ahmad Administrator", unit: "KOMMUNE", roles: ["admin"] },
    { email: K("analytiker"), name: "Ida Analytiker", unit: "KOMMUNE", roles: ["analyst"] },
    { email: K("jura"), name: "Julie Jurist", unit: "KOMMUNE", roles: ["legal"] },
    { email: K("skolechef"), name: "Mads Skolechef", unit: "SKOLE", roles: ["manager", "approver"] },
    { email: K("modtager"), name: "Rikke Modtager", unit: "SKOLE", roles: ["receiver"] },
    { email: K("godkender"), name: "Anne Godkender", unit: "SKOLE", roles: ["approver"] },
    { email: K("skoleleder.a"), name: "Lise Skovgaard", unit: "SKOLE-A", roles: ["handler", "manager"] },
    { email: K("laerer.a"), name: "Tina Lærer", unit: "SKOLE-A", roles: [] },
    { email: K("skoleleder.b"), name: "Lars Bakke", unit: "SKOLE-B", roles: ["handler", "manager"] },
    { email: K("laerer.b"), name: "Tom Lærer", unit: "SKOLE-B", roles: [] },
    {
      email: K("beskaeftigelseschef"),
      name: "Bent Beskæftigelseschef",
      unit: "BESK",
      roles: ["manager", "approver"],
    },
    { email: K("sagsbehandler.job"), name: "Hanne Jobcenter", unit: "JOBCENTER", roles: ["handler"] },
    { email: K("sagsbehandler.ydelse"), name: "Henrik Ydelse", unit: "YDELSE", roles: ["handler"] },
    {
      email: K("sekretariat"),
      name: "Sofie Sekretariatschef",
      unit: "LEDSEK",
      roles: ["handler", "manager"],
    },
    { email: K("koordinator"), name: "Karl Koordinator", unit: "KLAGE", roles: ["coordinator"] },
    { email: K("behandler"), name: "Birgitte Behandler", unit: "KLAGE", roles: ["handler"] },
  ],
};

export const DEMO_ASVO: DemoOrganisation = {
  key: "asvo",
  name: "Demo ASVO",
  country: "NO",
  timeZone: "Europe/Oslo",
  locale: "nb",
  procedures: ["no-workplace"],
  units: [
    { code: "ASVO", name: "Demo ASVO", parent: null, manager: A("daglig.leder") },
    { code: "VERKSTED", name: "Verkstedet", parent: "ASVO", manager: A("verksted.leder") },
    { code: "KANTINE", name: "Kantina", parent: "ASVO", manager: A("kantine.leder") },
  ],
  people: [
    { email: A("daglig.leder"), name: "Dag Daglig Leder", unit: "ASVO", roles: ["manager", "approver"] },
    { email: A("mottaker"), name: "Mona Mottaker", unit: "ASVO", roles: ["receiver"] },
    { email: A("koordinator"), name: "Kari Koordinator", unit: "ASVO", roles: ["coordinator"] },
    { email: A("behandler"), name: "Bjørn Saksbehandler", unit: "ASVO", roles: ["handler"] },
    { email: A("godkjenner"), name: "Gro Godkjenner", unit: "ASVO", roles: ["approver"] },
    { email: A("jurist"), name: "Jon Jurist", unit: "ASVO", roles: ["legal"] },
    { email: A("analytiker"), name: "Anne Analytiker", unit: "ASVO", roles: ["analyst"] },
    { email: A("admin"), name: "Arne Administrator", unit: "ASVO", roles: ["admin"] },
    {
      email: A("verksted.leder"),
      name: "Vidar Verkstedleder",
      unit: "VERKSTED",
      roles: ["handler", "manager"],
    },
    { email: A("ansatt.verksted"), name: "Per Verkstedansatt", unit: "VERKSTED", roles: [] },
    { email: A("deltaker.verksted"), name: "Siri Deltaker", unit: "VERKSTED", roles: [] },
    {
      email: A("kantine.leder"),
      name: "Kjersti Kantineleder",
      unit: "KANTINE",
      roles: ["handler", "manager"],
    },
    { email: A("ansatt.kantine"), name: "Ola Kantineansatt", unit: "KANTINE", roles: [] },
  ],
};

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [DEMO_KOMMUNE, DEMO_ASVO];

export interface DemoStep {
  day: number;
  /** e-mail of the person who runs the command */
  as: string;
  command: CommandName;
  /**
   * The command's body. Person fields (assign's handlers and coordinator) are e-mails. Left out, the
   * loader fills record-contact's `at`, record-appeals-decision's `decidedAt`, notify-delay's
   * `newDueDate` and set-deadline's `dueDate` from the step's time and the running deadline.
   */
  body?: Record<string, unknown>;
}

export interface DemoCase {
  daysAgo: number;
  /** e-mail of the staff person who registers it; null: submitted by the complainant (web form) */
  registeredBy: string | null;
  /** as staff registration takes it, without receivedAt; personComplainedAbout is an e-mail */
  complaint: Omit<z.input<typeof RegisterCaseBody>, "receivedAt">;
  /** for decision complaints: how many days before receipt the decision was made */
  decisionDaysBeforeReceipt?: number;
  steps?: DemoStep[];
}

export const ack = (day: number, as: string): DemoStep => ({ day, as, command: "acknowledge" });
export const route = (day: number, as: string): DemoStep => ({ day, as, command: "assign", body: {} });
export const contact = (day: number, as: string, note: string, channel = "phone"): DemoStep => ({
  day,
  as,
  command: "record-contact",
  body: { channel, note },
});
export const draft = (day: number, as: string, body: string): DemoStep => ({
  day,
  as,
  command: "submit-draft",
  body: { body },
});
export const approve = (day: number, as: string): DemoStep => ({ day, as, command: "approve" });
export const reply = (
  day: number,
  as: string,
  outcome: string,
  measures?: string,
  rootCauses?: string[],
): DemoStep => ({
  day,
  as,
  command: "send-reply",
  body: { outcome, measures: measures || undefined, rootCauses },
});
export const close = (day: number, as: string): DemoStep => ({ day, as, command: "close" });
export const task = (day: number, as: string, name: string, note: string): DemoStep => ({
  day,
  as,
  command: "complete-task",
  body: { task: name, note },
});
