/**
 * The words of the domain (SPEC §2–4) as closed sets. Zod schemas live here so that
 * every boundary (HTTP, CLI, procedure files) validates against the same lists.
 */
import { z } from "zod";

export const CASE_STATUSES = [
  "pending_confirmation",
  "received",
  "acknowledged",
  "assigned",
  "in_progress",
  "awaiting_approval",
  "answered",
  "closed",
  "in_reassessment",
  "forwarded_to_appeals_board",
  "withdrawn",
  "not_a_complaint",
  "reopened",
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** States from which no further work happens (until a reopen). */
export const END_STATUSES: readonly CaseStatus[] = ["closed", "withdrawn", "not_a_complaint"];

export const Channel = z.enum(["web", "email", "phone", "in_person", "letter", "digital_post", "api"]);
export type Channel = z.infer<typeof Channel>;

export const Source = z.enum([
  "citizen",
  "representative",
  "citizens_advisor",
  "ombudsman",
  "political",
  "employee",
  "participant",
  "partner",
  "customer",
]);
export type Source = z.infer<typeof Source>;

export const CaseType = z.enum(["process", "decision", "unclassified"]);
export type CaseType = z.infer<typeof CaseType>;

export const Confidentiality = z.enum(["normal", "personnel"]);
export type Confidentiality = z.infer<typeof Confidentiality>;

export const Outcome = z.enum([
  "upheld",
  "partly_upheld",
  "not_upheld",
  "withdrawn",
  "not_a_complaint",
  "redirected",
]);
export type Outcome = z.infer<typeof Outcome>;

export const ReassessmentResult = z.enum(["changed", "partly_changed", "upheld"]);
export type ReassessmentResult = z.infer<typeof ReassessmentResult>;

export const AppealsResult = z.enum(["upheld", "changed", "annulled", "remitted", "dismissed"]);
export type AppealsResult = z.infer<typeof AppealsResult>;

export const DeadlineKind = z.enum([
  "acknowledge",
  "route",
  "firstContact",
  "draft",
  "reply",
  "reassessment",
  "complaintWindow",
]);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const DeadlineUnit = z.enum(["calendar_days", "weeks", "months", "working_days"]);
export type DeadlineUnit = z.infer<typeof DeadlineUnit>;

export const Role = z.enum([
  "receiver",
  "coordinator",
  "handler",
  "approver",
  "legal",
  "manager",
  "analyst",
  "admin",
]);
export type Role = z.infer<typeof Role>;

export const Country = z.enum(["DK", "NO"]);
export type Country = z.infer<typeof Country>;

export const ContactChannel = z.enum(["phone", "meeting", "email"]);
export type ContactChannel = z.infer<typeof ContactChannel>;

/** A local calendar date, YYYY-MM-DD, in the organisation's time zone. */
export const IsoDate = z.iso.date();
