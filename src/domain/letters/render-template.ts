/**
 * Letter templates are plain text with merge fields `{{name}}`. Only the fields below exist: a
 * template naming another one is refused with the field named (at save by an editor, and here
 * when a letter is rendered), so no letter goes out with a hole or a literal `{{…}}` in it.
 */
import { invalidInput } from "../errors.js";

export const MERGE_FIELDS = [
  "reference",
  "recipientName",
  "complainantName",
  "handlerName",
  "unitName",
  "organisationName",
  "senderName",
  "receivedDate",
  "replyDueDate",
  "today",
  "subject",
  "reason",
  "newDueDate",
  "body",
  "outcome",
  "measures",
  "appealGuidance",
  "appealsBody",
  "caseLink",
  "confirmLink",
  "trackingLink",
  "trackingGuidance",
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeValues = Partial<Record<MergeField, string>>;

const KNOWN: ReadonlySet<string> = new Set(MERGE_FIELDS);
const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields a template names that do not exist, each once, in order of appearance. */
export function unknownMergeFields(template: string): string[] {
  const unknown: string[] = [];
  for (const m of template.matchAll(FIELD)) {
    const name = m[1] ?? "";
    if (!KNOWN.has(name) && !unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

/** Refuses a template with an unknown merge field: 400 naming the field (`path` is the form field). */
export function validateTemplate(template: string, path = "template"): void {
  const unknown = unknownMergeFields(template);
  if (unknown.length === 0) return;
  throw invalidInput(
    unknown.map((name) => ({ path, message: `Unknown merge field {{${name}}}.` })),
    `Unknown merge field ${unknown.map((n) => `{{${n}}}`).join(", ")}.`,
  );
}

/** Fills the merge fields; a field without a value becomes empty text, an unknown one is refused. */
export function renderTemplate(template: string, values: MergeValues, path = "template"): string {
  validateTemplate(template, path);
  return template
    .replace(FIELD, (_, name: string) => values[name as MergeField] ?? "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
