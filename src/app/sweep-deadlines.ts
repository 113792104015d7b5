/**
 * The deadline sweep (a job): marks missed deadlines, records deviations and queues reminders as
 * in-app notifications. Each case is one transaction whose write is conditional on the version it
 * read, so several server processes may sweep one PostgreSQL at once: the first claims the case,
 * the others find it changed and leave it (and the next sweep sees nothing left to do).
 */
import { findCase } from "../db/case.repository.js";
import { type DeadlinePosition, insertDeviation, sweepCandidates } from "../db/deadline.repository.js";
import { findProcedure, listOrganisations, loadDirectory } from "../db/organisation.repository.js";
import { WorkingDayCalendar } from "../domain/calendar.js";
import type { ComplaintCase } from "../domain/case.js";
import type { Effects } from "../domain/case-effects.js";
import { localDateOf } from "../domain/deadline.js";
import { markMissed, markReminded, type SweepContext, sweepActions } from "../domain/deadline-sweep.js";
import { KlaraError } from "../domain/errors.js";
import type { Directory, Organisation } from "../domain/organisation.js";
import { findCoordinator } from "../domain/routing.js";
import { storeChangedCase } from "./case-store.js";
import { type AppDeps, inTransaction } from "./context.js";

export interface SweepOptions {
  batchSize?: number;
  /** remind this many working days before a deadline (default 2) */
  reminderWorkingDays?: number;
}

export interface SweepResult {
  missed: number;
  reminded: number;
  /** cases another process or command changed meanwhile; the next sweep takes them */
  skipped: number;
}

const SWEEPER = { id: null, name: "Klara (deadline sweep)" };

export async function sweepDeadlines(deps: AppDeps, options: SweepOptions = {}): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 200;
  const result: SweepResult = { missed: 0, reminded: 0, skipped: 0 };
  for (const org of await listOrganisations(deps.db.kysely)) {
    const directory = await loadDirectory(deps.db.kysely, org.id);
    if (!directory) continue;
    const calendar = new WorkingDayCalendar({ country: org.country, closingDays: org.closingDays });
    const now = deps.clock.now();
    const today = localDateOf(now, org.timeZone);
    const remindThrough = calendar.addWorkingDays(today, options.reminderWorkingDays ?? 2).toString();
    let after: DeadlinePosition | null = null;
    for (;;) {
      const batch = await sweepCandidates(
        deps.db.kysely,
        org.id,
        today.toString(),
        remindThrough,
        after,
        batchSize,
      );
      const caseIds = [...new Set(batch.map((d) => d.caseId))];
      for (const caseId of caseIds) {
        const done = await sweepCase(deps, org, directory, caseId, {
          now,
          timeZone: org.timeZone,
          calendar,
          reminderWorkingDays: options.reminderWorkingDays ?? 2,
          fallbackCoordinatorId: null,
        });
        result.missed += done.missed;
        result.reminded += done.reminded;
        result.skipped += done.skipped;
      }
      if (batch.length < batchSize) break;
      after = batch.at(-1) ?? null;
    }
  }
  return result;
}

async function sweepCase(
  deps: AppDeps,
  org: Organisation,
  directory: Directory,
  caseId: string,
  context: SweepContext,
): Promise<SweepResult> {
  try {
    return await inTransaction(deps, async (tx) => {
      const before = await findCase(tx, caseId);
      if (!before) return { missed: 0, reminded: 0, skipped: 0 };
      const procedure = await findProcedure(
        tx,
        before.procedureId,
        before.procedureVersion,
        deps.db.procedureCache,
      );
      const ctx: SweepContext = {
        ...context,
        fallbackCoordinatorId: findCoordinator(before.unitId, directory)?.id ?? null,
        ...(procedure ? { procedure: procedure.definition, organisation: org } : {}),
      };
      let c: ComplaintCase = before;
      const effects: Effects = { journal: [], letters: [], notifications: [] };
      const counts = { missed: 0, reminded: 0, skipped: 0 };
      for (const action of sweepActions(before, ctx)) {
        const step =
          action.action === "missed" ? markMissed(c, action.kind, ctx) : markReminded(c, action.kind, ctx);
        c = step.case;
        effects.journal.push(...step.effects.journal);
        effects.notifications.push(...step.effects.notifications);
        if (action.action === "missed") counts.missed++;
        else counts.reminded++;
      }
      if (c === before) return counts;
      const at = context.now.toString({ smallestUnit: "millisecond" });
      await storeChangedCase(deps, tx, org, before, c, effects, SWEEPER, at);
      for (const d of c.deviations.slice(before.deviations.length)) {
        await insertDeviation(tx, {
          id: deps.newId(),
          caseId,
          deadlineKind: d.deadlineKind,
          dueDate: d.dueDate,
          recordedAt: d.recordedAt,
        });
      }
      return counts;
    });
  } catch (error) {
    // Another process (or a command) claimed the case first: its version moved.
    if (error instanceof KlaraError && error.code === "conflict") {
      return { missed: 0, reminded: 0, skipped: 1 };
    }
    throw error;
  }
}
