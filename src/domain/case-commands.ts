/**
 * The commands of API.md as pure functions: (case, input, context) → new case and its effects.
 * The caller copies nothing back on failure: each function works on a clone and throws before
 * anything is returned, so a refused command leaves the case exactly as it was.
 */
import { Temporal } from "temporal-polyfill";
import { approvalRefusal, stageApprovers } from "./approval.js";
import { askForApproval } from "./approval-requests.js";
import type { ComplaintCase } from "./case.js";
import {
  type CommandContext,
  type CommandResult,
  meetDeadline,
  replanDeadlines,
  settledByReply,
} from "./case-effects.js";
import { execute, letter, push, requireText, setStatus } from "./command-kit.js";
import { decisionReplyEffects, restAwaitsForwarding } from "./decision-commands.js";
import { forbidden, invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import { requestLegalReviewIfSampled } from "./legal-review.js";
import { assertRequiredTasksDone, completeTasksByContact } from "./task-commands.js";
import type { CaseType, ContactChannel, DeadlineKind, Outcome } from "./vocabulary.js";

const isHandler = (c: ComplaintCase, personId: string) => c.handlers.some((h) => h.personId === personId);
const isCaseCoordinator = (c: ComplaintCase, ctx: CommandContext) =>
  c.coordinatorId === ctx.actor.personId || ctx.actor.roles.includes("coordinator");
const approvalStages = (ctx: CommandContext) => ctx.procedure.approval;
const draftApproved = (c: ComplaintCase, ctx: CommandContext) =>
  !!c.draft && c.draft.approvals.length >= approvalStages(ctx).length;

export function confirmComplaint(c0: ComplaintCase, ctx: CommandContext): CommandResult {
  return execute("confirm-complaint", c0, ctx, (c, fx) => {
    fx.journal.push({ kind: "note", ...titled("confirmed"), body: "" });
    setStatus(c, fx, "received", ctx);
  });
}

export function markNotAComplaint(
  c0: ComplaintCase,
  input: { reason: string },
  ctx: CommandContext,
): CommandResult {
  return execute("mark-not-a-complaint", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "Say why this is not a complaint.");
    c.outcome = "not_a_complaint";
    fx.journal.push({ kind: "note", ...titled("not_a_complaint"), body: reason });
    setStatus(c, fx, "not_a_complaint", ctx);
  });
}

export function acknowledge(c0: ComplaintCase, ctx: CommandContext): CommandResult {
  return execute("acknowledge", c0, ctx, (c, fx) => {
    if (c.acknowledgedAt)
      throw invalidState("already_acknowledged", "The complaint is already acknowledged.");
    c.acknowledgedAt = ctx.now;
    letter(c, fx, "acknowledgement");
    push(fx, meetDeadline(c, "acknowledge", ctx.now, ctx.calendar.timeZone));
    fx.journal.push({ kind: "acknowledgement", ...titled("acknowledged"), body: "" });
    // Assigned before it was acknowledged (e.g. a personnel case routed at once): the state stays.
    if (c.status === "received") setStatus(c, fx, "acknowledged", ctx);
  });
}

export function classify(
  c0: ComplaintCase,
  input: { type: CaseType; category?: string | null },
  ctx: CommandContext,
): CommandResult {
  return execute("classify", c0, ctx, (c, fx) => {
    const category = input.category ?? c.category;
    const def = category ? ctx.procedure.categories.find((k) => k.code === category) : undefined;
    if (category && !def) {
      throw invalidInput([
        { path: "category", message: `"${category}" is not a category of ${ctx.procedure.id}.` },
      ]);
    }
    const before = `${c.type}/${c.category ?? "-"}`;
    c.type = input.type;
    c.category = category;
    if (def?.confidentiality === "personnel") c.confidentiality = "personnel";
    fx.journal.push({
      kind: "field_change",
      ...titled("classified"),
      body: `${before} → ${c.type}/${c.category ?? "-"}`,
    });
    fx.journal.push(...replanDeadlines(c, ctx));
    if (
      c.type === "decision" &&
      ctx.procedure.appealsBody &&
      ["assigned", "in_progress"].includes(c.status)
    ) {
      setStatus(c, fx, "in_reassessment", ctx);
    }
  });
}

export interface AssignInput {
  handlers: { personId: string; part: string }[];
  coordinatorId: string | null;
  /** plain-English lines of how routing chose, when it did */
  routing?: string[];
}

export function assign(c0: ComplaintCase, input: AssignInput, ctx: CommandContext): CommandResult {
  return execute("assign", c0, ctx, (c, fx) => {
    if (input.handlers.length === 0)
      throw invalidInput([{ path: "handlers", message: "Name at least one handler." }]);
    input.handlers.forEach((h, i) => {
      if (h.personId === c.personComplainedAboutId) {
        throw invalidInput([
          {
            path: `handlers.${i}.person`,
            message: "The person complained about cannot handle the complaint.",
          },
        ]);
      }
    });
    const ids = input.handlers.map((h) => h.personId);
    if (new Set(ids).size !== ids.length) {
      throw invalidInput([{ path: "handlers", message: "A person is named twice." }]);
    }
    if (input.handlers.length > 1 && !input.coordinatorId && !c.coordinatorId) {
      throw invalidInput([
        { path: "coordinator", message: "Several handlers need a coordinator for the combined reply." },
      ]);
    }
    c.handlers = input.handlers.map((h) => ({
      personId: h.personId,
      part: h.part,
      partReply: c.handlers.find((x) => x.personId === h.personId)?.partReply ?? null,
    }));
    if (input.coordinatorId) c.coordinatorId = input.coordinatorId;
    fx.journal.push({
      kind: "assignment",
      ...titled("assigned"),
      body: [
        ...input.handlers.map((h) => `${h.personId}: ${h.part}`),
        ...(input.routing ?? []).map((r) => `routing: ${r}`),
      ].join("\n"),
    });
    for (const h of input.handlers) {
      fx.notifications.push({
        personId: h.personId,
        kind: "assigned",
        message: `You handle ${c.reference}: ${h.part}`,
      });
    }
    const changed = c0.handlers.map((h) => h.personId).join() !== ids.join();
    if (changed && c.status !== "reopened") letter(c, fx, "handler_assigned");
    // seed 000: the handler (the school leader, maybe without an account) is told by letter too
    if (changed && ctx.procedure.templates.handler_notification) {
      for (const h of input.handlers.filter((x) => !c0.handlers.some((o) => o.personId === x.personId))) {
        fx.letters.push({
          template: "handler_notification",
          to: "handler",
          personId: h.personId,
          fields: {},
        });
        fx.journal.push({
          kind: "letter_queued",
          ...titled("letter", { template: "handler_notification" }),
          body: "",
        });
      }
    }
    push(fx, meetDeadline(c, "route", ctx.now, ctx.calendar.timeZone));
    const reassess = c.type === "decision" && !!ctx.procedure.appealsBody && !c.reassessment;
    setStatus(
      c,
      fx,
      reassess ? "in_reassessment" : c.status === "in_progress" ? "in_progress" : "assigned",
      ctx,
    );
  });
}

export function recordContact(
  c0: ComplaintCase,
  input: { channel: ContactChannel; at: string; note: string },
  ctx: CommandContext,
): CommandResult {
  return execute("record-contact", c0, ctx, (c, fx) => {
    // Duty to take notes (offentlighedsloven § 13): a contact without a note is refused.
    const note = requireText(input.note, "note", "A contact must have a note of what was said.");
    if (c.complainant.anonymous) {
      throw invalidState("anonymous", "The complainant is anonymous; there is no one to contact.");
    }
    // Compare instants, not strings: the time may come with any offset.
    const at = Temporal.Instant.from(input.at);
    if (Temporal.Instant.compare(at, Temporal.Instant.from(ctx.now)) > 0) {
      throw invalidInput([{ path: "at", message: "A contact cannot be in the future." }]);
    }
    const atIso = at.toString({ smallestUnit: "millisecond" });
    c.contacts.push({ channel: input.channel, at: atIso, byId: ctx.actor.personId });
    fx.journal.push({
      kind: "contact",
      ...titled("contact", { channel: input.channel, at: atIso }),
      body: note,
    });
    push(fx, meetDeadline(c, "firstContact", atIso, ctx.calendar.timeZone));
    completeTasksByContact(c, fx, input.channel, note, ctx);
    if (c.status === "assigned") setStatus(c, fx, "in_progress", ctx);
  });
}

export function addNote(
  c0: ComplaintCase,
  input: { title: string; body: string },
  ctx: CommandContext,
): CommandResult {
  return execute("add-note", c0, ctx, (_c, fx) => {
    const title = requireText(input.title, "title", "A note needs a title.");
    fx.journal.push({ kind: "note", title, body: input.body ?? "" });
  });
}

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

export function withdraw(c0: ComplaintCase, input: { reason: string }, ctx: CommandContext): CommandResult {
  return execute("withdraw", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "Say why the complaint is withdrawn.");
    c.outcome = "withdrawn";
    fx.journal.push({ kind: "note", ...titled("withdrawn"), body: reason });
    setStatus(c, fx, "withdrawn", ctx);
  });
}

export function close(c0: ComplaintCase, ctx: CommandContext): CommandResult {
  return execute("close", c0, ctx, (c, fx) => {
    if (!c.outcome) throw invalidState("outcome_required", "Closing requires an outcome.");
    if (c.reassessment?.result === "upheld" && !c.appealsBoard) {
      throw invalidState(
        "appeals_board_required",
        "An upheld decision must be forwarded to the appeals board first.",
      );
    }
    if (restAwaitsForwarding(c)) {
      throw invalidState(
        "appeals_board_required",
        "The part of the decision upheld must be forwarded to the appeals board first.",
      );
    }
    setStatus(c, fx, "closed", ctx);
  });
}

export function reopen(c0: ComplaintCase, input: { reason: string }, ctx: CommandContext): CommandResult {
  return execute("reopen", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "Say why the case is reopened.");
    fx.journal.push({ kind: "note", ...titled("reopened"), body: reason });
    fx.journal.push({
      kind: "note",
      ...titled("previous_reply"),
      body: `Outcome ${c.outcome ?? "-"}; draft ${c.draft ? "kept in the journal" : "none"}.`,
    });
    c.outcome = null;
    c.draft = null;
    c.closedAt = null;
    c.handlers = c.handlers.map((h) => ({ ...h, partReply: null }));
    // The new reply runs on the same case with new deadlines, counted from the follow-up message;
    // every other deadline keeps its original dates and record.
    const rerun = new Set<DeadlineKind>(["draft", "reply"]);
    c.deadlines = c.deadlines.filter((d) => !rerun.has(d.kind));
    fx.journal.push(...replanDeadlines(c, ctx, ctx.now, rerun));
    setStatus(c, fx, "reopened", ctx);
  });
}

export * from "./correct-command.js";
export * from "./deadline-commands.js";
export * from "./decision-commands.js";
export * from "./link-command.js";
export * from "./task-commands.js";
