/**
 * Turning validation errors (Zod issues of the input schemas, and the use cases' field errors)
 * into the form's messages: one per field, in the reader's language, in the order of the form.
 */
import type { z } from "zod";
import type { FieldError } from "../domain/errors.js";
import type { MessageKey, Translate } from "./i18n/messages.js";

export interface FormError {
  field: string;
  message: string;
}

const BY_FIELD: Record<string, MessageKey> = {
  "complainant.email": "error.email",
  "complainant.phone": "error.phone",
  "decision.date": "error.date",
  complainant: "error.contact",
  "complainant.anonymous": "error.anonymous_not_allowed",
  category: "error.category",
  unit: "error.unit",
  attachments: "error.attachments",
  powerOfAttorney: "error.attachments",
  "representative.email": "error.email",
};

function messageFor(
  path: string,
  issue: { code?: string; maximum?: unknown; minimum?: unknown } | null,
  t: Translate,
) {
  if (issue?.code === "too_big" && typeof issue.maximum === "number")
    return t("error.too_long", { max: issue.maximum });
  if (issue?.code === "too_small" || issue?.code === "invalid_type") {
    if (path === "subject") return t("error.subject.required");
    if (path === "description") return t("error.description.required");
    if (path === "representative.name") return t("error.required");
    return BY_FIELD[path] && path !== "complainant" ? t(BY_FIELD[path]) : t("error.required");
  }
  const key = BY_FIELD[path];
  return key ? t(key) : t("error.invalid");
}

export function fromZod(error: z.ZodError, t: Translate): FormError[] {
  return error.issues.map((issue) => {
    const field = issue.path.join(".");
    return { field, message: messageFor(field, issue as { code?: string; maximum?: unknown }, t) };
  });
}

export function fromFieldErrors(errors: readonly FieldError[], t: Translate): FormError[] {
  return errors.map((e) => ({
    field: e.path,
    message: messageFor(e.path, e.code === "required" ? { code: "too_small" } : null, t),
  }));
}

/** One message per field, ordered as the fields appear on the page. */
export function byField(errors: readonly FormError[], order: readonly string[]) {
  const first = new Map<string, string>();
  for (const e of errors) if (!first.has(e.field)) first.set(e.field, e.message);
  const rank = (f: string) => (order.indexOf(f) === -1 ? order.length : order.indexOf(f));
  const list = [...first]
    .map(([field, message]) => ({ field, message }))
    .sort((a, b) => rank(a.field) - rank(b.field));
  return { list, map: Object.fromEntries(first) as Record<string, string> };
}
