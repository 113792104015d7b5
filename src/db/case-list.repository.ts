/**
 * The case list: filters, confidentiality and full-text search in SQL, keyset paging over the
 * indexes cases_due (organisation, next due date, id) and cases_received (organisation, received, id),
 * so a page costs the same on the first page and the thousandth and closed cases are not scanned
 * to find what is due.
 */
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from "kysely";
import type { DialectSupport, SearchLanguage } from "./dialect.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export type CaseListSort = "due" | "received" | "-received";

/** Where the previous page ended: the sort value (null for cases with nothing due) and the id. */
export interface CaseListPosition {
  value: string | null;
  id: string;
}

export interface CaseListFilter {
  organisationId: string;
  status?: string;
  /** statuses left out (the end states, for "open cases") */
  notStatuses?: readonly string[];
  type?: string;
  procedureId?: string;
  unitId?: string;
  /** a person id, or null for cases nobody handles yet */
  assigneeId?: string | null;
  category?: string;
  /** the organisation's local date today, with overdue: true → due before it, false → not */
  overdue?: { today: string; value: boolean };
  dueBefore?: string;
  search?: { text: string; language: SearchLanguage };
  /** who may see personnel cases: everyone's (admin, legal) or only those of this person */
  visibility: { all: true } | { personId: string; managedPeople: readonly string[] };
}

export interface CaseListRecord {
  id: string;
  reference: string;
  status: string;
  procedureId: string;
  type: string;
  category: string | null;
  subject: string;
  unitId: string | null;
  receivedAt: string;
  channel: string;
  source: string;
  confidentiality: string;
  nextDueDate: string | null;
  nextDueKind: string | null;
  handlerIds: string[];
}

function applyFilter<O>(
  query: SelectQueryBuilder<Database, "cases", O>,
  f: CaseListFilter,
  dialect: DialectSupport,
): SelectQueryBuilder<Database, "cases", O> {
  let q = query.where("cases.organisation_id", "=", f.organisationId);
  if (f.status) q = q.where("cases.status", "=", f.status);
  if (f.notStatuses?.length) q = q.where("cases.status", "not in", [...f.notStatuses]);
  if (f.type) q = q.where("cases.type", "=", f.type);
  if (f.procedureId) q = q.where("cases.procedure_id", "=", f.procedureId);
  if (f.unitId) q = q.where("cases.unit_id", "=", f.unitId);
  if (f.category) q = q.where("cases.category", "=", f.category);
  if (f.assigneeId === null) {
    q = q.where((eb) => eb.not(eb.exists(handlersOf(eb))));
  } else if (f.assigneeId !== undefined) {
    const personId = f.assigneeId;
    q = q.where((eb) => eb.exists(handlersOf(eb, personId)));
  }
  if (f.overdue) {
    const { today, value } = f.overdue;
    q = value
      ? q.where("cases.next_due_date", "<", today)
      : q.where((eb) =>
          eb.or([eb("cases.next_due_date", "is", null), eb("cases.next_due_date", ">=", today)]),
        );
  }
  if (f.dueBefore) q = q.where("cases.next_due_date", "<", f.dueBefore);
  if (f.search) {
    q = q.where(dialect.caseMatches(f.search.text, f.search.language));
  }
  const v = f.visibility;
  if (!("all" in v)) {
    q = q.where((eb) => {
      const visible = [eb("cases.confidentiality", "=", "normal"), eb.exists(handlersOf(eb, v.personId))];
      if (v.managedPeople.length) {
        visible.push(eb("cases.person_complained_about_id", "in", [...v.managedPeople]));
      }
      return eb.or(visible);
    });
  }
  return q;
}

/** The case's handler rows (of one person, when given), for `exists`. */
function handlersOf(eb: ExpressionBuilder<Database, "cases">, personId?: string) {
  let q = eb
    .selectFrom("case_handlers")
    .select("case_handlers.case_id")
    .whereRef("case_handlers.case_id", "=", "cases.id");
  if (personId !== undefined) q = q.where("case_handlers.person_id", "=", personId);
  return q;
}

const COLUMNS = [
  "cases.id",
  "cases.reference",
  "cases.status",
  "cases.procedure_id",
  "cases.type",
  "cases.category",
  "cases.subject",
  "cases.unit_id",
  "cases.received_at",
  "cases.channel",
  "cases.source",
  "cases.confidentiality",
  "cases.next_due_date",
  "cases.next_due_kind",
] as const;

/**
 * One page of cases plus one row more (so the caller knows whether a next page exists). Sorting by
 * due date runs in two legs — cases with a next deadline by (date, id), then those without by id —
 * because each leg then walks one index in order; a single "nulls last" sort would not.
 */
export async function listCaseRecords(
  db: Db,
  dialect: DialectSupport,
  filter: CaseListFilter,
  sort: CaseListSort,
  limit: number,
  after: CaseListPosition | null,
): Promise<CaseListRecord[]> {
  const base = applyFilter(db.selectFrom("cases").select([...COLUMNS]), filter, dialect);
  let rows: Awaited<ReturnType<typeof base.execute>>;
  if (sort === "due") {
    rows = [];
    if (!after || after.value !== null) {
      let dated = base.where("cases.next_due_date", "is not", null);
      if (after?.value) {
        const { value, id } = after;
        dated = dated.where((eb) =>
          eb.or([
            eb("cases.next_due_date", ">", value),
            eb.and([eb("cases.next_due_date", "=", value), eb("cases.id", ">", id)]),
          ]),
        );
      }
      rows = await dated.orderBy("cases.next_due_date").orderBy("cases.id").limit(limit).execute();
    }
    if (rows.length < limit && !filter.overdue?.value && !filter.dueBefore) {
      let undated = base.where("cases.next_due_date", "is", null);
      if (after && after.value === null) undated = undated.where("cases.id", ">", after.id);
      rows = rows.concat(
        await undated
          .orderBy("cases.id")
          .limit(limit - rows.length)
          .execute(),
      );
    }
  } else {
    const descending = sort === "-received";
    let q = base;
    if (after?.value) {
      const { value, id } = after;
      const op = descending ? "<" : ">";
      q = q.where((eb) =>
        eb.or([
          eb("cases.received_at", op, value),
          eb.and([eb("cases.received_at", "=", value), eb("cases.id", op, id)]),
        ]),
      );
    }
    const direction = descending ? "desc" : "asc";
    rows = await q
      .orderBy("cases.received_at", direction)
      .orderBy("cases.id", direction)
      .limit(limit)
      .execute();
  }
  const handlers = await handlerIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    status: r.status,
    procedureId: r.procedure_id,
    type: r.type,
    category: r.category,
    subject: r.subject,
    unitId: r.unit_id,
    receivedAt: r.received_at,
    channel: r.channel,
    source: r.source,
    confidentiality: r.confidentiality,
    nextDueDate: r.next_due_date,
    nextDueKind: r.next_due_kind,
    handlerIds: handlers.get(r.id) ?? [],
  }));
}

async function handlerIdsOf(db: Db, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (caseIds.length === 0) return result;
  const rows = await db
    .selectFrom("case_handlers")
    .select(["case_id", "person_id"])
    .where("case_id", "in", [...caseIds])
    .orderBy("case_id")
    .orderBy("position")
    .execute();
  for (const r of rows) result.set(r.case_id, [...(result.get(r.case_id) ?? []), r.person_id]);
  return result;
}
