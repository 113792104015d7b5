/**
 * Cases about the same matter, proposed for linking (dk-central-unit, SPEC §5): the same
 * complainant, or the same unit and a similar text. Klara only proposes; a person links. Plain
 * arithmetic over plain data: the words two texts share against the words either has.
 */
import type { JournalDraft } from "./case-effects.js";
import { titled } from "./journal-events.js";

export interface LinkCandidate {
  id: string;
  reference: string;
  subject: string;
  description: string;
  unitId: string | null;
  complainantEmail: string | null;
  complainantPhone: string | null;
}

export type LinkReason = "same_complainant" | "similar_text";

export interface LinkProposal {
  id: string;
  reference: string;
  subject: string;
  reasons: LinkReason[];
  /** how alike the texts are, 0 to 1 */
  similarity: number;
}

/** Texts this alike (shared words / all words) are "about the same matter" within one unit. */
export const SIMILAR_TEXT = 0.3;

/** Words of four letters or more, lower-cased: short words say little about the matter. */
function words(text: string): Set<string> {
  return new Set(
    text
      .toLocaleLowerCase("da")
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length >= 4),
  );
}

export function textSimilarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / (x.size + y.size - shared);
}

const email = (e: string | null) => e?.trim().toLowerCase() || null;
/** Digits only, the last eight: "+45 31 32 33 34" and "31323334" are one number. */
const phone = (p: string | null) => p?.replace(/\D/g, "").slice(-8) || null;

export function proposeLinks(
  target: LinkCandidate,
  others: readonly LinkCandidate[],
  max = 5,
): LinkProposal[] {
  const text = `${target.subject} ${target.description}`;
  const proposals: LinkProposal[] = [];
  for (const o of others) {
    if (o.id === target.id) continue;
    const reasons: LinkReason[] = [];
    const sameEmail =
      email(target.complainantEmail) !== null && email(target.complainantEmail) === email(o.complainantEmail);
    const samePhone =
      phone(target.complainantPhone) !== null && phone(target.complainantPhone) === phone(o.complainantPhone);
    if (sameEmail || samePhone) reasons.push("same_complainant");
    const similarity = textSimilarity(text, `${o.subject} ${o.description}`);
    if (target.unitId !== null && target.unitId === o.unitId && similarity >= SIMILAR_TEXT)
      reasons.push("similar_text");
    if (reasons.length)
      proposals.push({ id: o.id, reference: o.reference, subject: o.subject, reasons, similarity });
  }
  // the same complainant first, then the most alike
  return proposals
    .sort(
      (a, b) =>
        Number(b.reasons.includes("same_complainant")) - Number(a.reasons.includes("same_complainant")) ||
        b.similarity - a.similarity,
    )
    .slice(0, max);
}

/**
 * The entry on the other case's journal when a case is linked to it, so both journals tell it. A
 * personnel case is not named: readers of the other case may not know it exists by reference.
 */
export function linkedFromEntry(
  from: { reference: string; confidentiality: string },
  /** the other case is the lead: the linked case is answered by its reply */
  otherIsLead: boolean,
): JournalDraft {
  const reference = from.confidentiality === "personnel" ? null : from.reference;
  return { kind: "link", ...titled("linked_from", { reference, lead: otherIsLead }), body: "" };
}
