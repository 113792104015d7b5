/** The complaint mailbox's records: each message read, by key, and which procedure takes new complaints. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/** bounce: a delivery report on one of our letters (decision 0021) */
export type InboundOutcome = "new_case" | "reply" | "quarantined" | "bounce";

export interface InboundRecord {
  organisationId: string;
  messageKey: string;
  outcome: InboundOutcome;
  caseId: string | null;
  /** why a message was quarantined: a short code, never the message's content */
  reason: string | null;
  receivedAt: string;
  createdAt: string;
}

/** Inside the transaction that makes the case: a second insert of one key is a unique violation. */
export async function recordInbound(db: Db, r: InboundRecord): Promise<void> {
  await db
    .insertInto("inbound_messages")
    .values({
      organisation_id: r.organisationId,
      message_key: r.messageKey,
      outcome: r.outcome,
      case_id: r.caseId,
      reason: r.reason,
      received_at: r.receivedAt,
      created_at: r.createdAt,
    })
    .execute();
}

export async function findInbound(
  db: Db,
  organisationId: string,
  messageKey: string,
): Promise<InboundRecord | null> {
  const r = await db
    .selectFrom("inbound_messages")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .where("message_key", "=", messageKey)
    .executeTakeFirst();
  return r
    ? {
        organisationId: r.organisation_id,
        messageKey: r.message_key,
        outcome: r.outcome as InboundOutcome,
        caseId: r.case_id,
        reason: r.reason,
        receivedAt: r.received_at,
        createdAt: r.created_at,
      }
    : null;
}

export async function inboundCount(
  db: Db,
  organisationId: string,
  outcome?: InboundOutcome,
): Promise<number> {
  let q = db
    .selectFrom("inbound_messages")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organisation_id", "=", organisationId);
  if (outcome) q = q.where("outcome", "=", outcome);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

/** The procedure the mailbox's new complaints go to, when an admin chose one. */
export async function mailboxProcedure(db: Db, organisationId: string): Promise<string | null> {
  const r = await db
    .selectFrom("mailbox_settings")
    .select("procedure_id")
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return r?.procedure_id ?? null;
}

export async function setMailboxProcedure(db: Db, organisationId: string, procedureId: string | null) {
  await db.deleteFrom("mailbox_settings").where("organisation_id", "=", organisationId).execute();
  await db
    .insertInto("mailbox_settings")
    .values({ organisation_id: organisationId, procedure_id: procedureId })
    .execute();
}

/** Organisations that chose a mailbox procedure (the one KLARA_IMAP_URL serves, when there are several). */
export async function organisationsWithMailbox(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("mailbox_settings").select("organisation_id").execute();
  return rows.map((r) => r.organisation_id);
}

/** The message id of an outbox letter's Message-ID (`<outbox-ID@domain>`): its case, if any. */
export async function caseOfOutboxRow(
  db: Db,
  outboxId: string,
): Promise<{ caseId: string | null; organisationId: string } | null> {
  const r = await db
    .selectFrom("outbox")
    .select(["case_id", "organisation_id"])
    .where("id", "=", outboxId)
    .executeTakeFirst();
  return r ? { caseId: r.case_id, organisationId: r.organisation_id } : null;
}
