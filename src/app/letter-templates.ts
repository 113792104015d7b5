/**
 * An admin's letter templates per procedure, in the organisation's language: each letter's own text
 * or the default, a preview with example values, and a save that refuses an unknown merge field
 * naming it (400) and otherwise makes a new procedure version (cases keep the version they have).
 */
import { findOrganisation, findProcedure, insertProcedureVersion } from "../db/organisation.repository.js";
import { isAdmin } from "../domain/case-policy.js";
import { forbidden, invalidInput, notFound } from "../domain/errors.js";
import {
  DEFAULT_LETTERS,
  LETTER_KEYS,
  type LetterKey,
  TEMPLATE_ALIASES,
} from "../domain/letters/default-letters.js";
import { renderTemplate, validateTemplate } from "../domain/letters/render-template.js";
import { sampleMergeValues } from "../domain/letters/sample-letter.js";
import type { Organisation } from "../domain/organisation.js";
import { ProcedureDefinition } from "../domain/procedure.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction, nowIso, publicLink, type Tx } from "./context.js";

export interface LetterTemplateView {
  key: LetterKey;
  text: string;
  /** the procedure's own text (else the default) */
  own: boolean;
}

async function load(tx: Tx, actor: Actor, procedureId: string) {
  if (!isAdmin(actor)) throw forbidden("Only admins edit letter templates.");
  const org = await findOrganisation(tx, actor.organisationId);
  const p = await findProcedure(tx, procedureId);
  if (!org || !p || p.organisationId !== actor.organisationId) throw notFound("The procedure");
  return { org, p };
}

const keyOf = (key: string): LetterKey => {
  if (!(LETTER_KEYS as readonly string[]).includes(key)) throw notFound("The letter");
  return key as LetterKey;
};

function current(org: Organisation, d: ProcedureDefinition, key: LetterKey): LetterTemplateView {
  const alias = TEMPLATE_ALIASES[key];
  const own = d.templates[key]?.[org.locale] ?? (alias ? d.templates[alias]?.[org.locale] : undefined);
  return { key, text: own ?? DEFAULT_LETTERS[key].body[org.locale], own: own !== undefined };
}

export async function letterTemplates(deps: AppDeps, actor: Actor, procedureId: string) {
  return inTransaction(deps, async (tx) => {
    const { org, p } = await load(tx, actor, procedureId);
    return {
      procedure: { id: p.id, name: p.definition.name, version: p.version },
      language: org.locale,
      letters: LETTER_KEYS.map((key) => current(org, p.definition, key)),
    };
  });
}

/** The letter as the text would render it, with example values; an unknown field is refused. */
export async function previewLetterTemplate(
  deps: AppDeps,
  actor: Actor,
  procedureId: string,
  key: string,
  text: string,
) {
  return inTransaction(deps, async (tx) => {
    const { org } = await load(tx, actor, procedureId);
    const k = keyOf(key);
    const values = sampleMergeValues(org.locale, org.name, publicLink(deps, ""));
    return {
      subject: renderTemplate(DEFAULT_LETTERS[k].subject[org.locale], values),
      body: renderTemplate(text, values, "text"),
    };
  });
}

export async function saveLetterTemplate(
  deps: AppDeps,
  actor: Actor,
  procedureId: string,
  key: string,
  text: string,
): Promise<number> {
  return inTransaction(deps, async (tx) => {
    const { org, p } = await load(tx, actor, procedureId);
    const k = keyOf(key);
    if (!text.trim()) throw invalidInput([{ path: "text", message: "Write the letter.", code: "required" }]);
    validateTemplate(text, "text");
    // the seed's alias keeps its name, so the procedure has one text per letter
    const stored = p.definition.templates[k] || !TEMPLATE_ALIASES[k] ? k : (TEMPLATE_ALIASES[k] as string);
    const templates = {
      ...p.definition.templates,
      [stored]: { ...p.definition.templates[stored], [org.locale]: text.replace(/\r\n/g, "\n") },
    };
    const next = ProcedureDefinition.parse({ ...p.definition, templates });
    return insertProcedureVersion(tx, actor.organisationId, next, nowIso(deps));
  });
}
