/**
 * The statistics of API.md for analysts, managers and admins of one organisation. Personnel cases
 * are counted for everyone but broken out by key only for those who may see them; analysts get
 * small cells merged into "other" (SPEC §8, docs/statistics-privacy.md).
 */

import { cellKeySecret } from "../db/installation.repository.js";
import { loadDirectory } from "../db/organisation.repository.js";
import { restrictedByDefaultJudge } from "../db/restricted-by-default.repository.js";
import { type CaseStatsRow, caseStatsRows } from "../db/statistics.repository.js";
import { statsStale } from "../db/stats-rebuild.repository.js";
import { countsWithDetails, mergesSmallGroups, scopeOf, seesStatistics } from "../domain/case-policy.js";
import { localDateOf } from "../domain/deadline.js";
import { forbidden, invalidInput, notFound } from "../domain/errors.js";
import type { Directory } from "../domain/organisation.js";
import { groupStatistics, judgedDeadlines, type StatsGroup, type StatsRecord } from "../domain/statistics.js";
import { localDater, workingDaysOf } from "../domain/statistics-case-facts.js";
import { groupRows } from "../domain/statistics-facts.js";
import { recordKeyOf } from "../domain/statistics-perturbation.js";
import { yearlyCountReadable } from "../domain/statistics-privacy.js";
import { END_STATUSES } from "../domain/vocabulary.js";
import type { Actor } from "./actor.js";
import { type AppDeps, inSnapshot, nowIso } from "./context.js";
import type { StatsQuery } from "./schemas.js";
import { rollupAnswers, statsRows } from "./stats-rollup.js";

export type { StatsGroup };

export interface Statistics {
  groups: StatsGroup[];
  total: number;
}

export { seesStatistics };

/**
 * `exact` leaves out the cell key noise for a one-off publication read with the small-cell rule
 * (the yearly report: whole years, one table a year, so there is no pair of queries to subtract).
 */
export function getStatistics(
  deps: AppDeps,
  actor: Actor,
  query: StatsQuery,
  options: { exact?: boolean } = {},
): Promise<Statistics> {
  return statistics(deps, actor, query, false, options.exact === true);
}

/** The same from the cases alone, without the rollups (the rollups' test oracle, decision 0024). */
export function getStatisticsFromCases(deps: AppDeps, actor: Actor, query: StatsQuery): Promise<Statistics> {
  return statistics(deps, actor, query, true, false);
}

async function statistics(
  deps: AppDeps,
  actor: Actor,
  query: StatsQuery,
  raw: boolean,
  exact: boolean,
): Promise<Statistics> {
  if (!seesStatistics(actor)) {
    throw forbidden("Statistics are for analysts, managers and admins.");
  }
  if (query.from > query.to) {
    throw invalidInput([{ path: "to", message: "The period ends before it starts." }]);
  }
  if (query.baselineFrom && query.baselineTo && query.baselineFrom > query.baselineTo) {
    throw invalidInput([{ path: "baselineTo", message: "The baseline ends before it starts." }]);
  }
  // one snapshot: a fold moving pending rows into the rollups is seen whole or not at all
  return inSnapshot(deps, async (tx) => {
    const directory = await loadDirectory(tx, actor.organisationId);
    if (!directory) throw notFound("Your organisation");
    const { timeZone } = directory.organisation;
    const today = localDateOf(nowIso(deps), timeZone).toString();
    const scope = scopeOf(actor, directory, []);
    const unitId = query.unit ? unitIdOf(query.unit, directory) : undefined;
    // confidential by default (seed 003) is counted by type for analysts: see docs/statistics-privacy.md
    const restrictedByDefault = restrictedByDefaultJudge(tx, deps.db.procedureCache);
    const smallCellsSuppressed = mergesSmallGroups(actor);
    const secret = await cellKeySecret(tx);
    const recordOf = async (r: CaseStatsRow): Promise<StatsRecord> => {
      const byDefault = await restrictedByDefault(r);
      const how = { smallCellsSuppressed, restrictedOnlyByDefault: byDefault };
      const seen = countsWithDetails(scope, factsOf(r, actor), how);
      return { ...toRecord(r, directory, timeZone, seen, byDefault), recordKey: recordKeyOf(secret, r.id) };
    };
    const recordsOf = async (period: { from: string; to: string }) => {
      const out: StatsRecord[] = [];
      for (const r of await caseStatsRows(tx, actor.organisationId, period, {
        procedureId: query.procedure,
      })) {
        if (unitId === undefined || r.unitId === unitId) out.push(await recordOf(r));
      }
      return out;
    };
    const by = typeof query.groupBy === "string" ? [query.groupBy] : [...query.groupBy];
    // small yearly counts stay readable only when the baseline is a readable year too
    const yearlyReadable =
      yearlyCountReadable(by, query) &&
      (!query.baselineFrom ||
        !query.baselineTo ||
        yearlyCountReadable(by, { from: query.baselineFrom, to: query.baselineTo }));
    // analysts' counts through the cell key method (decision 0026); the readable yearly count stays exact
    const perturb = smallCellsSuppressed && !yearlyReadable && !exact;
    // rollups a migration marked stale may be of an older layout until rebuilt: from the cases meanwhile
    if (!raw && rollupAnswers({ by, unitId }) && !(await statsStale(tx))) {
      // whole months from the monthly rollups, the period's edges from the day tables (statsRows)
      const viewer = {
        organisationId: actor.organisationId,
        personId: actor.personId,
        directory,
        scope,
        today,
        smallCellsSuppressed,
      };
      const rowsOf = (period: { from: string; to: string }) =>
        statsRows(tx, viewer, { ...period, by, procedure: query.procedure, unitId });
      const baselineRows =
        query.baselineFrom && query.baselineTo
          ? await rowsOf({ from: query.baselineFrom, to: query.baselineTo })
          : undefined;
      return groupRows(await rowsOf(query), by, {
        mergeSmallGroups: smallCellsSuppressed,
        today,
        yearlyReadable,
        perturb,
        ...(baselineRows ? { baseline: baselineRows } : {}),
      });
    }
    const records = await recordsOf(query);
    const baseline =
      query.baselineFrom && query.baselineTo
        ? await recordsOf({ from: query.baselineFrom, to: query.baselineTo })
        : undefined;
    return groupStatistics(records, query.groupBy, {
      mergeSmallGroups: mergesSmallGroups(actor),
      today,
      yearlyReadable,
      perturb,
      ...(baseline ? { baseline } : {}),
    });
  });
}

/** The unit filter (`unit=` code or id); an unknown unit is 400 naming the field. */
function unitIdOf(codeOrId: string, directory: Directory): string {
  for (const u of directory.units.values()) if (u.id === codeOrId || u.code === codeOrId) return u.id;
  throw invalidInput([{ path: "unit", message: "No unit with this code or id." }]);
}

function factsOf(r: CaseStatsRow, actor: Actor) {
  return {
    organisationId: actor.organisationId,
    procedureId: r.procedureId,
    confidentiality: r.confidentiality,
    unitId: r.unitId,
    personComplainedAboutId: r.personComplainedAboutId,
    handlerIds: r.handlerIds,
    // only restricted cases need these, and they do not depend on the coordinator
    coordinatorId: null,
    approverId: r.approverId,
  };
}

/**
 * A case as the raw computation counts it. Written apart from the rollups' `statsFactsOf` on
 * purpose: the raw path is the rollups' test oracle, so the two must not share their reading of a case.
 */
function toRecord(
  r: CaseStatsRow,
  directory: Directory,
  timeZone: string,
  identifiable: boolean,
  restrictedOnlyByDefault = false,
): StatsRecord {
  // remembered per quarter hour: the raw path reads every case of the period, thousands of deadlines
  const localDate = localDater(timeZone);
  const local = (at: string | null) => (at ? localDate(at) : null);
  const repliedDate = local(r.replyMetAt);
  const open = !(END_STATUSES as readonly string[]).includes(r.status);
  const firstContact = r.deadlines.find((d) => d.kind === "firstContact" && d.metAt);
  return {
    type: r.type,
    category: r.category,
    unitCode: r.unitId ? (directory.units.get(r.unitId)?.code ?? r.unitId) : null,
    outcome: r.outcome,
    channel: r.channel,
    source: r.source,
    procedureId: r.procedureId,
    receivedDate: r.receivedDate,
    repliedDate,
    replyOriginalDueDate: r.replyOriginalDueDate,
    identifiable,
    open,
    firstContactHours: firstContact?.metAt
      ? Math.max(0, (Date.parse(firstContact.metAt) - Date.parse(r.receivedAt)) / 3_600_000)
      : null,
    rootCauses: r.rootCauses,
    decisionArea: r.decisionArea,
    appealsResult: r.appealsResult,
    deviationKinds: r.deviationKinds,
    resolution: r.resolution,
    deadlines: judgedDeadlines(r.deadlines, repliedDate, local),
    workingDays:
      repliedDate === null ? null : workingDaysOf(directory.organisation)(r.receivedDate, repliedDate),
    pointsToPerson:
      (r.confidentiality !== "normal" && !restrictedOnlyByDefault) || r.personComplainedAboutId !== null,
  };
}
