/** What the Digital Post mock was given (KLARA_DIGITAL_POST=mock): one row per letter. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface DigitalPostRecord {
  outboxId: string;
  organisationId: string;
  caseId: string;
  /** masked: the mock keeps no national id in full */
  recipient: string;
  subject: string;
  filename: string;
  sha256: string;
  content: Uint8Array;
  sentAt: string;
}

/** A resend of the same letter (after a crash) is recorded once: the outbox id is the key. */
export async function recordDigitalPost(db: Db, r: DigitalPostRecord): Promise<void> {
  await db
    .insertInto("digital_post_mock")
    .values({
      outbox_id: r.outboxId,
      organisation_id: r.organisationId,
      case_id: r.caseId,
      recipient: r.recipient,
      subject: r.subject,
      filename: r.filename,
      sha256: r.sha256,
      content: r.content,
      sent_at: r.sentAt,
    })
    .onConflict((oc) => oc.column("outbox_id").doNothing())
    .execute();
}

export async function digitalPostSent(db: Db, caseId: string): Promise<DigitalPostRecord[]> {
  const rows = await db
    .selectFrom("digital_post_mock")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("sent_at")
    .execute();
  return rows.map((r) => ({
    outboxId: r.outbox_id,
    organisationId: r.organisation_id,
    caseId: r.case_id,
    recipient: r.recipient,
    subject: r.subject,
    filename: r.filename,
    sha256: r.sha256,
    content: new Uint8Array(r.content),
    sentAt: r.sent_at,
  }));
}
