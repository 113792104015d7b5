/**
 * The statistics of API.md for analysts, managers and admins of one organisation. Personnel cases
 * are counted for everyone but broken out by key only for those who may see them; analysts get
 * every group under five cases merged into "other" (SPEC §8).
 */

import { loadDirectory } from "../db/organisation.repository.js";
import { caseStatsRows } from "../db/statistics.repository.js";
import { canSeeCase, peopleManagedBy } from "../domain/case-policy.js";
import { localDateOf } from "../domain/deadline.js";
import { forbidden, invalidInput, notFound } from "../domain/errors.js";
import { groupStatistics, type StatsGroup, type StatsRecord } from "../domain/statistics.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inTransaction } from "./context.js";
import type { StatsQuery } from "./schemas.js";

export type { StatsGroup };

export interface Statistics {
  groups: StatsGroup[];
  total: number;
}

const STATS_ROLES = ["analyst", "manager", "admin"] as const;

export const seesStatistics = (actor: Pick<Actor, "roles">): boolean =>
  actor.roles.some((r) => (STATS_ROLES as readonly string[]).includes(r));

export async function getStatistics(deps: AppDeps, actor: Actor, query: StatsQuery): Promise<Statistics> {
  if (!seesStatistics(actor)) {
    throw forbidden("Statistics are for analysts, managers and admins.");
  }
  if (query.from > query.to) {
    throw invalidInput([{ path: "to", message: "The period ends before it starts." }]);
  }
  return inTransaction(deps, async (tx) => {
    const directory = await loadDirectory(tx, actor.organisationId);
    if (!directory) throw notFound("Your organisation");
    const { timeZone } = directory.organisation;
    const managed = peopleManagedBy(actor.personId, directory);
    const rows = await caseStatsRows(tx, actor.organisationId, query, query.procedure);
    const records: StatsRecord[] = rows.map((r) => ({
      type: r.type,
      category: r.category,
      unitCode: r.unitId ? (directory.units.get(r.unitId)?.code ?? r.unitId) : null,
      outcome: r.outcome,
      channel: r.channel,
      source: r.source,
      procedureId: r.procedureId,
      receivedDate: r.receivedDate,
      repliedDate: r.replyMetAt ? localDateOf(r.replyMetAt, timeZone).toString() : null,
      replyOriginalDueDate: r.replyOriginalDueDate,
      identifiable:
        r.confidentiality === "normal" ||
        canSeeCase(
          actor,
          {
            organisationId: actor.organisationId,
            confidentiality: r.confidentiality as "normal" | "personnel",
            handlers: r.handlerIds.map((personId) => ({ personId })),
            personComplainedAboutId: r.personComplainedAboutId,
          },
          managed,
        ),
    }));
    return groupStatistics(records, query.groupBy, {
      mergeSmallGroups: actor.roles.includes("analyst") && !actor.roles.includes("admin"),
    });
  });
}
