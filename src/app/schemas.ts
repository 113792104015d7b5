/**
 * Input schemas of the use cases. Every adapter (HTTP, CLI, jobs) validates with these, and the
 * OpenAPI document is generated from them, so the contract and the checks cannot drift apart.
 */
import { z } from "zod";
import { CaseStatus, CaseType, Channel, IsoDate, Outcome, Role, Source } from "../domain/vocabulary.js";
import { StatsGroupByParam } from "./stats-query.schema.js";

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();
const instant = z.iso.datetime({ offset: true });

export const ComplainantInput = z
  .object({
    name: optionalText(200),
    email: z.email().max(254).optional().nullable(),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()-]{5,30}$/, "Not a phone number.")
      .optional()
      .nullable(),
    address: optionalText(500),
    nationalId: z
      .string()
      .trim()
      .regex(/^\d{6}-?\d{4,5}$/, "A CPR number is 10 digits (DDMMYY-XXXX), a fødselsnummer 11.")
      .optional()
      .nullable(),
    anonymous: z.boolean().default(false),
  })
  .strict();

export const RepresentativeInput = z
  .object({
    name: text(200),
    email: z.email().max(254).optional().nullable(),
    phone: optionalText(30),
    address: optionalText(500),
    powerOfAttorneyReceived: z.boolean().default(false),
  })
  .strict();

export const DecisionInput = z
  .object({
    date: IsoDate.optional().nullable(),
    reference: optionalText(100),
    area: optionalText(100),
    fastTrack: z.boolean().default(false),
  })
  .strict();

/**
 * What a complainant may say of themselves on the public form and API (API.md, public intake);
 * the citizens' advisor, the ombudsman and politicians come in through staff registration only.
 */
export const PUBLIC_SOURCES = [
  "citizen",
  "representative",
  "employee",
  "participant",
  "partner",
  "customer",
] as const;
export const PublicSource = z.enum(PUBLIC_SOURCES, {
  error: `A complainant may say they are: ${PUBLIC_SOURCES.join(", ")}. Other sources are registered by staff.`,
});

export const SubmitComplaintBody = z
  .object({
    procedure: text(64),
    /** omitted: the procedure's first allowed source (a representative's when one is named) */
    source: PublicSource.optional().meta({
      description:
        "What the complainant says of themselves, among those the procedure allows. Omitted: a " +
        "representative's when one is named, else the procedure's first allowed source.",
    }),
    unit: optionalText(64),
    complainant: ComplainantInput.default({ anonymous: false }),
    representative: RepresentativeInput.optional().nullable(),
    subject: text(300),
    description: text(20_000),
    category: optionalText(64),
    decision: DecisionInput.optional().nullable(),
  })
  .strict();
export type SubmitComplaintBody = z.infer<typeof SubmitComplaintBody>;

export const RegisterCaseBody = SubmitComplaintBody.extend({
  receivedAt: instant.optional(),
  channel: Channel.default("phone"),
  /** any source, staff-only ones included; omitted: as for public intake */
  source: Source.optional(),
  type: CaseType.optional(),
  personComplainedAbout: optionalText(64),
  /** an inquiry the complainant must confirm as a formal complaint (dk-central-unit) */
  needsConfirmation: z.boolean().default(false),
}).strict();
export type RegisterCaseBody = z.infer<typeof RegisterCaseBody>;

/** The bodies of the case commands are in their registry entries: case-command.registry.ts. */

export const ListCasesQuery = z
  .object({
    status: CaseStatus.optional(),
    type: CaseType.optional(),
    procedure: z.string().max(64).optional(),
    unit: z.string().max(64).optional(),
    assignee: z.string().max(64).optional(),
    category: z.string().max(64).optional(),
    overdue: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    /** true: only cases still being worked on (not closed, withdrawn or "not a complaint") */
    open: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    dueBefore: IsoDate.optional(),
    /** received on or after / on or before this local date (the dashboard's drill-down) */
    receivedFrom: IsoDate.optional(),
    receivedTo: IsoDate.optional(),
    /** the reply's outcome; `open`: none yet (as the statistics' key) */
    outcome: z.enum([...Outcome.options, "open"]).optional(),
    channel: Channel.optional(),
    source: Source.optional(),
    /** true: the reply went; false: not yet (the statistics' open cases by age) */
    answered: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional(),
    /** cases whose legal validation is pending, or found lawful / with issues (seed 001-13) */
    legalReview: z.enum(["pending", "lawful", "issues"]).optional(),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(["due", "-received", "received"]).default("due"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
    /** csv or xlsx: every case of the filter as a file (decision 0023); limit and cursor do not apply */
    format: z.enum(["json", "csv", "xlsx"]).optional(),
  })
  .strict();
export type ListCasesQuery = z.infer<typeof ListCasesQuery>;

export const StatsQuery = z
  .object({
    from: IsoDate,
    to: IsoDate,
    groupBy: StatsGroupByParam,
    procedure: z.string().max(64).optional(),
    /** a unit's code or id: only the cases of that unit (the dashboard's filter) */
    unit: z.string().max(64).optional(),
    format: z.enum(["json", "csv", "xlsx"]).default("json"),
    baselineFrom: IsoDate.optional(),
    baselineTo: IsoDate.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.baselineFrom === undefined) !== (q.baselineTo === undefined)) {
      const path = q.baselineFrom === undefined ? "baselineFrom" : "baselineTo";
      const message = "A baseline needs both baselineFrom and baselineTo.";
      ctx.addIssue({ code: "custom", path: [path], message });
    }
  });
export type StatsQuery = z.infer<typeof StatsQuery>;

export const AddPersonInput = z
  .object({
    email: z.email().max(254),
    name: text(200),
    unit: text(64),
    roles: z.array(Role).min(1),
    password: z.string().min(12).max(200).optional(),
  })
  .strict();
export type AddPersonInput = z.infer<typeof AddPersonInput>;
