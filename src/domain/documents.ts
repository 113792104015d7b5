/**
 * What documents Klara takes from citizens, checked by their content (the detected type), never by
 * their name alone, and how a received document is described in the journal.
 */

/** PDF, images, Word, and plain text: what complaints and powers of attorney come as. */
export const ACCEPTED_MEDIA_TYPES: Readonly<Record<string, string>> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/heic": "HEIC",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "text/plain": "text",
};

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENTS = 5;

export interface ReceivedDocument {
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export function isAcceptedMediaType(mediaType: string): boolean {
  return mediaType in ACCEPTED_MEDIA_TYPES;
}

/** A safe display name: no path, no control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (cleaned || "document").slice(0, 200);
}

export function documentJournalLine(d: ReceivedDocument): string {
  return `${d.filename} (${ACCEPTED_MEDIA_TYPES[d.mediaType] ?? d.mediaType}, ${d.size} bytes, SHA-256 ${d.sha256})`;
}
