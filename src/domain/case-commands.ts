/**
 * The commands of API.md as pure functions: (case, input, context) → new case and its effects.
 * The caller copies nothing back on failure: each function works on a clone and throws before
 * anything is returned, so a refused command leaves the case exactly as it was. Here: a case's
 * way in and out (confirmed, acknowledged, classified, assigned, contacts and notes; withdrawn,
 * closed, reopened); the reply's commands are in reply-commands.ts, and this module exports all
 * the command modules as one.
 */
import { Temporal } from "temporal-polyfill";
import type { ComplaintCase } from "./case.js";
import { type CommandContext, type CommandResult, meetDeadline, replanDeadlines } from "./case-effects.js";
import { execute, letter, push, requireText, setStatus } from "./command-kit.js";
import { restAwaitsForwarding } from "./decision-commands.js";
import { invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import { completeTasksByContact } from "./task-commands.js";
import type { CaseType, ContactChannel, DeadlineKind } from "./vocabulary.js";

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
export * from "./reply-commands.js";
export * from "./task-commands.js";
