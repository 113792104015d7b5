/**
 * The statistics of API.md for analysts, managers and admins of one organisation. Personnel cases
 * are counted for everyone but broken out by key only for those who may see them; analysts get
 * every group under five cases merged into "other" (SPEC §8).
 */

import { loadDirectory } from "../db/organisation.repository.js";
import { caseStatsRows } from "../db/statistics.repository.js";
import { countsWithDetails, mergesSmallGroups, scopeOf, seesStatistics } from "../domain/case-policy.js";
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

export { seesStatistics };

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
    const scope = scopeOf(actor, directory, []);
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
      identifiable: countsWithDetails(scope, {
        organisationId: actor.organisationId,
        procedureId: r.procedureId,
        confidentiality: r.confidentiality,
        unitId: r.unitId,
        personComplainedAboutId: r.personComplainedAboutId,
        handlerIds: r.handlerIds,
        // only restricted cases need these, and they do not depend on the coordinator
        coordinatorId: null,
        approverId: r.approverId,
      }),
    }));
    return groupStatistics(records, query.groupBy, { mergeSmallGroups: mergesSmallGroups(actor) });
  });
}
