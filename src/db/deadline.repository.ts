/**
 * The deadline sweep's reads and the deviations it records. The candidate query rides the partial
 * index deadlines_sweep (deadlines neither met nor missed, by due date), so closed cases and deadlines
 * already dealt with are never scanned.
 */
import type { Kysely } from "kysely";
import { END_STATUSES } from "../domain/vocabulary.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface DeadlinePosition {
  dueDate: string;
  caseId: string;
  kind: string;
}

/**
 * Unmet, unmissed deadlines of an organisation's open cases that are past due (before `today`) or
 * due by `remindThrough` and not yet reminded, in (due date, case, kind) order after `after`.
 */
export async function sweepCandidates(
  db: Db,
  organisationId: string,
  today: string,
  remindThrough: string,
  after: DeadlinePosition | null,
  limit: number,
): Promise<DeadlinePosition[]> {
  let q = db
    .selectFrom("deadlines")
    .innerJoin("cases", "cases.id", "deadlines.case_id")
    .select(["deadlines.due_date", "deadlines.case_id", "deadlines.kind"])
    .where("deadlines.met_at", "is", null)
    .where("deadlines.missed_at", "is", null)
    .where("deadlines.kind", "!=", "complaintWindow")
    .where("deadlines.due_date", "<=", remindThrough)
    .where((eb) => eb.or([eb("deadlines.reminded_at", "is", null), eb("deadlines.due_date", "<", today)]))
    .where("cases.organisation_id", "=", organisationId)
    .where("cases.status", "not in", [...END_STATUSES]);
  if (after) {
    const { dueDate, caseId, kind } = after;
    q = q.where((eb) =>
      eb.or([
        eb("deadlines.due_date", ">", dueDate),
        eb.and([eb("deadlines.due_date", "=", dueDate), eb("deadlines.case_id", ">", caseId)]),
        eb.and([
          eb("deadlines.due_date", "=", dueDate),
          eb("deadlines.case_id", "=", caseId),
          eb("deadlines.kind", ">", kind),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy("deadlines.due_date")
    .orderBy("deadlines.case_id")
    .orderBy("deadlines.kind")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ dueDate: r.due_date, caseId: r.case_id, kind: r.kind }));
}

/**
 * Records a deviation once: the sweep's claim on the case (its version) already keeps a second
 * sweeper out, so a row that is there is the same deviation and is left as it is.
 */
export async function insertDeviation(
  db: Db,
  d: { id: string; caseId: string; deadlineKind: string; dueDate: string; recordedAt: string },
): Promise<void> {
  await db
    .insertInto("deviations")
    .values({
      id: d.id,
      case_id: d.caseId,
      deadline_kind: d.deadlineKind,
      due_date: d.dueDate,
      recorded_at: d.recordedAt,
    })
    .onConflict((oc) => oc.columns(["case_id", "deadline_kind", "due_date"]).doNothing())
    .execute();
}
