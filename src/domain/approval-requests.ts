/**
 * Who is asked to approve a draft: the people a stage names (stageApprovers) when the draft reaches
 * it, never the drafter, nor the person the complaint is about. A stage that names nobody (only a
 * role) tells no one by name: its approvers find the draft among the cases awaiting approval.
 */
import { stageApprovers } from "./approval.js";
import type { ComplaintCase } from "./case.js";
import type { CommandContext, Effects } from "./case-effects.js";

export function askForApproval(c: ComplaintCase, fx: Effects, ctx: CommandContext): void {
  const draft = c.draft;
  const stage = draft ? ctx.procedure.approval[draft.approvals.length] : undefined;
  if (!draft || !stage || !ctx.directory) return;
  const people = stageApprovers(c, stage, ctx.directory) ?? [];
  const done = new Set(draft.approvals.map((a) => a.personId));
  for (const p of people) {
    if (p.id === draft.drafterId || p.id === c.personComplainedAboutId || done.has(p.id) || !p.active)
      continue;
    fx.notifications.push({
      personId: p.id,
      kind: "approval_requested",
      message: `${c.reference}: a draft awaits your approval (${stage.name})`,
    });
  }
}
