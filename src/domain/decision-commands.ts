/**
 * Complaints about a decision (dk-employment): the reassessment, forwarding an upheld decision to
 * the appeals board, and recording the board's result.
 */
import { Temporal } from "temporal-polyfill";
import type { ComplaintCase } from "./case.js";
import { type CommandContext, type CommandResult, meetDeadline, replanDeadlines } from "./case-effects.js";
import { execute, letter, push, requireText, setStatus } from "./command-kit.js";
import { isPastDue, localDateOf } from "./deadline.js";
import { invalidInput, invalidState } from "./errors.js";
import type { AppealsResult, ReassessmentResult } from "./vocabulary.js";

export function decideReassessment(
  c0: ComplaintCase,
  input: { result: ReassessmentResult; body: string },
  ctx: CommandContext,
): CommandResult {
  return execute("decide-reassessment", c0, ctx, (c, fx) => {
    if (c.reassessment) throw invalidState("already_decided", "The reassessment is already decided.");
    const body = requireText(input.body, "body", "Give the grounds of the reassessment.");
    c.reassessment = { result: input.result, body, decidedAt: ctx.now, byId: ctx.actor.personId };
    fx.journal.push({ kind: "reassessment", title: `Reassessment: ${input.result}`, body });
    // A changed decision relaxes a fast-track limit (dk-employment): re-plan before marking it met.
    fx.journal.push(...replanDeadlines(c, ctx));
    // An upheld fast-track decision after its limit: the sweep held back (the outcome was open), so
    // the deviation is recorded now.
    const d = c.deadlines.find((x) => x.kind === "reassessment" && !x.metAt && !x.missedAt);
    if (d && isPastDue(d.dueDate, Temporal.Instant.from(ctx.now), ctx.calendar.timeZone)) {
      d.missedAt = ctx.now;
      if (!c.deviations.some((v) => v.deadlineKind === d.kind && v.dueDate === d.dueDate))
        c.deviations.push({ deadlineKind: d.kind, dueDate: d.dueDate, recordedAt: ctx.now });
      fx.journal.push({
        kind: "deviation",
        title: `Deadline missed: reassessment (due ${d.dueDate})`,
        body: `Recorded as a deviation. ${d.explanation}`,
      });
    }
    push(fx, meetDeadline(c, "reassessment", ctx.now, ctx.calendar.timeZone));
    if (input.result === "upheld") {
      c.outcome = "not_upheld";
    } else {
      c.outcome = input.result === "changed" ? "upheld" : "partly_upheld";
      setStatus(c, fx, "in_progress", ctx);
    }
  });
}

export function forwardToAppealsBoard(c0: ComplaintCase, ctx: CommandContext): CommandResult {
  return execute("forward-to-appeals-board", c0, ctx, (c, fx) => {
    const body = ctx.procedure.appealsBody;
    if (!body) throw invalidState("no_appeals_body", "This procedure forwards nothing to an appeals board.");
    if (c.reassessment?.result !== "upheld" && c.reassessment?.result !== "partly_changed") {
      throw invalidState(
        "reassessment_first",
        "Only a decision upheld (wholly or in part) on reassessment is forwarded.",
      );
    }
    c.appealsBoard = { forwardedAt: ctx.now, result: null, decidedAt: null };
    fx.letters.push({
      template: "forward_to_appeals_board",
      to: "appeals_board",
      fields: { appealsBody: body },
    });
    fx.journal.push({ kind: "letter_queued", title: `Forwarded to ${body}`, body: "" });
    letter(c, fx, "forwarded_notice", { appealsBody: body });
    setStatus(c, fx, "forwarded_to_appeals_board", ctx);
  });
}

export function recordAppealsDecision(
  c0: ComplaintCase,
  input: { result: AppealsResult; decidedAt: string },
  ctx: CommandContext,
): CommandResult {
  return execute("record-appeals-decision", c0, ctx, (c, fx) => {
    if (!c.appealsBoard)
      throw invalidState("not_forwarded", "The case was never forwarded to the appeals board.");
    if (c.appealsBoard.result)
      throw invalidState("already_decided", "The board's result is already recorded.");
    // the board has decided already: its decision cannot be dated after today (local date)
    if (input.decidedAt > localDateOf(ctx.now, ctx.calendar.timeZone).toString()) {
      throw invalidInput([{ path: "decidedAt", message: "The board's decision cannot be in the future." }]);
    }
    c.appealsBoard.result = input.result;
    c.appealsBoard.decidedAt = input.decidedAt;
    fx.journal.push({
      kind: "appeals_decision",
      title: `Appeals board: ${input.result} (${input.decidedAt})`,
      body: "",
    });
  });
}
