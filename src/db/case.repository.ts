/** Cases: rows ↔ the domain's ComplaintCase. Rows never leave this module. */
import type { Kysely, Selectable } from "kysely";
import type { ComplaintCase, Deadline } from "../domain/case.js";
import { nextDeadline } from "../domain/case.js";
import { KlaraError } from "../domain/errors.js";
import type { JournalEntry } from "../domain/journal.js";
import { legalReviewState } from "../domain/legal-review.js";
import type {
  CaseStatus,
  CaseType,
  Channel,
  Confidentiality,
  DeadlineKind,
  Outcome,
  Source,
} from "../domain/vocabulary.js";
import type { DialectSupport, SearchLanguage } from "./dialect.js";
import { type Keyring, keyringOf, openValue, sealValue } from "./national-id-cipher.js";
import type { CasesTable, Database, DeadlinesTable, JournalEntriesTable } from "./schema.js";
import { sealTrackingToken } from "./tracking-token.repository.js";

type Db = Kysely<Database>;

/** The parts of a case kept as JSON in cases.data; the national id encrypted (never plaintext at rest). */
function dataOf(c: ComplaintCase, keyring: Keyring) {
  const nationalId = c.complainant.nationalId;
  return {
    acknowledgedAt: c.acknowledgedAt,
    complainant: {
      ...c.complainant,
      nationalId: nationalId ? sealValue(nationalId, c.id, keyring) : null,
    },
    representative: c.representative,
    decision: c.decision,
    handlers: c.handlers,
    coordinatorId: c.coordinatorId,
    approverId: c.approverId,
    signatoryId: c.signatoryId,
    draft: c.draft,
    lastReturnReason: c.lastReturnReason,
    measures: c.measures,
    rootCauses: c.rootCauses,
    resolution: c.resolution,
    reassessment: c.reassessment,
    appealsBoard: c.appealsBoard,
    // only when set: a case without them reads back exactly as before
    ...(c.appealRoute ? { appealRoute: c.appealRoute } : {}),
    ...(c.legalReview ? { legalReview: c.legalReview } : {}),
    tasks: c.tasks,
    contacts: c.contacts,
  };
}

function caseRow(
  c: ComplaintCase,
  localDate: string,
  keyring: Keyring,
): Omit<CasesTable, "tracking_token_hash" | "tracking_token_sealed"> {
  const next = nextDeadline(c);
  return {
    id: c.id,
    organisation_id: c.organisationId,
    reference: c.reference,
    procedure_id: c.procedureId,
    procedure_version: c.procedureVersion,
    status: c.status,
    type: c.type,
    category: c.category,
    channel: c.channel,
    source: c.source,
    confidentiality: c.confidentiality,
    unit_id: c.unitId,
    person_complained_about_id: c.personComplainedAboutId,
    subject: c.subject,
    description: c.description,
    received_at: c.receivedAt,
    received_date: localDate,
    outcome: c.outcome,
    next_due_date: next?.dueDate ?? null,
    next_due_kind: next?.kind ?? null,
    data: JSON.stringify(dataOf(c, keyring)),
    version: c.version,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    closed_at: c.closedAt,
    legal_review: legalReviewState(c),
  };
}

function deadlineRow(caseId: string, d: Deadline): DeadlinesTable {
  return {
    case_id: caseId,
    kind: d.kind,
    due_date: d.dueDate,
    original_due_date: d.originalDueDate,
    explanation: d.explanation,
    reckoning: d.reckoning ? JSON.stringify(d.reckoning) : null,
    met_at: d.metAt,
    missed_at: d.missedAt,
    reminded_at: d.remindedAt,
    extensions: JSON.stringify(d.extensions),
  };
}

function toDeadline(r: Selectable<DeadlinesTable>): Deadline {
  return {
    kind: r.kind as DeadlineKind,
    dueDate: r.due_date,
    originalDueDate: r.original_due_date,
    explanation: r.explanation,
    reckoning: r.reckoning ? JSON.parse(r.reckoning) : null,
    metAt: r.met_at,
    missedAt: r.missed_at,
    remindedAt: r.reminded_at,
    extensions: JSON.parse(r.extensions),
  };
}

const KIND_ORDER: DeadlineKind[] = [
  "acknowledge",
  "route",
  "firstContact",
  "draft",
  "reassessment",
  "reply",
  "complaintWindow",
];
const byKind = (a: Deadline, b: Deadline) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);

function toCase(
  r: Selectable<CasesTable>,
  deadlines: Deadline[],
  links: ComplaintCase["links"],
  deviations: ComplaintCase["deviations"],
  keyring: Keyring,
): ComplaintCase {
  const data = JSON.parse(r.data) as ReturnType<typeof dataOf>;
  const sealed = data.complainant.nationalId;
  data.complainant.nationalId = sealed ? openValue(sealed, r.id, keyring) : null;
  return {
    id: r.id,
    organisationId: r.organisation_id,
    reference: r.reference,
    procedureId: r.procedure_id,
    procedureVersion: r.procedure_version,
    status: r.status as CaseStatus,
    type: r.type as CaseType,
    category: r.category,
    channel: r.channel as Channel,
    source: r.source as Source,
    confidentiality: r.confidentiality as Confidentiality,
    unitId: r.unit_id,
    personComplainedAboutId: r.person_complained_about_id,
    subject: r.subject,
    description: r.description,
    receivedAt: r.received_at,
    outcome: r.outcome as Outcome | null,
    ...data,
    links,
    deadlines: deadlines.sort(byKind),
    deviations,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    version: r.version,
  };
}

export async function insertCase(
  db: Db,
  c: ComplaintCase,
  localDate: string,
  tracking: { hash: string; token: string },
): Promise<void> {
  const keyring = keyringOf(db);
  await db
    .insertInto("cases")
    .values({
      ...caseRow(c, localDate, keyring),
      tracking_token_hash: tracking.hash,
      // kept reversibly so the citizen's letters can carry the link (decision 0025)
      tracking_token_sealed: sealTrackingToken(tracking.token, c.id, keyring),
    })
    .execute();
  if (c.deadlines.length)
    await db
      .insertInto("deadlines")
      .values(c.deadlines.map((d) => deadlineRow(c.id, d)))
      .execute();
  // a case just inserted has no handler rows to replace: one statement fewer per intake
  await insertHandlers(db, c);
}

async function writeHandlers(db: Db, c: ComplaintCase): Promise<void> {
  await db.deleteFrom("case_handlers").where("case_id", "=", c.id).execute();
  await insertHandlers(db, c);
}

async function insertHandlers(db: Db, c: ComplaintCase): Promise<void> {
  if (c.handlers.length) {
    await db
      .insertInto("case_handlers")
      .values(c.handlers.map((h, i) => ({ case_id: c.id, person_id: h.personId, part: h.part, position: i })))
      .execute();
  }
}

/**
 * Writes a changed case if nobody else wrote it since it was read (its version); otherwise a
 * conflict, so two concurrent commands can never both pass their guards on the same state.
 */
export async function saveCase(
  db: Db,
  before: ComplaintCase,
  after: ComplaintCase,
  localDate: string,
): Promise<void> {
  const row = caseRow({ ...after, version: before.version + 1 }, localDate, keyringOf(db));
  const result = await db
    .updateTable("cases")
    .set(row)
    .where("id", "=", before.id)
    .where("version", "=", before.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new KlaraError("conflict", "The case was changed by someone else; reload and try again.");
  }
  if (JSON.stringify(before.deadlines) !== JSON.stringify(after.deadlines)) {
    await db.deleteFrom("deadlines").where("case_id", "=", after.id).execute();
    if (after.deadlines.length) {
      await db
        .insertInto("deadlines")
        .values(after.deadlines.map((d) => deadlineRow(after.id, d)))
        .execute();
    }
  }
  if (
    JSON.stringify(before.handlers.map((h) => [h.personId, h.part])) !==
    JSON.stringify(after.handlers.map((h) => [h.personId, h.part]))
  ) {
    await writeHandlers(db, after);
  }
  after.version = before.version + 1;
}

export async function findCase(db: Db, id: string): Promise<ComplaintCase | null> {
  const row = await db.selectFrom("cases").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return null;
  return hydrate(db, row);
}

async function hydrate(db: Db, row: Selectable<CasesTable>): Promise<ComplaintCase> {
  const [deadlines, links, deviations] = await Promise.all([
    db.selectFrom("deadlines").selectAll().where("case_id", "=", row.id).execute(),
    db
      .selectFrom("case_links")
      .select(["linked_case_id", "lead_case_id"])
      .where("case_id", "=", row.id)
      .execute(),
    db
      .selectFrom("deviations")
      .select(["deadline_kind", "due_date", "recorded_at"])
      .where("case_id", "=", row.id)
      .orderBy("recorded_at")
      .execute(),
  ]);
  return toCase(
    row,
    deadlines.map(toDeadline),
    links.map((l) => ({ caseId: l.linked_case_id, leadCaseId: l.lead_case_id })),
    deviations.map((d) => ({
      deadlineKind: d.deadline_kind as DeadlineKind,
      dueDate: d.due_date,
      recordedAt: d.recorded_at,
    })),
    keyringOf(db),
  );
}

export async function findCaseByTrackingHash(db: Db, hash: string): Promise<ComplaintCase | null> {
  const row = await db
    .selectFrom("cases")
    .selectAll()
    .where("tracking_token_hash", "=", hash)
    .executeTakeFirst();
  return row ? hydrate(db, row) : null;
}

export async function referencesOf(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("cases")
    .select(["id", "reference"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** The next reference number for an organisation and year (see the dialect for how it is drawn). */
export function nextReferenceNumber(
  db: Db,
  dialect: DialectSupport,
  organisationId: string,
  year: number,
): Promise<number> {
  return dialect.nextReferenceNumber(db, organisationId, year);
}

export async function lastJournalEntry(
  db: Db,
  caseId: string,
): Promise<{ seq: number; hash: string } | null> {
  const row = await db
    .selectFrom("journal_entries")
    .select(["seq", "hash"])
    .where("case_id", "=", caseId)
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

export async function appendJournal(
  db: Db,
  dialect: DialectSupport,
  caseId: string,
  entries: readonly JournalEntry[],
  language: SearchLanguage,
): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("journal_entries")
    .values(entries.map((e) => journalRow(caseId, e)))
    .execute();
  const text = entries
    .filter((e) => e.kind !== "state_change" && e.kind !== "deadline")
    .map((e) => `${e.title}\n${e.body}`)
    .join("\n");
  if (text.trim()) await dialect.addSearchDocument(db, caseId, text, language);
}

function journalRow(caseId: string, e: JournalEntry): JournalEntriesTable {
  return {
    case_id: caseId,
    seq: e.seq,
    at: e.at,
    actor_id: e.actorId,
    actor: e.actor,
    kind: e.kind,
    title: e.title,
    body: e.body,
    event: e.event ? JSON.stringify(e.event) : null,
    hash: e.hash,
    prev_hash: e.prevHash,
  };
}

export async function journalOf(db: Db, caseId: string): Promise<JournalEntry[]> {
  const rows = await db
    .selectFrom("journal_entries")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    kind: r.kind,
    title: r.title,
    body: r.body,
    event: r.event ? JSON.parse(r.event) : null,
    hash: r.hash,
    prevHash: r.prev_hash,
  }));
}

/** Case ids in id order, in pages, for walking every journal without loading all at once. */
export async function caseIdsAfter(db: Db, afterId: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom("cases").select("id").orderBy("id").limit(limit);
  if (afterId) q = q.where("id", ">", afterId);
  return (await q.execute()).map((r) => r.id);
}

export async function insertLink(
  db: Db,
  caseId: string,
  linkedCaseId: string,
  leadCaseId: string | null,
  at: string,
) {
  await db
    .insertInto("case_links")
    .values([
      { case_id: caseId, linked_case_id: linkedCaseId, lead_case_id: leadCaseId, created_at: at },
      { case_id: linkedCaseId, linked_case_id: caseId, lead_case_id: leadCaseId, created_at: at },
    ])
    .execute();
}

/** A case's id by its reference within an organisation (references are unique per organisation). */
export async function caseIdByReference(
  db: Db,
  organisationId: string,
  reference: string,
): Promise<string | null> {
  const r = await db
    .selectFrom("cases")
    .select("id")
    .where("organisation_id", "=", organisationId)
    .where("reference", "=", reference.trim().toUpperCase())
    .executeTakeFirst();
  return r?.id ?? null;
}
