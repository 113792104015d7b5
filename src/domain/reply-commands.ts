/**
 * The reply's commands as pure functions, in the shape of case-commands.ts: the handlers' draft
 * (or their parts of a combined one), the procedure's approval stages of it, the reply sent, and
 * a merged case answered with its lead's reply.
 */
import { approvalRefusal, stageApprovers } from "./approval.js";
import { askForApproval } from "./approval-requests.js";
import type { ComplaintCase } from "./case.js";
import { type CommandContext, type CommandResult, meetDeadline, settledByReply } from "./case-effects.js";
import { execute, letter, push, requireText, setStatus } from "./command-kit.js";
import { decisionReplyEffects } from "./decision-commands.js";
import { forbidden, invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import { requestLegalReviewIfSampled } from "./legal-review.js";
import { assertRequiredTasksDone } from "./task-commands.js";
import type { Outcome } from "./vocabulary.js";

const isHandler = (c: ComplaintCase, personId: string) => c.handlers.some((h) => h.personId === personId);
const isCaseCoordinator = (c: ComplaintCase, ctx: CommandContext) =>
  c.coordinatorId === ctx.actor.personId || ctx.actor.roles.includes("coordinator");
const approvalStages = (ctx: CommandContext) => ctx.procedure.approval;
const draftApproved = (c: ComplaintCase, ctx: CommandContext) =>
  !!c.draft && c.draft.approvals.length >= approvalStages(ctx).length;

export function submitDraft(c0: ComplaintCase, input: { body: string }, ctx: CommandContext): CommandResult {
  return execute("submit-draft", c0, ctx, (c, fx) => {
    const body = requireText(input.body, "body", "The draft is empty.");
    assertRequiredTasksDone(c, ctx);
    const me = ctx.actor.personId;
    if (c.type === "decision" && ctx.procedure.appealsBody && !c.reassessment) {
      throw invalidState("reassessment_first", "Reassess the decision before drafting the reply.");
    }
    if (c.handlers.length > 1 && isHandler(c, me) && c.coordinatorId !== me) {
      // One handler's part of a combined reply: journalised; the coordinator combines.
      const h = c.handlers.find((x) => x.personId === me)!;
      h.partReply = { body, at: ctx.now };
      fx.journal.push({ kind: "draft_part", ...titled("draft_part", { part: h.part }), body });
      if (c.coordinatorId) {
        fx.notifications.push({
          personId: c.coordinatorId,
          kind: "part_ready",
          message: `${c.reference}: a part is ready`,
        });
      }
      if (c.status !== "in_progress") setStatus(c, fx, "in_progress", ctx);
      return;
    }
    const combined = c.handlers.length > 1;
    if (combined) {
      if (!isCaseCoordinator(c, ctx)) throw forbidden("Only the coordinator submits the combined reply.");
      const missing = c.handlers.filter((h) => !h.partReply).map((h) => h.part);
      if (missing.length > 0) {
        throw invalidState("parts_missing", `Parts still missing from handlers: ${missing.join(", ")}.`);
      }
    } else if (!isHandler(c, me) && !isCaseCoordinator(c, ctx)) {
      throw forbidden("Only a handler of the case or its coordinator submits a draft.");
    }
    c.draft = { body, drafterId: me, submittedAt: ctx.now, combined, approvals: [] };
    fx.journal.push({ kind: "draft", ...titled(combined ? "combined_draft" : "draft"), body });
    push(fx, meetDeadline(c, "draft", ctx.now, ctx.calendar.timeZone));
    if (approvalStages(ctx).length > 0) {
      setStatus(c, fx, "awaiting_approval", ctx);
      askForApproval(c, fx, ctx);
    } else setStatus(c, fx, "in_progress", ctx);
  });
}

export function approve(c0: ComplaintCase, ctx: CommandContext): CommandResult {
  return execute("approve", c0, ctx, (c, fx) => {
    const draft = c.draft;
    const stage = draft ? approvalStages(ctx)[draft.approvals.length] : undefined;
    if (!draft || !stage) throw invalidState("nothing_to_approve", "There is no draft waiting for approval.");
    if (stage.fourEyes && draft.drafterId === ctx.actor.personId) {
      throw invalidState("four_eyes", "The drafter cannot approve their own draft.");
    }
    if (draft.approvals.some((a) => a.personId === ctx.actor.personId)) {
      throw invalidState("four_eyes", "The same person cannot approve two stages.");
    }
    const named = ctx.directory ? stageApprovers(c, stage, ctx.directory) : null;
    const refusal = approvalRefusal(ctx.actor, stage, named);
    if (refusal) throw forbidden(refusal);
    draft.approvals.push({ personId: ctx.actor.personId, stage: stage.name, at: ctx.now });
    c.approverId = ctx.actor.personId;
    fx.journal.push({ kind: "approval", ...titled("approved", { stage: stage.name }), body: "" });
    askForApproval(c, fx, ctx); // the next stage, if any
  });
}

export function returnDraft(
  c0: ComplaintCase,
  input: { reason: string },
  ctx: CommandContext,
): CommandResult {
  return execute("return-draft", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "Say what must change.");
    // The next stage's approvers return; once all approved, only the last stage's may take it back.
    const stages = approvalStages(ctx);
    const stage = stages[Math.min(c.draft?.approvals.length ?? 0, stages.length - 1)];
    if (stage) {
      const named = ctx.directory ? stageApprovers(c, stage, ctx.directory) : null;
      const refusal = approvalRefusal(ctx.actor, stage, named);
      if (refusal) throw forbidden(refusal);
    }
    if (c.draft) c.draft.approvals = [];
    c.lastReturnReason = reason;
    fx.journal.push({ kind: "approval", ...titled("returned"), body: reason });
    if (c.draft) fx.notifications.push({ personId: c.draft.drafterId, kind: "returned", message: reason });
    setStatus(c, fx, "in_progress", ctx);
  });
}

export interface SendReplyInput {
  outcome: Outcome;
  measures?: string | null;
  rootCauses?: string[];
  resolution?: "formal" | "informal";
}

export function sendReply(c0: ComplaintCase, input: SendReplyInput, ctx: CommandContext): CommandResult {
  return execute("send-reply", c0, ctx, (c, fx) => {
    const informal = input.resolution === "informal";
    const unknown = (input.rootCauses ?? []).filter((r) => !ctx.procedure.rootCauses.includes(r));
    if (unknown.length)
      throw invalidInput([{ path: "rootCauses", message: `Unknown root causes: ${unknown.join(", ")}` }]);
    if (input.outcome === "withdrawn" || input.outcome === "not_a_complaint") {
      throw invalidInput([{ path: "outcome", message: "Use the withdraw or mark-not-a-complaint command." }]);
    }
    assertRequiredTasksDone(c, ctx);
    if (input.outcome === "redirected") {
      // Redirecting (e.g. to an appeal body) is guidance; where the procedure approves its replies,
      // the guidance is a reply like any other: drafted and approved first (issue 7, point 10).
      if (approvalStages(ctx).length > 0) {
        if (!c.draft) throw invalidState("draft_required", "There is no draft reply.");
        if (!draftApproved(c, ctx))
          throw invalidState("approval_required", "The reply needs the procedure's approval first.");
      }
    } else if (informal) {
      if (!ctx.procedure.allowInformalResolution) {
        throw invalidState("informal_not_allowed", "This procedure has no informal resolution.");
      }
      if (c.contacts.length === 0) throw invalidState("contact_required", "Record the phone contact first.");
    } else {
      if (
        c.type === "decision" &&
        ctx.procedure.appealsBody &&
        c.reassessment?.result !== "changed" &&
        c.reassessment?.result !== "partly_changed"
      ) {
        throw invalidState("reassessment_first", "A decision complaint is answered after its reassessment.");
      }
      if (!c.draft) throw invalidState("draft_required", "There is no draft reply.");
      if (!draftApproved(c, ctx))
        throw invalidState("approval_required", "The reply needs the procedure's approval first.");
      if (c.handlers.length > 1 && !isCaseCoordinator(c, ctx)) {
        throw forbidden("A case with several handlers is answered once, by the coordinator.");
      }
    }
    c.outcome = input.outcome;
    c.measures = input.measures ?? c.measures;
    c.rootCauses = input.rootCauses ?? c.rootCauses;
    c.resolution = informal ? "informal" : "formal";
    c.signatoryId = ctx.actor.personId;
    fx.journal.push({
      kind: "reply",
      ...titled("reply", { outcome: input.outcome, informal }),
      body: [c.draft?.body ?? "", c.measures ? `Measures: ${c.measures}` : ""].filter(Boolean).join("\n\n"),
    });
    decisionReplyEffects(c, input.outcome, fx, ctx);
    requestLegalReviewIfSampled(c, input.outcome, fx, ctx);
    if (!informal) letter(c, fx, "reply", { body: c.draft?.body ?? "", outcome: input.outcome });
    if (c.source === "citizens_advisor" && ctx.procedure.copyReplyToCitizensAdvisor) {
      fx.letters.push({
        template: "copy_to_citizens_advisor",
        to: "citizens_advisor",
        fields: { body: c.draft?.body ?? "" },
      });
      fx.journal.push({
        kind: "letter_queued",
        ...titled("copy_to_advisor"),
        body: "",
      });
    }
    push(fx, meetDeadline(c, "draft", ctx.now, ctx.calendar.timeZone));
    push(fx, meetDeadline(c, "reply", ctx.now, ctx.calendar.timeZone));
    for (const line of settledByReply(c, ctx.now, ctx.calendar.timeZone)) push(fx, line);
    setStatus(c, fx, "answered", ctx);
  });
}

/**
 * A case merged into a lead case is answered when the lead is (linked cases are answered once):
 * its complainant gets the lead's reply, and its own journal records which case answered it.
 */
export function answerWithLead(
  c0: ComplaintCase,
  lead: Pick<ComplaintCase, "reference" | "outcome" | "measures" | "rootCauses" | "draft">,
  ctx: CommandContext,
): CommandResult {
  return execute("send-reply", c0, ctx, (c, fx) => {
    c.outcome = lead.outcome;
    c.measures = lead.measures;
    c.rootCauses = [...lead.rootCauses];
    c.resolution = "formal";
    fx.journal.push({
      kind: "reply",
      ...titled("answered_with_lead", { reference: lead.reference, outcome: lead.outcome }),
      body: lead.draft?.body ?? "",
    });
    letter(c, fx, "reply", { body: lead.draft?.body ?? "", outcome: lead.outcome ?? "" });
    push(fx, meetDeadline(c, "draft", ctx.now, ctx.calendar.timeZone));
    push(fx, meetDeadline(c, "reply", ctx.now, ctx.calendar.timeZone));
    for (const line of settledByReply(c, ctx.now, ctx.calendar.timeZone)) push(fx, line);
    setStatus(c, fx, "answered", ctx);
  });
}
