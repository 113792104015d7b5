/**
 * Frozen. A reply now settles the acknowledge and route deadlines (decision 0008). Cases answered
 * before kept them open, so their "next deadline" (cases.next_due_date, which lists and the overdue
 * mark read) could be an acknowledgement long past: recompute it for answered and forwarded cases
 * from their other open deadlines. Down has nothing to undo that was true before.
 */
import { type Kysely, sql } from "kysely";

export const settleAnsweredDeadlines = {
  async up(db: Kysely<unknown>): Promise<void> {
    const open = sql`from deadlines d where d.case_id = cases.id and d.met_at is null
      and d.kind not in ('acknowledge', 'route', 'complaintWindow')`;
    await sql`update cases set
      next_due_date = (select min(d.due_date) ${open}),
      next_due_kind = (select d.kind ${open} order by d.due_date, d.kind limit 1)
      where status in ('answered', 'forwarded_to_appeals_board')`.execute(db);
  },
  async down(): Promise<void> {},
};
