/**
 * A complainant adds information or documents from the tracking page: a journal entry on the case
 * (in any state: staff decide what it means for a closed case), and word to whoever handles it.
 */
import type { ComplaintCase } from "./case.js";
import type { CommandResult } from "./case-effects.js";
import { noEffects } from "./case-effects.js";
import { documentJournalLine, type ReceivedDocument } from "./documents.js";
import { titled } from "./journal-events.js";

export function receiveInformation(
  c: ComplaintCase,
  input: { text: string; documents: readonly ReceivedDocument[]; fallbackCoordinatorId: string | null },
  now: string,
): CommandResult {
  const lines = [input.text.trim(), ...input.documents.map(documentJournalLine)].filter(Boolean);
  const people = c.handlers.length
    ? [...new Set(c.handlers.map((h) => h.personId))]
    : [c.coordinatorId ?? input.fallbackCoordinatorId].filter((p): p is string => p !== null);
  return {
    case: { ...c, updatedAt: now },
    effects: {
      ...noEffects(),
      journal: [{ kind: "document_in", ...titled("information"), body: lines.join("\n") }],
      notifications: people.map((personId) => ({
        personId,
        kind: "citizen_information",
        message: `${c.reference}: the complainant added information`,
      })),
    },
  };
}

/** The journal entry for documents sent with a new complaint. */
export function attachmentsEntry(documents: readonly ReceivedDocument[]) {
  return {
    kind: "document_in",
    ...titled("attachments"),
    body: documents.map(documentJournalLine).join("\n"),
  };
}

/** The journal entry for a representative's power of attorney. */
export function powerOfAttorneyEntry(documents: readonly ReceivedDocument[]) {
  return {
    kind: "document_in",
    ...titled("poa_from_representative"),
    body: documents.map(documentJournalLine).join("\n"),
  };
}
