/**
 * Reading a posted form, URL-encoded or multipart, into its text fields and its files, and checking
 * its CSRF token (a multipart body is read in the handler, after the preHandler hooks). The
 * multipart body is checked as it streams, before anything is buffered: a declared length over
 * the limit is refused at once, the CSRF token (the form's first field) is checked before the
 * first file is read, the files together may not pass the limit, and all forms in the process
 * together may hold at most the upload budget in memory. A file over its own size
 * limit is noted by name and not kept: nothing is stored before the checks.
 */
import type {} from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { UploadedFile } from "../app/incoming-documents.js";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS } from "../domain/documents.js";

export interface PostedForm {
  fields: Record<string, string>;
  files: (UploadedFile & { field: string })[];
  tooLarge: string[];
}

/** Every file at its largest, and room for the text fields and the multipart framing. */
export const MAX_FORM_BYTES = (MAX_DOCUMENTS + 1) * MAX_DOCUMENT_BYTES;

/**
 * Uploaded bytes held in memory by all forms being handled in this process. A form that would
 * pass it is answered 503 (try again shortly) instead of growing the server without bound: a
 * valid CSRF token is easy to get, so many parallel uploads with one are still possible.
 */
let uploadBudgetBytes = 200 * 1024 * 1024;
let heldBytes = 0;
const held = new WeakMap<FastifyRequest, number>();

/** Sets the process's upload budget (the server's memory to spare for uploads); returns the old one. */
export function setUploadBudget(bytes: number): number {
  const old = uploadBudgetBytes;
  uploadBudgetBytes = bytes;
  return old;
}

function hold(request: FastifyRequest, bytes: number): void {
  if (heldBytes + bytes > uploadBudgetBytes) {
    throw Object.assign(new Error("Too many uploads at once; try again shortly."), {
      statusCode: 503,
      code: "KLARA_UPLOADS_BUSY",
    });
  }
  heldBytes += bytes;
  held.set(request, (held.get(request) ?? 0) + bytes);
}

/** Gives the request's uploads back to the budget (when its answer is sent, or it was aborted). */
export function releaseUploads(request: FastifyRequest): void {
  const bytes = held.get(request);
  if (bytes === undefined) return;
  heldBytes -= bytes;
  held.delete(request);
}

/** A 413 that the pages' error handler answers with its page (and closes the connection). */
function tooLarge(): Error {
  return Object.assign(new Error(`The form is larger than ${MAX_FORM_BYTES} bytes.`), {
    statusCode: 413,
    code: "FST_ERR_CTP_BODY_TOO_LARGE",
  });
}

export async function readForm(request: FastifyRequest): Promise<PostedForm> {
  const form: PostedForm = { fields: {}, files: [], tooLarge: [] };
  if (!request.isMultipart()) {
    for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
      if (typeof v === "string") form.fields[k] = v;
    }
    return form;
  }
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_FORM_BYTES) throw tooLarge();
  let csrfChecked = false;
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type === "field") {
      if (typeof part.value === "string") form.fields[part.fieldname] = part.value;
      continue;
    }
    if (!csrfChecked) {
      // before the first byte of a file is kept: a forged or missing token ends the request here
      await checkCsrf(request, form.fields);
      csrfChecked = true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      hold(request, chunk.length);
      chunks.push(chunk);
      size += chunk.length;
    }
    if (!part.filename) continue; // an empty file input
    const content = Buffer.concat(chunks, size);
    total += content.length;
    if (total > MAX_FORM_BYTES) throw tooLarge();
    // over the size limit the stream is cut off and marked truncated (throwFileSizeLimit: false)
    if (part.file.truncated) form.tooLarge.push(part.filename);
    else form.files.push({ field: part.fieldname, filename: part.filename, content });
  }
  return form;
}

/**
 * The CSRF check of @fastify/csrf-protection on the fields read so far, without the reply: the
 * plugin needs only the cookie's unsigning from it, and its refusal becomes the thrown error.
 */
function checkCsrf(request: FastifyRequest, fields: Record<string, string>): Promise<void> {
  const app = request.server;
  (request as { body: unknown }).body = { ...fields };
  return new Promise<void>((resolve, reject) => {
    const reply = {
      unsignCookie: (value: string) => app.unsignCookie(value),
      send: (error: Error) => reject(error),
    } as unknown as FastifyReply;
    app.csrfProtection.call(app, request, reply, () => resolve());
  });
}

/** The CSRF check of @fastify/csrf-protection, on fields read in the handler. */
export function verifyCsrf(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  fields: Record<string, string>,
) {
  (request as { body: unknown }).body = fields;
  return new Promise<void>((resolve, reject) => {
    app.csrfProtection.call(app, request, reply, (error?: Error) => (error ? reject(error) : resolve()));
  });
}
