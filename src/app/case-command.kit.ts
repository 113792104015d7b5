/**
 * What the command registry's entries share: the entry's shape, the form fields, the roles, and the
 * preconditions that say whether a command can succeed now (for allowedCommands and the pages).
 */
import { z } from "zod";
import { approvalRefusal, expectedApproval, stageApprovers } from "../domain/approval.js";
import type { ComplaintCase } from "../domain/case.js";
import type { CommandContext, CommandResult } from "../domain/case-effects.js";
import type { Role } from "../domain/vocabulary.js";
import type { CaseInView } from "./case-access.js";
import type { Tx } from "./context.js";

export const text = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();
export const instant = z.iso.datetime({ offset: true });

/** One field of a command's form on the case page. */
export interface FormField {
  name: string;
  kind: "text" | "textarea" | "date" | "select" | "checkboxes";
  options?: readonly string[];
  /** the message key prefix of the options' labels */
  optionLabels?: string;
}

export interface RunInput<B> {
  tx: Tx;
  view: CaseInView;
  body: B;
  ctx: CommandContext;
}

export interface CaseCommand<S extends z.ZodType = z.ZodType> {
  body: S;
  summary: string;
  /** roles that may run it */
  roles: readonly Role[];
  /** a handler of the case may run it on their own case, whatever their roles */
  caseHandlers: boolean;
  /** the case page's form; null: API only */
  form: readonly FormField[] | null;
  /** beyond state and role: whether it can succeed now for this person (the procedure's preconditions) */
  possible?(c: ComplaintCase, ctx: CommandContext): boolean;
  run(input: RunInput<z.output<S>>): CommandResult | Promise<CommandResult>;
}

export const command = <S extends z.ZodType>(entry: CaseCommand<S>): CaseCommand<S> => entry;

export const WORK: Role[] = ["handler", "coordinator", "admin"];
export const INTAKE: Role[] = ["receiver", "coordinator", "admin"];
export const APPROVAL: Role[] = ["approver", "manager"];
export const empty = z.object({}).strict();
export const reasonForm: FormField[] = [{ name: "reason", kind: "textarea" }];

export const isHandler = (c: ComplaintCase, personId: string) =>
  c.handlers.some((h) => h.personId === personId);
export const coordinates = (c: ComplaintCase, ctx: CommandContext) =>
  c.coordinatorId === ctx.actor.personId || ctx.actor.roles.includes("coordinator");
export const openTasks = (c: ComplaintCase) => c.tasks.some((t) => !t.doneAt);
export const runningDeadlines = (c: ComplaintCase) =>
  c.deadlines.filter((d) => !d.metAt && d.kind !== "complaintWindow");
export const awaitsReassessment = (c: ComplaintCase, ctx: CommandContext) =>
  c.type === "decision" && !!ctx.procedure.appealsBody && !c.reassessment;
export const draftApproved = (c: ComplaintCase, ctx: CommandContext) =>
  !!c.draft && c.draft.approvals.length >= ctx.procedure.approval.length;

/** The person the current (or, all approved, the last) stage names. */
export function namedForStage(c: ComplaintCase, ctx: CommandContext, stageIndex: number): boolean {
  const stage = ctx.procedure.approval[stageIndex];
  if (!stage) return false;
  const named = ctx.directory ? stageApprovers(c, stage, ctx.directory) : null;
  return approvalRefusal(ctx.actor, stage, named) === null;
}

/** The waiting stage names this person (never the drafter nor an earlier stage's approver). */
export function mayApproveNow(c: ComplaintCase, ctx: CommandContext): boolean {
  if (!ctx.directory) return false;
  const expected = expectedApproval(c, ctx.procedure, ctx.directory);
  if (!expected) return false;
  const me = ctx.actor.personId;
  return expected.people
    ? expected.people.some((p) => p.id === me)
    : approvalRefusal(ctx.actor, expected.stage, null) === null &&
        !(expected.stage.fourEyes && c.draft?.drafterId === me) &&
        !c.draft?.approvals.some((a) => a.personId === me);
}
