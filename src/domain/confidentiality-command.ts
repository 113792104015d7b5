/**
 * Raising or lowering a case's confidentiality, case by case (seed 003: "openness decided case by
 * case", decision 0007): with a reason, journalised with the old and new level. A complaint about a
 * named person stays a personnel case: it cannot be lowered.
 */
import type { ComplaintCase } from "./case.js";
import type { CommandContext, CommandResult } from "./case-effects.js";
import { execute, requireText } from "./command-kit.js";
import { invalidState } from "./errors.js";
import { titled } from "./journal-events.js";
import type { Confidentiality } from "./vocabulary.js";

export function setConfidentiality(
  c0: ComplaintCase,
  input: { level: Confidentiality; reason: string },
  ctx: CommandContext,
): CommandResult {
  return execute("set-confidentiality", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "Say why the confidentiality changes.");
    if (input.level === c.confidentiality) {
      throw invalidState("unchanged", `The case's confidentiality is already "${c.confidentiality}".`);
    }
    if (input.level === "normal" && c.personComplainedAboutId !== null) {
      throw invalidState(
        "names_a_person",
        "A complaint about a named person is a personnel case; its confidentiality cannot be lowered.",
      );
    }
    fx.journal.push({
      kind: "confidentiality",
      ...titled("confidentiality", { from: c.confidentiality, to: input.level }),
      body: reason,
    });
    c.confidentiality = input.level;
  });
}
