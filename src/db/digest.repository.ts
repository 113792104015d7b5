/** The daily digest: who still gets today's, the cases that are due, each run's record, the choice. */
import type { Kysely } from "kysely";
import { END_STATUSES } from "../domain/vocabulary.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/** Active people of the organisation with an address, the digest not turned off, and no run for `day`. */
export async function digestPending(db: Db, organisationId: string, day: string): Promise<string[]> {
  const rows = await db
    .selectFrom("people")
    .leftJoin("notification_settings", "notification_settings.person_id", "people.id")
    .leftJoin("digest_runs", (j) =>
      j.onRef("digest_runs.person_id", "=", "people.id").on("digest_runs.day", "=", day),
    )
    .select("people.id")
    .where("people.organisation_id", "=", organisationId)
    .where("people.active", "=", 1)
    .where("people.email", "!=", "")
    .where((eb) =>
      eb.or([eb("notification_settings.digest", "is", null), eb("notification_settings.digest", "=", 1)]),
    )
    .where("digest_runs.person_id", "is", null)
    .orderBy("people.id")
    .execute();
  return rows.map((r) => r.id);
}

/** Open cases of the organisation with a running deadline due by `through` (overdue ones included). */
export async function casesDueBy(db: Db, organisationId: string, through: string): Promise<string[]> {
  const rows = await db
    .selectFrom("deadlines")
    .innerJoin("cases", "cases.id", "deadlines.case_id")
    .select("deadlines.case_id")
    .distinct()
    .where("cases.organisation_id", "=", organisationId)
    .where("cases.status", "not in", [...END_STATUSES])
    .where("deadlines.met_at", "is", null)
    .where("deadlines.kind", "!=", "complaintWindow")
    .where("deadlines.due_date", "<=", through)
    .orderBy("deadlines.case_id")
    .execute();
  return rows.map((r) => r.case_id);
}

/** The run of one person's digest for one day: a second insert is a unique violation (the key). */
export async function recordDigestRun(
  db: Db,
  personId: string,
  day: string,
  outcome: "sent" | "empty",
  at: string,
): Promise<void> {
  await db.insertInto("digest_runs").values({ person_id: personId, day, outcome, created_at: at }).execute();
}

export async function digestRun(db: Db, personId: string, day: string): Promise<string | null> {
  const r = await db
    .selectFrom("digest_runs")
    .select("outcome")
    .where("person_id", "=", personId)
    .where("day", "=", day)
    .executeTakeFirst();
  return r?.outcome ?? null;
}

export async function digestChosen(db: Db, personId: string): Promise<boolean> {
  const r = await db
    .selectFrom("notification_settings")
    .select("digest")
    .where("person_id", "=", personId)
    .executeTakeFirst();
  return r ? Number(r.digest) === 1 : true;
}

/** Sets the digest choice, keeping the e-mail choice (a new row takes e-mail's default, on). */
export async function setDigestChoice(db: Db, personId: string, digest: boolean, at: string): Promise<void> {
  await db
    .insertInto("notification_settings")
    .values({ person_id: personId, email: 1, digest: digest ? 1 : 0, updated_at: at })
    .onConflict((oc) => oc.column("person_id").doUpdateSet({ digest: digest ? 1 : 0, updated_at: at }))
    .execute();
}
