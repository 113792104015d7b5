/**
 * The case list of API.md: filters, sort, search and a cursor. The confidentiality policy (need to
 * know, personnel cases) is applied in the query itself, so a case never reaches a page (or a count
 * of matches) of someone who may not see it.
 */

import {
  type CaseListFilter,
  type CaseListPosition,
  type CaseListRecord,
  countCaseRecords,
  listCaseRecords,
} from "../db/case-list.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { type CaseScope, seesStatistics } from "../domain/case-policy.js";
import { localDateOf } from "../domain/deadline.js";
import { invalidInput, notFound } from "../domain/errors.js";
import type { Directory } from "../domain/organisation.js";
import { END_STATUSES } from "../domain/vocabulary.js";
import type { Actor } from "./actor.js";
import { caseScopeFor, requireCaseReader } from "./case-access.js";
import { searchLanguage } from "./case-store.js";
import { type AppDeps, inTransaction } from "./context.js";
import type { ListCasesQuery } from "./schemas.js";

export interface CaseSummary {
  id: string;
  reference: string;
  status: string;
  procedure: string;
  type: string;
  category: string | null;
  subject: string;
  unitId: string | null;
  receivedAt: string;
  channel: string;
  source: string;
  confidentiality: string;
  handlers: string[];
  nextDeadline: { kind: string; dueDate: string } | null;
  overdue: boolean;
  /** the draft came back from an approver and waits for its drafter again */
  draftReturned: boolean;
}

export interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
  /** the organisation's local date the page was computed for (what "overdue" was measured against) */
  today: string;
}

export async function listCases(deps: AppDeps, actor: Actor, query: ListCasesQuery): Promise<CasePage> {
  requireCaseReader(actor);
  return inTransaction(deps, async (tx) => {
    const directory = await loadDirectory(tx, actor.organisationId);
    if (!directory) throw notFound("Your organisation");
    const today = localDateOf(deps.clock.now(), directory.organisation.timeZone).toString();
    const scope = await caseScopeFor(tx, actor, directory, deps.db.procedureCache);
    const filter = toFilter(actor, query, directory, today, scope);
    const after = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
    const records = await listCaseRecords(tx, deps.db.dialect, filter, query.sort, query.limit + 1, after);
    const page = records.slice(0, query.limit);
    const last = page.at(-1);
    const nextCursor =
      records.length > query.limit && last ? encodeCursor(query.sort, positionOf(last, query.sort)) : null;
    return { items: page.map((r) => presentSummary(r, today)), nextCursor, today };
  });
}

/** The filters that only narrow the total (statistics count every case in them, personnel too). */
const TOTAL_FILTERS = new Set(["receivedFrom", "receivedTo", "procedure", "unit", "sort", "limit", "cursor"]);

/**
 * How many cases the list holds and how many of the matching cases it does not show the reader
 * (the dashboard's drill-down: the figure counted them). Only for those who see statistics, and
 * only what the statistics tell them: a restricted case they may not see is counted under "other",
 * never under a type, category or month, so it is among the not-shown only of a list filtered by
 * period, procedure and unit alone.
 */
export async function countListedCases(
  deps: AppDeps,
  actor: Actor,
  query: ListCasesQuery,
): Promise<{ listed: number; notShown: number | null }> {
  requireCaseReader(actor);
  return inTransaction(deps, async (tx) => {
    const directory = await loadDirectory(tx, actor.organisationId);
    if (!directory) throw notFound("Your organisation");
    const today = localDateOf(deps.clock.now(), directory.organisation.timeZone).toString();
    const scope = await caseScopeFor(tx, actor, directory, deps.db.procedureCache);
    const filter = toFilter(actor, query, directory, today, scope);
    const { dialect } = deps.db;
    const listed = await countCaseRecords(tx, dialect, filter, "visible");
    if (!seesStatistics(actor)) return { listed, notShown: null };
    const totalOnly = Object.entries(query).every(([k, v]) => v === undefined || TOTAL_FILTERS.has(k));
    const notShown = totalOnly
      ? (await countCaseRecords(tx, dialect, filter, "all")) - listed
      : (await countCaseRecords(tx, dialect, filter, "normal")) -
        (await countCaseRecords(tx, dialect, filter, "visibleNormal"));
    return { listed, notShown };
  });
}

export function toFilter(
  actor: Actor,
  query: ListCasesQuery,
  directory: Directory,
  today: string,
  scope: CaseScope,
): CaseListFilter {
  const filter: CaseListFilter = { organisationId: actor.organisationId, scope };
  if (query.status) filter.status = query.status;
  if (query.open) filter.notStatuses = END_STATUSES;
  if (query.type) filter.type = query.type;
  if (query.procedure) filter.procedureId = query.procedure;
  if (query.category) filter.category = query.category;
  if (query.unit) filter.unitId = unitIdOf(query.unit, directory);
  if (query.assignee) filter.assigneeId = assigneeIdOf(query.assignee, actor, directory);
  if (query.overdue !== undefined) filter.overdue = { today, value: query.overdue };
  if (query.dueBefore) filter.dueBefore = query.dueBefore;
  if (query.legalReview) filter.legalReview = query.legalReview;
  if (query.receivedFrom) filter.receivedFrom = query.receivedFrom;
  if (query.receivedTo) filter.receivedTo = query.receivedTo;
  if (query.outcome) filter.outcome = query.outcome === "open" ? null : query.outcome;
  if (query.channel) filter.channel = query.channel;
  if (query.source) filter.source = query.source;
  if (query.answered !== undefined) filter.answered = query.answered;
  if (query.q) filter.search = { text: query.q, language: searchLanguage(directory.organisation) };
  return filter;
}

function unitIdOf(codeOrId: string, directory: Directory): string {
  for (const u of directory.units.values()) if (u.id === codeOrId || u.code === codeOrId) return u.id;
  throw invalidInput([{ path: "unit", message: "No unit with this code or id." }]);
}

/** `me`, `none` (nobody handles it yet), a person's id or e-mail. */
function assigneeIdOf(value: string, actor: Actor, directory: Directory): string | null {
  if (value === "me") return actor.personId;
  if (value === "none") return null;
  const wanted = value.toLowerCase();
  for (const p of directory.people.values()) if (p.id === value || p.email === wanted) return p.id;
  throw invalidInput([{ path: "assignee", message: "No person with this id or e-mail." }]);
}

export function presentSummary(r: CaseListRecord, today: string): CaseSummary {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    procedure: r.procedureId,
    type: r.type,
    category: r.category,
    subject: r.subject,
    unitId: r.unitId,
    receivedAt: r.receivedAt,
    channel: r.channel,
    source: r.source,
    confidentiality: r.confidentiality,
    handlers: r.handlerIds,
    nextDeadline: r.nextDueDate && r.nextDueKind ? { kind: r.nextDueKind, dueDate: r.nextDueDate } : null,
    // due at the end of its due date, local time: overdue from the day after
    overdue: r.nextDueDate !== null && r.nextDueDate < today,
    // the reason stays on the case once set: only an in-progress case still waits for the drafter
    draftReturned: r.status === "in_progress" && r.draftReturned,
  };
}

export function positionOf(r: CaseListRecord, sort: ListCasesQuery["sort"]): CaseListPosition {
  return { value: sort === "due" ? r.nextDueDate : r.receivedAt, id: r.id };
}

/** The cursor is opaque to clients; it names its sort so it cannot be replayed on another. */
function encodeCursor(sort: string, p: CaseListPosition): string {
  return Buffer.from(JSON.stringify([sort, p.value, p.id])).toString("base64url");
}

function decodeCursor(cursor: string, sort: string): CaseListPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === sort &&
      (parsed[1] === null || typeof parsed[1] === "string") &&
      typeof parsed[2] === "string"
    ) {
      return { value: parsed[1], id: parsed[2] };
    }
  } catch {
    // falls through to the error below
  }
  throw invalidInput([{ path: "cursor", message: "Not a cursor of this list and sort order." }]);
}
