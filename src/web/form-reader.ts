/**
 * Reading a posted form, URL-encoded or multipart, into its text fields and its files, and checking
 * its CSRF token afterwards (a multipart body is read in the handler, after the preHandler hooks).
 * A file over the size limit is noted by name and not kept: nothing is stored before the checks.
 */
import type {} from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { UploadedFile } from "../app/incoming-documents.js";

export interface PostedForm {
  fields: Record<string, string>;
  files: (UploadedFile & { field: string })[];
  tooLarge: string[];
}

export async function readForm(request: FastifyRequest): Promise<PostedForm> {
  const form: PostedForm = { fields: {}, files: [], tooLarge: [] };
  if (!request.isMultipart()) {
    for (const [k, v] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
      if (typeof v === "string") form.fields[k] = v;
    }
    return form;
  }
  for await (const part of request.parts()) {
    if (part.type === "field") {
      if (typeof part.value === "string") form.fields[part.fieldname] = part.value;
      continue;
    }
    if (!part.filename) {
      await part.toBuffer(); // an empty file input
      continue;
    }
    const content = await part.toBuffer();
    // over the size limit the stream is cut off and marked truncated (throwFileSizeLimit: false)
    if (part.file.truncated) form.tooLarge.push(part.filename);
    else form.files.push({ field: part.fieldname, filename: part.filename, content });
  }
  return form;
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
