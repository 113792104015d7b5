/**
 * Checking uploaded files by their content before anything is stored: the detected type must be one
 * Klara accepts (a PDF renamed .jpg is a PDF; an .exe renamed .pdf is refused), within the size
 * limit, and each file's SHA-256 is taken for the journal.
 */
import { createHash } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { insertDocuments } from "../db/document.repository.js";
import {
  cleanFilename,
  isAcceptedMediaType,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS,
  type ReceivedDocument,
} from "../domain/documents.js";
import { type FieldError, invalidInput } from "../domain/errors.js";
import type { AppDeps, Tx } from "./context.js";

export interface UploadedFile {
  filename: string;
  content: Uint8Array;
}

export interface CheckedDocument extends ReceivedDocument {
  content: Uint8Array;
}

/** Plain text has no signature: valid UTF-8 with no NUL bytes counts as text. */
function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export async function checkDocuments(
  files: readonly UploadedFile[],
  path = "attachments",
): Promise<CheckedDocument[]> {
  const errors: FieldError[] = [];
  if (files.length > MAX_DOCUMENTS) errors.push({ path, message: `At most ${MAX_DOCUMENTS} files.` });
  const checked: CheckedDocument[] = [];
  for (const f of files) {
    const filename = cleanFilename(f.filename);
    if (f.content.byteLength > MAX_DOCUMENT_BYTES) {
      errors.push({ path, message: `"${filename}" is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.` });
      continue;
    }
    const detected = await fileTypeFromBuffer(f.content);
    const mediaType =
      detected?.mime ?? (looksLikeText(f.content) ? "text/plain" : "application/octet-stream");
    if (!isAcceptedMediaType(mediaType)) {
      errors.push({ path, message: `"${filename}" is not a PDF, JPEG, PNG, HEIC, Word or text file.` });
      continue;
    }
    checked.push({
      filename,
      mediaType,
      size: f.content.byteLength,
      sha256: createHash("sha256").update(f.content).digest("hex"),
      content: f.content,
    });
  }
  if (errors.length) throw invalidInput(errors, "A file was refused.");
  return checked;
}

/** Stores checked documents under the journal entry that received them (inside the caller's transaction). */
export async function storeDocuments(
  deps: AppDeps,
  tx: Tx,
  caseId: string,
  journalSeq: number,
  docs: readonly CheckedDocument[],
  at: string,
): Promise<void> {
  await insertDocuments(
    tx,
    docs.map((d) => ({ ...d, id: deps.newId(), caseId, journalSeq, createdAt: at })),
  );
}
