/**
 * A procedure is data: a validated definition that an authority can adjust without code.
 * Every change is a new version; a case keeps the version it was registered under (SPEC §5).
 */
import { z } from "zod";
import {
  CaseType,
  Channel,
  ContactChannel,
  DeadlineKind,
  DeadlineUnit,
  Outcome,
  Role,
  Source,
} from "./vocabulary.js";

/** When a rule applies; every listed condition must hold. An empty condition always holds. */
export const RuleCondition = z
  .object({
    type: z.array(CaseType).min(1).optional(),
    source: z.array(Source).min(1).optional(),
    fastTrack: z.boolean().optional(),
    /** the reassessment changed the decision (dk-employment relaxes the fast-track limit then) */
    reassessmentChanged: z.boolean().optional(),
    /** the channel the complaint came by (no-workplace: a task only for written complaints) */
    channel: z.array(Channel).min(1).optional(),
  })
  .strict();
export type RuleCondition = z.infer<typeof RuleCondition>;

export const DeadlineRule = z
  .object({
    kind: DeadlineKind,
    length: z.number().int().positive().max(3650),
    unit: DeadlineUnit,
    /** what happens when the computed date is not a working day */
    nonWorkingDay: z.enum(["next", "keep"]).default("next"),
    /** day 0: the receipt of the complaint, or the date of the decision complained of */
    from: z.enum(["received", "decision"]).default("received"),
    when: RuleCondition.default({}),
  })
  .strict();
export type DeadlineRule = z.infer<typeof DeadlineRule>;

/** How the handler of a category is found (SPEC §5, routing). */
export const HandlerRule = z.enum([
  /** the manager of the unit complained about (dk-school: the school leader) */
  "unit_manager",
  /** the nearest manager of the person complained about; makes the case a personnel case */
  "nearest_manager_of_person",
  /** the unit's routing table (unit.routing[category]), else the coordinator */
  "unit_routing_table",
  /** the unit that handles the topic (procedure.topicUnits), its manager or first handler */
  "topic_unit",
  /** always the coordinator */
  "coordinator",
]);
export type HandlerRule = z.infer<typeof HandlerRule>;

export const Category = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    name: z
      .object({ da: z.string(), nb: z.string(), en: z.string() })
      .partial()
      .refine((n) => !!(n.da || n.nb || n.en)),
    handler: HandlerRule,
    confidentiality: z.enum(["normal", "personnel"]).default("normal"),
    type: CaseType.optional(),
  })
  .strict();
export type Category = z.infer<typeof Category>;

export const ApprovalStage = z
  .object({
    /** a label shown to people, e.g. "head of department", "director" */
    name: z.string().min(1),
    /** who may approve at this stage when no `approvers` rule names them (the whole organisation) */
    role: Role,
    /** the approver must be someone other than the drafter */
    fourEyes: z.boolean().default(true),
    /**
     * Who the stage names: a person with the role approver or manager (or the unit's manager) in the
     * chain of units from the unit handling the case up to the top. With `level` only the unit at that
     * depth of the chain (0 = the top unit, 1 = the department below it), or the nearest one above it
     * with such a person. See decision 0003.
     */
    approvers: z
      .object({ chain: z.literal("handling_unit"), level: z.number().int().min(0).max(20).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type ApprovalStage = z.infer<typeof ApprovalStage>;

export const TaskDefinition = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_]*$/),
    title: z.object({ da: z.string(), nb: z.string(), en: z.string() }).partial(),
    /** completing the task needs a note (duty to take notes) */
    noteRequired: z.boolean().default(true),
    when: RuleCondition.default({}),
    /** the draft and the reply wait until the task is done or waived with a reason */
    requiredBeforeReply: z.boolean().default(false),
    /** recording a contact by one of these channels completes the task (dk-abc A: the first call) */
    completedByContact: z.array(ContactChannel).default([]),
  })
  .strict();
export type TaskDefinition = z.infer<typeof TaskDefinition>;

export const TemplateText = z.object({ da: z.string(), nb: z.string(), en: z.string() }).partial();

/** Where a citizen complains about a decision of one area, and how (a redirect's guidance, seed 001-9). */
export const AppealBody = z
  .object({
    name: TemplateText.refine((n) => !!(n.da || n.nb || n.en), "Name the appeal body."),
    /** how to complain there, e.g. "send the complaint to the unit that decided; it reassesses first" */
    how: TemplateText,
    /** the time limit in words, e.g. "4 uger efter, at du fik afgørelsen" */
    timeLimit: TemplateText.optional(),
  })
  .strict();
export type AppealBody = z.infer<typeof AppealBody>;

/** A legal reviewer validates a sample of answered cases (dk-central-unit, seed 001-13; decision 0003). */
export const LegalReviewSetting = z
  .object({
    /** every case whose reference number is a multiple of this is sampled (deterministic) */
    sampleEvery: z.number().int().min(1).max(1000).optional(),
    /** every case answered with one of these outcomes is sampled */
    always: z.array(Outcome).default([]),
  })
  .strict();
export type LegalReviewSetting = z.infer<typeof LegalReviewSetting>;

export const ProcedureDefinition = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: z.string().min(1),
    /**
     * What the procedure takes complaints about, as citizens would say it (the authority's area
     * and topic), for the public pages; the internal `name` (e.g. "ABC-metoden") stays for staff.
     */
    publicName: TemplateText.optional(),
    country: z.enum(["DK", "NO"]),
    description: z.string().default(""),
    deadlines: z.array(DeadlineRule).min(1),
    categories: z.array(Category).default([]),
    /** the type when a complaint arrives without one */
    defaultType: CaseType.default("unclassified"),
    allowAnonymous: z.boolean().default(false),
    allowedSources: z.array(Source).min(1),
    /** approval stages in order; empty means no approval is required */
    approval: z.array(ApprovalStage).default([]),
    /** inquiries registered by staff wait for the complainant to confirm a formal complaint */
    confirmFormalComplaint: z.boolean().default(false),
    /** decision complaints are redirected with guidance instead of reassessed here */
    redirectDecisionComplaints: z.boolean().default(false),
    /**
     * Redirected decision complaints: the appeal body per decision area (the case's decision.area,
     * matched without case; a key found inside the area also matches), "default" for any other area.
     */
    appealBodies: z.record(z.string(), AppealBody).default({}),
    /** a legal reviewer is asked to validate a sample of answered cases */
    legalReview: LegalReviewSetting.optional(),
    /** decision complaints are reassessed and, when upheld, forwarded to this appeals body */
    appealsBody: z.string().optional(),
    /** the citizen's window for complaining about a decision, used to flag late complaints */
    complaintWindow: z.object({ length: z.number().int().positive(), unit: DeadlineUnit }).optional(),
    /** resolved by phone counts as an informal resolution (ABC) */
    allowInformalResolution: z.boolean().default(false),
    tasks: z.array(TaskDefinition).default([]),
    /** topics routed to units by unit code (dk-employment) */
    topicUnits: z.record(z.string(), z.string()).default({}),
    /** sources that are screened first by the unit with this code (complaints to the mayor) */
    screening: z.object({ sources: z.array(Source).min(1), unitCode: z.string() }).optional(),
    /** open cases about the same matter are proposed for linking on the case page (dk-central-unit) */
    proposeLinks: z.boolean().default(false),
    /** route to the nearest superior of the complainant (no-workplace) */
    routeToComplainantsSuperior: z.boolean().default(false),
    /** who sees its normal cases: every case role, or need to know (decision 0007) */
    visibility: z.enum(["organisation", "need_to_know"]).default("need_to_know"),
    /** every complaint starts restricted, like a personnel case (no-workplace, seed 003) */
    confidentialByDefault: z.boolean().default(false),
    /** roles notified of every new complaint (no-workplace: the general manager) */
    notifyOnEveryComplaint: z.array(z.enum(["general_manager", "coordinator"])).default([]),
    /** send a copy of the reply to the citizens' advisor when they forwarded the complaint */
    copyReplyToCitizensAdvisor: z.boolean().default(false),
    rootCauses: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).default([]),
    templates: z.record(z.string(), TemplateText).default({}),
  })
  .strict();
export type ProcedureDefinition = z.infer<typeof ProcedureDefinition>;

/** A procedure as a case sees it: the definition with its version. */
export interface ProcedureVersion {
  id: string;
  version: number;
  organisationId: string;
  definition: ProcedureDefinition;
}
