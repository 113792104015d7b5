/**
 * Letters for print (the recipient has no e-mail address): those still waiting to be printed and
 * posted, and marking one posted. A conditional update, so a letter is marked once.
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface LetterForPrint {
  id: string;
  caseId: string;
  reference: string;
  template: string;
  recipientName: string;
  recipientAddress: string | null;
  subject: string;
  createdAt: string;
}

/** The organisation's letters waiting to be printed, oldest first. */
export async function lettersWaitingForPrint(db: Db, organisationId: string): Promise<LetterForPrint[]> {
  const rows = await db
    .selectFrom("outbox")
    .innerJoin("cases", "cases.id", "outbox.case_id")
    .select([
      "outbox.id",
      "outbox.case_id",
      "cases.reference",
      "outbox.payload",
      "outbox.recipient_name",
      "outbox.recipient_address",
      "outbox.subject",
      "outbox.created_at",
    ])
    .where("outbox.organisation_id", "=", organisationId)
    .where("outbox.kind", "=", "letter")
    .where("outbox.state", "=", "for_print")
    .orderBy("outbox.created_at")
    .orderBy("outbox.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id ?? "",
    reference: r.reference,
    template: String((JSON.parse(r.payload) as { template?: unknown }).template ?? ""),
    recipientName: r.recipient_name ?? "",
    recipientAddress: r.recipient_address,
    subject: r.subject ?? "",
    createdAt: r.created_at,
  }));
}

/** Marks a letter for print as printed and posted; false when it was not waiting (already marked). */
export async function markLetterPosted(db: Db, id: string, at: string): Promise<boolean> {
  const r = await db
    .updateTable("outbox")
    .set({ state: "printed", sent_at: at })
    .where("id", "=", id)
    .where("kind", "=", "letter")
    .where("state", "=", "for_print")
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
