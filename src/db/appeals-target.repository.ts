/** The appeals board's target bands of an organisation (issue 9): one row per procedure or none. */
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface StoredAppealsTarget {
  /** null: the organisation's own target */
  procedureId: string | null;
  lowPercent: number;
  highPercent: number;
}

export async function listAppealsTargets(
  db: Kysely<Database>,
  organisationId: string,
): Promise<StoredAppealsTarget[]> {
  const rows = await db
    .selectFrom("appeals_targets")
    .select(["procedure_id", "low_percent", "high_percent"])
    .where("organisation_id", "=", organisationId)
    .orderBy("procedure_id")
    .execute();
  return rows.map((r) => ({
    procedureId: r.procedure_id === "" ? null : r.procedure_id,
    lowPercent: Number(r.low_percent),
    highPercent: Number(r.high_percent),
  }));
}

export async function saveAppealsTarget(
  db: Kysely<Database>,
  organisationId: string,
  target: StoredAppealsTarget,
  at: string,
): Promise<void> {
  const row = {
    organisation_id: organisationId,
    procedure_id: target.procedureId ?? "",
    low_percent: target.lowPercent,
    high_percent: target.highPercent,
    updated_at: at,
  };
  await db
    .insertInto("appeals_targets")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["organisation_id", "procedure_id"]).doUpdateSet({
        low_percent: row.low_percent,
        high_percent: row.high_percent,
        updated_at: at,
      }),
    )
    .execute();
}
