/**
 * A procedure's tasks on a case (dk-abc A, B, C; no-workplace's talk with one's own superior):
 * completed with a note, completed by the contact that does them, or waived with a reason. Tasks
 * marked requiredBeforeReply hold back the draft and the reply until one of those happened.
 */
import type { ComplaintCase } from "./case.js";
import { type CommandContext, type CommandResult, type Effects, meetDeadline } from "./case-effects.js";
import { execute, push, requireText, setStatus } from "./command-kit.js";
import { invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import type { ContactChannel } from "./vocabulary.js";

function caseTask(c: ComplaintCase, key: string, ctx: CommandContext) {
  const def = ctx.procedure.tasks.find((t) => t.key === key);
  const task = c.tasks.find((t) => t.key === key);
  if (!def || !task) throw invalidInput([{ path: "task", message: `"${key}" is not a task of this case.` }]);
  if (task.doneAt) throw invalidState("task_done", `The task "${key}" is already done.`);
  return { def, task };
}

export function completeTask(
  c0: ComplaintCase,
  input: { task: string; note: string },
  ctx: CommandContext,
): CommandResult {
  return execute("complete-task", c0, ctx, (c, fx) => {
    const { def, task } = caseTask(c, input.task, ctx);
    const note = def.noteRequired
      ? requireText(input.note, "note", "This task needs a note.")
      : (input.note ?? "");
    Object.assign(task, { doneAt: ctx.now, note, byId: ctx.actor.personId });
    fx.journal.push({ kind: "task", ...titled("task_done", { task: input.task }), body: note });
    if (input.task === "a_contact") push(fx, meetDeadline(c, "firstContact", ctx.now, ctx.calendar.timeZone));
    if (c.status === "assigned") setStatus(c, fx, "in_progress", ctx);
  });
}

/** A step deliberately left out, with the reason on record (it then no longer holds the reply). */
export function waiveTask(
  c0: ComplaintCase,
  input: { task: string; reason: string },
  ctx: CommandContext,
): CommandResult {
  return execute("waive-task", c0, ctx, (c, fx) => {
    const { task } = caseTask(c, input.task, ctx);
    const reason = requireText(input.reason, "reason", "Say why the task is left out.");
    Object.assign(task, { doneAt: ctx.now, note: reason, byId: ctx.actor.personId, waived: true });
    fx.journal.push({ kind: "task", ...titled("task_waived", { task: input.task }), body: reason });
  });
}

/** The first phone call is step A (dk-abc): recording it completes the tasks it does. */
export function completeTasksByContact(
  c: ComplaintCase,
  fx: Effects,
  channel: ContactChannel,
  note: string,
  ctx: CommandContext,
): void {
  for (const task of c.tasks) {
    if (task.doneAt) continue;
    const def = ctx.procedure.tasks.find((t) => t.key === task.key);
    if (!def?.completedByContact?.includes(channel)) continue;
    Object.assign(task, { doneAt: ctx.now, note, byId: ctx.actor.personId });
    fx.journal.push({
      kind: "task",
      ...titled("task_done", { task: task.key }),
      body: `By the ${channel} contact.`,
    });
  }
}

/** The keys of required tasks neither done nor waived. */
export function openRequiredTasks(c: Pick<ComplaintCase, "tasks">, ctx: Pick<CommandContext, "procedure">) {
  return c.tasks
    .filter((t) => !t.doneAt && ctx.procedure.tasks.find((d) => d.key === t.key)?.requiredBeforeReply)
    .map((t) => t.key);
}

export function assertRequiredTasksDone(c: ComplaintCase, ctx: CommandContext): void {
  const open = openRequiredTasks(c, ctx);
  if (open.length > 0) {
    throw invalidState(
      "tasks_required",
      `Complete or waive (with a reason) the procedure's required tasks first: ${open.join(", ")}.`,
    );
  }
}
