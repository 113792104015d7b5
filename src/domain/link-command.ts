/**
 * Linking two cases (decision 0001): merely related, or merged so the lead case's reply answers
 * both. The other case is found and cleared for the person by the caller; the rule is here.
 */
import type { ComplaintCase } from "./case.js";
import type { CommandContext, CommandResult } from "./case-effects.js";
import { execute } from "./command-kit.js";
import { invalidInput, invalidState } from "./errors.js";

export function link(
  c0: ComplaintCase,
  other: Pick<ComplaintCase, "id" | "reference">,
  input: { lead?: boolean },
  ctx: CommandContext,
): CommandResult {
  return execute("link", c0, ctx, (c, fx) => {
    if (other.id === c.id)
      throw invalidInput([{ path: "case", message: "A case cannot be linked to itself." }]);
    if (c.links.some((l) => l.caseId === other.id))
      throw invalidState("already_linked", "The cases are already linked.");
    const leadCaseId = input.lead ? other.id : null;
    c.links.push({ caseId: other.id, leadCaseId });
    fx.journal.push({
      kind: "link",
      title: `Linked to ${other.reference}${input.lead ? " (lead)" : ""}`,
      body: "",
    });
  });
}
