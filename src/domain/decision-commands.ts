/**
 * Complaints about a decision (dk-employment): the reassessment, forwarding an upheld decision to
 * the appeals board, and recording the board's result. A partly changed decision goes both ways:
 * the new decision to the citizen (the reply), then the rest to the appeals board (seed 004-28).
 * A redirected decision complaint (dk-central-unit) names the appeal body of its area (seed 001-9).
 */
import { Temporal } from "temporal-polyfill";
import type { AppealRoute, ComplaintCase } from "./case.js";
import {
  type CommandContext,
  type CommandResult,
  type Effects,
  meetDeadline,
  replanDeadlines,
} from "./case-effects.js";
import { execute, letter, push, requireText, setStatus } from "./command-kit.js";
import { isPastDue, localDateOf } from "./deadline.js";
import { invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import type { ProcedureDefinition } from "./procedure.js";
import type { AppealsResult, Outcome, ReassessmentResult } from "./vocabulary.js";

/** A partly changed decision whose new decision is sent but whose rest is not yet forwarded. */
export const restAwaitsForwarding = (c: ComplaintCase): boolean =>
  c.reassessment?.result === "partly_changed" && !c.appealsBoard;

/**
 * The appeal body for a decision area: the key equal to the area (without case), else a key found
 * inside it ("Specialundervisning, 5. klasse" → "specialundervisning"), else "default".
 */
export function appealBodyFor(
  area: string | null | undefined,
  procedure: Pick<ProcedureDefinition, "appealBodies">,
): AppealRoute | null {
  const bodies = procedure.appealBodies ?? {};
  const wanted = (area ?? "").trim().toLowerCase();
  const keys = Object.keys(bodies).filter((k) => k !== "default");
  const key =
    (wanted && keys.find((k) => k.toLowerCase() === wanted)) ||
    (wanted && keys.find((k) => wanted.includes(k.toLowerCase()))) ||
    (bodies.default ? "default" : null);
  const b = key ? bodies[key] : undefined;
  if (!key || !b) return null;
  return { area: key === "default" ? null : key, name: b.name, how: b.how, timeLimit: b.timeLimit ?? null };
}

/**
 * What a reply does to a decision complaint beyond answering it (called by sendReply before the
 * letter): a redirect records the appeal body the citizen is guided to; a partly changed decision's
 * reply says the rest is still to be forwarded.
 */
export function decisionReplyEffects(
  c: ComplaintCase,
  outcome: Outcome,
  fx: Effects,
  ctx: CommandContext,
): void {
  if (outcome === "redirected" && c.type === "decision" && ctx.procedure.redirectDecisionComplaints) {
    const route = appealBodyFor(c.decision?.area, ctx.procedure);
    if (route) {
      c.appealRoute = route;
      const name = route.name.da ?? route.name.nb ?? route.name.en ?? "";
      fx.journal.push({
        kind: "note",
        ...titled("guided_to_appeal_body", { body: name, names: route.name }),
        body: [
          `Decision area: ${c.decision?.area ?? "-"} (${route.area ? `setting "${route.area}"` : "the default"}).`,
          route.how.da ?? route.how.nb ?? route.how.en ?? "",
        ]
          .filter(Boolean)
          .join("\n"),
      });
    }
  }
  if (restAwaitsForwarding(c) && ctx.procedure.appealsBody) {
    fx.journal.push({
      kind: "note",
      ...titled("new_decision_rest", { body: ctx.procedure.appealsBody }),
      body: "The part of the decision changed on reassessment is answered by this reply; the part upheld is forwarded next.",
    });
  }
}

export function decideReassessment(
  c0: ComplaintCase,
  input: { result: ReassessmentResult; body: string },
  ctx: CommandContext,
): CommandResult {
  return execute("decide-reassessment", c0, ctx, (c, fx) => {
    if (c.reassessment) throw invalidState("already_decided", "The reassessment is already decided.");
    const body = requireText(input.body, "body", "Give the grounds of the reassessment.");
    c.reassessment = { result: input.result, body, decidedAt: ctx.now, byId: ctx.actor.personId };
    fx.journal.push({ kind: "reassessment", ...titled("reassessment", { result: input.result }), body });
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
        ...titled("deadline_missed", {
          kind: "reassessment",
          dueDate: d.dueDate,
          reckoning: d.reckoning ?? null,
        }),
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
    const rest = c.reassessment.result === "partly_changed";
    // the citizen gets the new decision first; the upheld rest follows (seed 004-28)
    if (rest && c.status !== "answered") {
      throw invalidState(
        "reply_first",
        "Send the new decision to the citizen first; the part upheld is forwarded after the reply.",
      );
    }
    c.appealsBoard = {
      forwardedAt: ctx.now,
      result: null,
      decidedAt: null,
      ...(rest ? { part: "rest" } : {}),
    };
    fx.letters.push({
      template: "forward_to_appeals_board",
      to: "appeals_board",
      fields: { appealsBody: body },
    });
    fx.journal.push({
      kind: "letter_queued",
      ...titled("forwarded", { body, rest: Boolean(rest) }),
      body: rest ? "The part changed on reassessment was answered by the reply to the citizen." : "",
    });
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
      ...titled("appeals_decision", { result: input.result, date: input.decidedAt }),
      body: "",
    });
  });
}
