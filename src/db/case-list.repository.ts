/**
 * The case list: filters, confidentiality and full-text search in SQL, keyset paging over the
 * indexes cases_due (organisation, next due date, id) and cases_received (organisation, received, id),
 * so a page costs the same on the first page and the thousandth and closed cases are not scanned
 * to find what is due.
 */
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from "kysely";
import type { CaseScope } from "../domain/case-policy.js";
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
  /** the legal validation's state: pending, lawful or issues (seed 001-13) */
  legalReview?: string;
  /** received on or after / on or before (local dates) */
  receivedFrom?: string;
  receivedTo?: string;
  /** the reply's outcome; null: none yet */
  outcome?: string | null;
  channel?: string;
  source?: string;
  /** whether the reply deadline was met (the reply went) */
  answered?: boolean;
  search?: { text: string; language: SearchLanguage };
  /** what the reader may see: the policy's scope (src/domain/case-policy.ts) */
  scope: CaseScope;
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
  /** an approver sent the draft back (the case's lastReturnReason is set) */
  draftReturned: boolean;
}

function applyFilter<O>(
  query: SelectQueryBuilder<Database, "cases", O>,
  f: CaseListFilter,
  dialect: DialectSupport,
  visibleOnly = true,
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
  if (f.legalReview) q = q.where("cases.legal_review", "=", f.legalReview);
  if (f.receivedFrom) q = q.where("cases.received_date", ">=", f.receivedFrom);
  if (f.receivedTo) q = q.where("cases.received_date", "<=", f.receivedTo);
  if (f.outcome === null) q = q.where("cases.outcome", "is", null);
  else if (f.outcome !== undefined) q = q.where("cases.outcome", "=", f.outcome);
  if (f.channel) q = q.where("cases.channel", "=", f.channel);
  if (f.source) q = q.where("cases.source", "=", f.source);
  if (f.answered !== undefined) {
    const replied = (eb: ExpressionBuilder<Database, "cases">) =>
      eb.exists(
        eb
          .selectFrom("deadlines")
          .select("deadlines.case_id")
          .whereRef("deadlines.case_id", "=", "cases.id")
          .where("deadlines.kind", "=", "reply")
          .where("deadlines.met_at", "is not", null),
      );
    q = f.answered ? q.where((eb) => replied(eb)) : q.where((eb) => eb.not(replied(eb)));
  }
  if (f.search) {
    const { text, language } = f.search;
    q = q.where((eb) => searchMatches(eb, text, language, dialect));
  }
  return visibleOnly ? q.where((eb) => visibleTo(eb, f.scope, dialect)) : q;
}

/**
 * How many cases match the filter: those the reader sees (`visible`), every case of the
 * organisation (`all`), or those statistics break out for every reader (`normal`: not restricted,
 * not about the reader) — the dashboard tells how many of a figure's cases are not listed.
 */
export async function countCaseRecords(
  db: Db,
  dialect: DialectSupport,
  filter: CaseListFilter,
  among: "visible" | "visibleNormal" | "all" | "normal",
): Promise<number> {
  let q = applyFilter(
    db.selectFrom("cases").select((eb) => eb.fn.countAll<number | string>().as("n")),
    filter,
    dialect,
    among === "visible" || among === "visibleNormal",
  );
  if (among === "normal" || among === "visibleNormal") {
    const me = filter.scope.personId;
    q = q
      .where("cases.confidentiality", "=", "normal")
      .where((eb) =>
        eb.or([
          eb("cases.person_complained_about_id", "is", null),
          eb("cases.person_complained_about_id", "!=", me),
        ]),
      );
  }
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The policy's `seesCase` (src/domain/case-policy.ts) as SQL, rule for rule in the same order; the
 * property test in test/domain/case-policy.test.ts holds the two to the same answers.
 */
export function visibleTo(
  eb: ExpressionBuilder<Database, "cases">,
  s: CaseScope,
  dialect: Pick<DialectSupport, "name">,
): Expression<SqlBool> {
  if (!s.readsContents) return sql<SqlBool>`1 = 0`;
  const inList = (column: "cases.unit_id" | "cases.person_complained_about_id", ids: readonly string[]) =>
    ids.length ? eb(column, "in", [...ids]) : sql<SqlBool>`1 = 0`;
  const notAboutMe = eb.or([
    eb("cases.person_complained_about_id", "is", null),
    eb("cases.person_complained_about_id", "!=", s.personId),
  ]);
  const organisation = eb("cases.organisation_id", "=", s.organisationId);
  if (s.everyCase) return eb.and([organisation, notAboutMe]);
  const always = sql<SqlBool>`1 = 1`;
  const restricted = eb.and([
    eb("cases.confidentiality", "!=", "normal"),
    eb.or([
      inList("cases.person_complained_about_id", s.managedPeople),
      eb.and([eb("cases.unit_id", "is not", null), inList("cases.unit_id", s.restrictedUnits)]),
      s.restrictedUnitless ? eb("cases.unit_id", "is", null) : sql<SqlBool>`1 = 0`,
    ]),
  ]);
  const normal = eb.and([
    eb("cases.confidentiality", "=", "normal"),
    s.everyNormalCase
      ? always
      : eb.or([
          eb(dataField("coordinatorId", dialect), "=", s.personId),
          s.openProcedures.length
            ? eb("cases.procedure_id", "in", [...s.openProcedures])
            : sql<SqlBool>`1 = 0`,
          eb.and([eb("cases.unit_id", "is not", null), inList("cases.unit_id", s.units)]),
          s.unitlessCases ? eb("cases.unit_id", "is", null) : sql<SqlBool>`1 = 0`,
        ]),
  ]);
  return eb.and([
    organisation,
    notAboutMe,
    eb.or([
      eb.exists(handlersOf(eb, s.personId)),
      eb(dataField("approverId", dialect), "=", s.personId),
      restricted,
      normal,
    ]),
  ]);
}

/** A text field of the case's JSON data (cases.data), on either database. */
function dataField(
  key: "coordinatorId" | "approverId" | "lastReturnReason",
  dialect: Pick<DialectSupport, "name">,
) {
  return dialect.name === "sqlite"
    ? sql<string | null>`json_extract(cases.data, ${`$.${key}`})`
    : sql<string | null>`(cases.data::jsonb ->> ${key})`;
}

/**
 * Staff search: the full text (subject, description, journal), or the reference with or without
 * its "KLA-" prefix, or the complainant's name (a part of it) or e-mail (SPEC §2, issue 7.10).
 */
function searchMatches(
  eb: ExpressionBuilder<Database, "cases">,
  text: string,
  language: SearchLanguage,
  dialect: DialectSupport,
): Expression<SqlBool> {
  const q = text.trim();
  const found: Expression<SqlBool>[] = [dialect.caseMatches(q, language)];
  const ref = /^(?:kla-?)?(\d{4})-(\d{1,6})$/i.exec(q);
  if (ref) found.push(eb("cases.reference", "=", `KLA-${ref[1]}-${ref[2]!.padStart(6, "0")}`));
  const complainant = (key: "name" | "email") =>
    dialect.name === "sqlite"
      ? sql<string | null>`lower(json_extract(cases.data, ${`$.complainant.${key}`}))`
      : sql<string | null>`lower(cases.data::jsonb -> 'complainant' ->> ${key})`;
  if (q.includes("@")) found.push(eb(complainant("email"), "=", q.toLowerCase()));
  else if (q.length >= 2) {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    found.push(sql<SqlBool>`${complainant("name")} like ${pattern} escape '\\'`);
  }
  return eb.or(found);
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
  const base = applyFilter(
    db
      .selectFrom("cases")
      .select([...COLUMNS])
      .select(dataField("lastReturnReason", dialect).as("last_return_reason")),
    filter,
    dialect,
  );
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
    draftReturned: r.last_return_reason !== null,
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
