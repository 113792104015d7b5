/**
 * The local capture: with no SMTP server configured (the demo) delivered letters are kept as
 * "captured", and an organisation's admins read them in Klara (/admin/mail) with their content.
 */
import { referencesOf } from "../db/case.repository.js";
import { findOrganisation } from "../db/organisation.repository.js";
import { capturedLetters } from "../db/outbox.repository.js";
import { forbidden, notFound } from "../domain/errors.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";

export interface CapturedLetter {
  id: string;
  caseId: string | null;
  reference: string | null;
  capturedAt: string | null;
  recipientName: string;
  recipientAddress: string;
  subject: string;
  body: string;
  language: string;
}

export async function listCapturedLetters(
  deps: AppDeps,
  actor: Actor,
): Promise<{ timeZone: string; letters: CapturedLetter[] }> {
  if (!actor.roles.includes("admin")) throw forbidden("Only an admin reads the captured letters.");
  return inTransaction(deps, async (tx) => {
    const org = await findOrganisation(tx, actor.organisationId);
    if (!org) throw notFound("The organisation");
    const letters = await capturedLetters(tx, actor.organisationId);
    const refs = await referencesOf(
      tx,
      letters.flatMap((l) => (l.caseId ? [l.caseId] : [])),
    );
    const items = letters.map((l) => ({
      id: l.id,
      caseId: l.caseId,
      reference: l.caseId ? (refs.get(l.caseId) ?? null) : null,
      capturedAt: l.sentAt,
      recipientName: l.recipientName ?? "",
      recipientAddress: l.recipientAddress ?? "",
      subject: l.subject ?? "",
      body: l.body ?? "",
      language: l.language ?? "",
    }));
    return { timeZone: org.timeZone, letters: items };
  });
}
