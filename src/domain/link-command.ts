/**
 * Linking two cases (decision 0001): merely related, or answered together so the lead case's reply
 * answers both — the named case with `lead`, this case with only `answerTogether`. The other case is found and cleared for the person by the caller; the rule is here.
 */
import type { ComplaintCase } from "./case.js";
import type { CommandContext, CommandResult } from "./case-effects.js";
import { execute } from "./command-kit.js";
import { invalidInput, invalidState } from "./errors.js";
import { titled } from "./journal-events.js";

export function link(
  c0: ComplaintCase,
  other: Pick<ComplaintCase, "id" | "reference">,
  input: { lead?: boolean | undefined; answerTogether?: boolean | undefined },
  ctx: CommandContext,
): CommandResult {
  return execute("link", c0, ctx, (c, fx) => {
    if (input.lead && input.answerTogether === false) {
      throw invalidInput([
        { path: "answerTogether", message: "A lead case answers both: the cases are answered together." },
      ]);
    }
    if (other.id === c.id)
      throw invalidInput([{ path: "case", message: "A case cannot be linked to itself." }]);
    if (c.links.some((l) => l.caseId === other.id))
      throw invalidState("already_linked", "The cases are already linked.");
    // lead: the named case answers both (decision 0001); answered together without it: this one does
    const leadCaseId = input.lead ? other.id : input.answerTogether ? c.id : null;
    c.links.push({ caseId: other.id, leadCaseId });
    const how = input.lead ? "lead" : input.answerTogether ? "together" : "related";
    fx.journal.push({ kind: "link", ...titled("linked", { reference: other.reference, how }), body: "" });
  });
}
