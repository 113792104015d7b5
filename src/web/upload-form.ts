/**
 * The pages' forms with files, in one place: the route's body limit, reading the form with its
 * CSRF check before a file's first byte is kept (form-reader.ts), the files over the size limit
 * as the form's errors, and the "add text and files" post that the citizen's status page and the
 * handler's link page share (one use case call, its refusal shown on the same page).
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FieldError } from "../domain/errors.js";
import { KlaraError } from "../domain/errors.js";
import type { FormError } from "./form-errors.js";
import { MAX_FORM_BYTES, type PostedForm, readForm, verifyCsrf } from "./form-reader.js";
import type { Translate } from "./i18n/messages.js";
import { type PageContext, pageContext } from "./page-context.js";

/** A form with files may be as large as its files allow (each file is limited on its own). */
export const UPLOAD_ROUTE = { bodyLimit: MAX_FORM_BYTES };

/**
 * The posted form, URL-encoded or multipart. A multipart form's CSRF token is checked as it
 * streams, before the first file is kept; the whole form's token is checked again after, so a
 * form without files is checked too. A refusal is thrown (the pages' error handler answers it).
 */
export async function readUploadForm(request: FastifyRequest, reply: FastifyReply): Promise<PostedForm> {
  const form = await readForm(request);
  await verifyCsrf(request.server, request, reply, form.fields);
  return form;
}

/** Each file that was over the size limit (and not kept) as an error of the form's file field. */
export function tooLargeErrors(form: PostedForm, field: string, t: Translate): FormError[] {
  return form.tooLarge.map((name) => ({ field, message: t("error.attachment.too_large", { name }) }));
}

/** The use case's refusal of the input as its field errors; anything else is thrown on. */
export function refusedFields(error: unknown): FieldError[] {
  if (!(error instanceof KlaraError && error.code === "invalid_input")) throw error;
  return error.details.fieldErrors ?? [];
}

export interface TextAndFilesPost {
  /** The form's file input (its name is the use case's field for the files). */
  filesField: string;
  /** Runs the use case and answers (a redirect, or a page of its own); a refusal is thrown. */
  submit: (input: { text: string; files: PostedForm["files"] }, ctx: PageContext) => Promise<unknown>;
  /** The form's page again with the text as written and the errors (answered 400). */
  show: (values: { text: string }, errors: FormError[]) => Promise<unknown>;
}

/**
 * A post of a text and files to a case: a file over the size limit keeps the use case from
 * running at all; the use case's refusal of the text or the files is said on the form's page.
 */
export async function postTextAndFiles(
  request: FastifyRequest,
  reply: FastifyReply,
  post: TextAndFilesPost,
): Promise<unknown> {
  const form = await readUploadForm(request, reply);
  const ctx = pageContext(request);
  const text = form.fields.text ?? "";
  const errors = tooLargeErrors(form, post.filesField, ctx.t);
  if (!errors.length) {
    try {
      return await post.submit({ text, files: form.files }, ctx);
    } catch (error) {
      for (const e of refusedFields(error)) {
        errors.push({
          field: e.path,
          message: e.path === post.filesField ? ctx.t("error.attachments") : ctx.t("error.add.empty"),
        });
      }
    }
  }
  return post.show({ text }, errors);
}
