/**
 * What statistics need of each case in a period, as plain records. Read in one query; the grouping
 * happens in the domain (a municipality's year is thousands of cases, not millions — PostgreSQL
 * could aggregate in SQL when that changes).
 */
import type { Kysely } from "kysely";
import type { StoredDeadline } from "../domain/statistics.js";
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
  procedureVersion: number;
  /** the case's version: a statistics rebuild tells by it which cases were written since it read */
  version: number;
  receivedDate: string;
  confidentiality: string;
  personComplainedAboutId: string | null;
  replyMetAt: string | null;
  replyOriginalDueDate: string | null;
  /** only for restricted cases, where visibility depends on them */
  handlerIds: string[];
  approverId: string | null;
  status: string;
  receivedAt: string;
  closedAt: string | null;
  rootCauses: string[];
  decisionArea: string | null;
  resolution: "formal" | "informal" | null;
  /** the appeals board's result, "pending" while forwarded without one, null when never forwarded */
  appealsResult: string | null;
  deadlines: StoredDeadline[];
  deviationKinds: string[];
}

interface CaseData {
  approverId?: string | null;
  rootCauses?: string[];
  decision?: { area?: string | null } | null;
  resolution?: "formal" | "informal" | null;
  appealsBoard?: { result?: string | null } | null;
}

export async function caseStatsRows(
  db: Kysely<Database>,
  organisationId: string,
  period: { from: string; to: string },
  /** only these cases (at most 500: one `in` list) */
  filter: { procedureId?: string; caseIds?: readonly string[] } = {},
): Promise<CaseStatsRow[]> {
  let q = db
    .selectFrom("cases")
    .leftJoin("deadlines", (join) =>
      join.onRef("deadlines.case_id", "=", "cases.id").on("deadlines.kind", "=", "reply"),
    )
    // only the few fields below are taken from the case's data; the rest (personal data) is dropped
    .select([
      "cases.id",
      "cases.type",
      "cases.category",
      "cases.unit_id",
      "cases.outcome",
      "cases.channel",
      "cases.source",
      "cases.procedure_id",
      "cases.procedure_version",
      "cases.version",
      "cases.received_date",
      "cases.confidentiality",
      "cases.person_complained_about_id",
      "deadlines.met_at",
      "deadlines.original_due_date",
      "cases.status",
      "cases.received_at",
      "cases.closed_at",
      "cases.data",
    ])
    .where("cases.organisation_id", "=", organisationId)
    .where("cases.received_date", ">=", period.from)
    .where("cases.received_date", "<=", period.to);
  if (filter.procedureId) q = q.where("cases.procedure_id", "=", filter.procedureId);
  if (filter.caseIds) q = q.where("cases.id", "in", filter.caseIds.length ? filter.caseIds : [""]);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id);
  const handlers = new Map<string, string[]>();
  const deadlines = new Map<string, CaseStatsRow["deadlines"]>();
  const deviations = new Map<string, string[]>();
  const personnel = rows.filter((r) => r.confidentiality !== "normal").map((r) => r.id);
  for (const chunk of chunks(personnel)) {
    const hs = await db
      .selectFrom("case_handlers")
      .select(["case_id", "person_id"])
      .where("case_id", "in", chunk)
      .execute();
    for (const h of hs) handlers.set(h.case_id, [...(handlers.get(h.case_id) ?? []), h.person_id]);
  }
  for (const chunk of chunks(ids)) {
    const ds = await db
      .selectFrom("deadlines")
      .select(["case_id", "kind", "due_date", "original_due_date", "met_at", "missed_at"])
      .where("case_id", "in", chunk)
      .execute();
    for (const d of ds) {
      const list = deadlines.get(d.case_id) ?? [];
      list.push({
        kind: d.kind,
        dueDate: d.due_date,
        originalDueDate: d.original_due_date,
        metAt: d.met_at,
        missedAt: d.missed_at,
      });
      deadlines.set(d.case_id, list);
    }
    const vs = await db
      .selectFrom("deviations")
      .select(["case_id", "deadline_kind"])
      .where("case_id", "in", chunk)
      .execute();
    for (const v of vs) deviations.set(v.case_id, [...(deviations.get(v.case_id) ?? []), v.deadline_kind]);
  }
  return rows.map((r) => {
    const data = JSON.parse(r.data) as CaseData;
    return {
      id: r.id,
      type: r.type,
      category: r.category,
      unitId: r.unit_id,
      outcome: r.outcome,
      channel: r.channel,
      source: r.source,
      procedureId: r.procedure_id,
      procedureVersion: r.procedure_version,
      version: r.version,
      receivedDate: r.received_date,
      confidentiality: r.confidentiality,
      personComplainedAboutId: r.person_complained_about_id,
      replyMetAt: r.met_at,
      replyOriginalDueDate: r.original_due_date,
      handlerIds: handlers.get(r.id) ?? [],
      approverId: data.approverId ?? null,
      status: r.status,
      receivedAt: r.received_at,
      closedAt: r.closed_at,
      rootCauses: data.rootCauses ?? [],
      decisionArea: data.decision?.area ?? null,
      resolution: data.resolution ?? null,
      appealsResult: data.appealsBoard ? (data.appealsBoard.result ?? "pending") : null,
      deadlines: deadlines.get(r.id) ?? [],
      deviationKinds: deviations.get(r.id) ?? [],
    };
  });
}

/** Keeps `in (…)` lists under the databases' bound-parameter limits. */
function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
