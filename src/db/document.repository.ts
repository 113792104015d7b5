/** Documents of a case: the file with its hash, size and type, next to the journal entry that received it. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface DocumentRecord {
  id: string;
  caseId: string;
  journalSeq: number;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export async function insertDocuments(
  db: Db,
  docs: readonly (DocumentRecord & { content: Uint8Array })[],
): Promise<void> {
  if (docs.length === 0) return;
  await db
    .insertInto("documents")
    .values(
      docs.map((d) => ({
        id: d.id,
        case_id: d.caseId,
        journal_seq: d.journalSeq,
        filename: d.filename,
        media_type: d.mediaType,
        size: d.size,
        sha256: d.sha256,
        content: d.content,
        created_at: d.createdAt,
      })),
    )
    .execute();
}

export async function documentsOf(db: Db, caseId: string): Promise<DocumentRecord[]> {
  const rows = await db
    .selectFrom("documents")
    .select(["id", "case_id", "journal_seq", "filename", "media_type", "size", "sha256", "created_at"])
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    journalSeq: r.journal_seq,
    filename: r.filename,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.created_at,
  }));
}

export async function documentContent(
  db: Db,
  caseId: string,
  id: string,
): Promise<{ filename: string; mediaType: string; content: Uint8Array } | null> {
  const r = await db
    .selectFrom("documents")
    .select(["filename", "media_type", "content"])
    .where("case_id", "=", caseId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? { filename: r.filename, mediaType: r.media_type, content: r.content } : null;
}
