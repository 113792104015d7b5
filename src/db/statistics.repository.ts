/**
 * What statistics need of each case in a period, as plain records. Read in one query; the grouping
 * happens in the domain (a municipality's year is thousands of cases, not millions — PostgreSQL
 * could aggregate in SQL when that changes).
 */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface CaseStatsRow {
  id: string;
  type: string;
  category: string | null;
  unitId: string | null;
  outcome: string | null;
  channel: string;
  source: string;
  procedureId: string;
  receivedDate: string;
  confidentiality: string;
  personComplainedAboutId: string | null;
  replyMetAt: string | null;
  replyOriginalDueDate: string | null;
  /** only for personnel cases, where visibility depends on them */
  handlerIds: string[];
  approverId: string | null;
}

export async function caseStatsRows(
  db: Kysely<Database>,
  organisationId: string,
  period: { from: string; to: string },
  procedureId?: string,
): Promise<CaseStatsRow[]> {
  let q = db
    .selectFrom("cases")
    .leftJoin("deadlines", (join) =>
      join.onRef("deadlines.case_id", "=", "cases.id").on("deadlines.kind", "=", "reply"),
    )
    .select([
      "cases.id",
      "cases.type",
      "cases.category",
      "cases.unit_id",
      "cases.outcome",
      "cases.channel",
      "cases.source",
      "cases.procedure_id",
      "cases.received_date",
      "cases.confidentiality",
      "cases.person_complained_about_id",
      "deadlines.met_at",
      "deadlines.original_due_date",
    ])
    .where("cases.organisation_id", "=", organisationId)
    .where("cases.received_date", ">=", period.from)
    .where("cases.received_date", "<=", period.to);
  if (procedureId) q = q.where("cases.procedure_id", "=", procedureId);
  const rows = await q.execute();
  const personnel = rows.filter((r) => r.confidentiality !== "normal").map((r) => r.id);
  const handlers = new Map<string, string[]>();
  const approvers = new Map<string, string | null>();
  if (personnel.length) {
    const hs = await db
      .selectFrom("case_handlers")
      .select(["case_id", "person_id"])
      .where("case_id", "in", personnel)
      .execute();
    for (const h of hs) handlers.set(h.case_id, [...(handlers.get(h.case_id) ?? []), h.person_id]);
    const data = await db.selectFrom("cases").select(["id", "data"]).where("id", "in", personnel).execute();
    for (const d of data)
      approvers.set(d.id, (JSON.parse(d.data) as { approverId?: string | null }).approverId ?? null);
  }
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    category: r.category,
    unitId: r.unit_id,
    outcome: r.outcome,
    channel: r.channel,
    source: r.source,
    procedureId: r.procedure_id,
    receivedDate: r.received_date,
    confidentiality: r.confidentiality,
    personComplainedAboutId: r.person_complained_about_id,
    replyMetAt: r.met_at,
    replyOriginalDueDate: r.original_due_date,
    handlerIds: handlers.get(r.id) ?? [],
    approverId: approvers.get(r.id) ?? null,
  }));
}
