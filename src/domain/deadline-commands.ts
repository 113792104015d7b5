/**
 * Moving a running deadline: a delay notice to the complainant, or a date set from outside (the
 * citizens' advisor, dk-employment). The original date stays on record either way.
 */
import type { ComplaintCase } from "./case.js";
import type { CommandContext, CommandResult } from "./case-effects.js";
import { execute, letter, requireText } from "./command-kit.js";
import { invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import type { DeadlineKind } from "./vocabulary.js";

export function notifyDelay(
  c0: ComplaintCase,
  input: { reason: string; newDueDate: string },
  ctx: CommandContext,
): CommandResult {
  return execute("notify-delay", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "A delay notice needs a reason.");
    const kind = c.deadlines.some((d) => d.kind === "reassessment" && !d.metAt) ? "reassessment" : "reply";
    const d = c.deadlines.find((x) => x.kind === kind && !x.metAt);
    if (!d) throw invalidState("no_deadline", "There is no running reply or reassessment deadline to move.");
    if (input.newDueDate <= d.dueDate) {
      throw invalidInput([
        { path: "newDueDate", message: `The new date must be after the current one, ${d.dueDate}.` },
      ]);
    }
    d.extensions.push({
      from: d.dueDate,
      to: input.newDueDate,
      reason,
      at: ctx.now,
      byId: ctx.actor.personId,
    });
    fx.journal.push({
      kind: "deadline",
      ...titled("delay", { kind, from: d.dueDate, to: input.newDueDate }),
      body: reason,
    });
    d.dueDate = input.newDueDate;
    d.missedAt = null;
    d.remindedAt = null;
    // in Norway the notice is the foreløpig svar (forvaltningsloven § 11 a), its own letter
    const template = ctx.procedure.country === "NO" ? "preliminary_reply" : "delay_notice";
    letter(c, fx, template, { reason, newDueDate: input.newDueDate });
  });
}

/**
 * Sets a running deadline to a date given from outside (dk-employment: the citizens' advisor sets
 * the reply date on the case). Unlike a delay notice it sends no letter; the original stays on record.
 */
export function setDeadline(
  c0: ComplaintCase,
  input: { kind: DeadlineKind; dueDate: string; reason: string },
  ctx: CommandContext,
): CommandResult {
  return execute("set-deadline", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "Say who set the date and why.");
    const d = c.deadlines.find((x) => x.kind === input.kind && !x.metAt);
    if (!d) throw invalidInput([{ path: "kind", message: `There is no running ${input.kind} deadline.` }]);
    if (input.dueDate === d.dueDate)
      throw invalidInput([{ path: "dueDate", message: "That is the current date." }]);
    d.extensions.push({ from: d.dueDate, to: input.dueDate, reason, at: ctx.now, byId: ctx.actor.personId });
    fx.journal.push({
      kind: "deadline",
      ...titled("deadline_moved", { kind: input.kind, from: d.dueDate, to: input.dueDate }),
      body: reason,
    });
    d.dueDate = input.dueDate;
    d.missedAt = null;
    d.remindedAt = null;
  });
}
