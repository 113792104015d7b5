/**
 * What every case command shares: run on a clone after the lifecycle's check, state changes and
 * letters journalised as they happen, required texts refused with the field named.
 */
import { type ComplaintCase, letterRecipient } from "./case.js";
import {
  type CommandContext,
  type CommandResult,
  type Effects,
  type JournalDraft,
  noEffects,
} from "./case-effects.js";
import { invalidInput } from "./errors.js";
import { titled } from "./journal-events.js";
import { assertCanRun, type CommandName } from "./lifecycle.js";
import type { CaseStatus } from "./vocabulary.js";

type Run = (c: ComplaintCase, fx: Effects) => void;

/** Clone, check the table, run the rule, stamp. */
export function execute(
  command: CommandName,
  original: ComplaintCase,
  ctx: CommandContext,
  run: Run,
): CommandResult {
  const c: ComplaintCase = structuredClone(original);
  assertCanRun(command, c);
  const fx = noEffects();
  run(c, fx);
  c.updatedAt = ctx.now;
  return { case: c, effects: fx };
}

export function setStatus(c: ComplaintCase, fx: Effects, to: CaseStatus, ctx: CommandContext): void {
  if (c.status === to) return;
  fx.journal.push({ kind: "state_change", ...titled("status", { from: c.status, to }), body: "" });
  c.status = to;
  if (to === "closed" || to === "withdrawn" || to === "not_a_complaint") c.closedAt = ctx.now;
}

export function push(fx: Effects, entry: JournalDraft | null): void {
  if (entry) fx.journal.push(entry);
}

export function letter(
  c: ComplaintCase,
  fx: Effects,
  template: string,
  fields: Record<string, string> = {},
): void {
  const to = letterRecipient(c);
  if (!to) return; // anonymous complainants get no letters
  fx.letters.push({ template, to, fields });
  fx.journal.push({ kind: "letter_queued", ...titled("letter", { template }), body: `To the ${to}.` });
}

export function requireText(value: string | undefined, path: string, message: string): string {
  const text = value?.trim() ?? "";
  if (!text) throw invalidInput([{ path, message, code: "required" }]);
  return text;
}
