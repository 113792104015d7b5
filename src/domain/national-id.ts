/**
 * The national id (CPR in Denmark, fødselsnummer in Norway): shown masked, and never indexed for
 * search when someone types it into free text. Encryption at rest is the database layer's job.
 */

/** "010190-1234" → "010190-****": enough to tell two people apart on a page, not to identify one. */
export function maskNationalId(id: string | null): string | null {
  if (!id) return null;
  const digits = id.replace(/\D/g, "");
  return digits.length >= 6 ? `${digits.slice(0, 6)}-****` : "****";
}

/**
 * Six date digits (DDMMYY), then an optional dash or space, then four (CPR) or five (fødselsnummer)
 * digits, not inside a longer number. Norwegian D-numbers add 4 to the day's first digit and
 * H-numbers 4 to the month's; both count. A few other ten-digit numbers match too: masking them costs
 * nothing, missing a national id would.
 */
const NATIONAL_ID =
  /(?<![\p{N}])((?:[0-2]\d|3[01]|[4-6]\d|7[01])(?:0[1-9]|1[0-2]|4[1-9]|5[0-2])\d{2})[ -]?(\d{4,5})(?![\p{N}])/gu;

/** What stands in a search document where a national id was: no digits, so nothing to find. */
export const MASKED_IN_TEXT = "******-****";

/** Free text with every national-id-like number masked (for the search index). */
export function maskNationalIdsInText(text: string): string {
  return text.replace(NATIONAL_ID, MASKED_IN_TEXT);
}

/** Whether a text contains something that looks like a national id. */
export function containsNationalId(text: string): boolean {
  NATIONAL_ID.lastIndex = 0;
  const found = NATIONAL_ID.test(text);
  NATIONAL_ID.lastIndex = 0;
  return found;
}
