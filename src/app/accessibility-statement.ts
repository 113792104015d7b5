/**
 * Each organisation's accessibility statement, which every page links to: read by anyone, set by
 * the organisation's admins as the address of the statement published elsewhere or as its text.
 */
import { z } from "zod";
import {
  findAccessibilityStatement,
  saveAccessibilityStatement,
} from "../db/accessibility-statement.repository.js";
import { listOrganisations } from "../db/organisation.repository.js";
import { forbidden, invalidInput, notFound } from "../domain/errors.js";
import type { Locale } from "../domain/organisation.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";

export interface AccessibilityStatement {
  organisation: { id: string; name: string; locale: Locale };
  /** the statement published elsewhere: the pages send the reader there */
  url: string | null;
  /** the statement's own text; with neither, the pages show a default naming the organisation */
  text: string | null;
}

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

export const AccessibilityStatementInput = z.object({
  url: z.preprocess(
    blankToNull,
    z
      .url({ protocol: /^https?$/, message: "An http(s) address, e.g. https://www.was.digst.dk/…" })
      .max(2000)
      .nullable(),
  ),
  text: z.preprocess(blankToNull, z.string().trim().max(20_000).nullable()),
});
export type AccessibilityStatementInput = z.infer<typeof AccessibilityStatementInput>;

export async function getAccessibilityStatement(
  deps: AppDeps,
  organisationId: string,
): Promise<AccessibilityStatement> {
  const found = await inTransaction(deps, (tx) => findAccessibilityStatement(tx, organisationId));
  if (!found) throw notFound("The organisation");
  return {
    organisation: { id: found.organisationId, name: found.organisationName, locale: found.locale as Locale },
    url: found.url,
    text: found.text,
  };
}

/** The organisations whose statements the pages offer, by name. */
export async function listStatementOrganisations(
  deps: AppDeps,
): Promise<{ id: string; name: string; locale: Locale }[]> {
  const all = await inTransaction(deps, (tx) => listOrganisations(tx));
  return all.map((o) => ({ id: o.id, name: o.name, locale: o.locale }));
}

export async function setAccessibilityStatement(
  deps: AppDeps,
  actor: Actor,
  input: unknown,
): Promise<AccessibilityStatement> {
  if (!actor.roles.includes("admin")) throw forbidden("Only admins set the accessibility statement.");
  const parsed = AccessibilityStatementInput.safeParse(input);
  if (!parsed.success) {
    throw invalidInput(
      parsed.error.issues.map((i) => ({ path: i.path.join(".") || "url", message: i.message })),
    );
  }
  return inTransaction(deps, async (tx) => {
    await saveAccessibilityStatement(tx, actor.organisationId, parsed.data);
    const found = await findAccessibilityStatement(tx, actor.organisationId);
    if (!found) throw notFound("Your organisation");
    return {
      organisation: {
        id: found.organisationId,
        name: found.organisationName,
        locale: found.locale as Locale,
      },
      url: found.url,
      text: found.text,
    };
  });
}
