/**
 * What the deadline sweep does to one case (SPEC §4): a deadline whose day has ended unmet is marked
 * missed and recorded as a deviation, and the coordinator and handlers are told; a deadline coming
 * up is reminded once to the people responsible. Pure: the caller finds the cases and stores results.
 */
import { Temporal } from "temporal-polyfill";
import type { WorkingDayCalendar } from "./calendar.js";
import type { ComplaintCase, Deadline } from "./case.js";
import { openDeadlines } from "./case.js";
import type { CommandResult, NotificationDraft } from "./case-effects.js";
import { deadlineFacts, noEffects } from "./case-effects.js";
import { type DeadlineOrganisation, isPastDue, planDeadlines } from "./deadline.js";
import { titled } from "./journal-events.js";
import type { ProcedureDefinition } from "./procedure.js";
import type { DeadlineKind } from "./vocabulary.js";

export interface SweepContext {
  now: Temporal.Instant;
  timeZone: string;
  calendar: WorkingDayCalendar;
  /** remind this many working days before the due date (0: on the day itself) */
  reminderWorkingDays: number;
  /** the organisation's coordinator for the case when it names none */
  fallbackCoordinatorId: string | null;
  /**
   * The case's procedure and the organisation's calendar facts, so that a limit that holds only for
   * one outcome (dk-employment's fast track) is not called missed before that outcome is known.
   */
  procedure?: ProcedureDefinition;
  organisation?: DeadlineOrganisation;
}

/**
 * The date after which a deadline is missed whatever happens next. The fast-track reassessment limit
 * (5 working days, seed 004) holds only when the decision is upheld; while undecided, a change would
 * make the ordinary limit apply, so the case is missed only once that one has passed as well.
 */
export function missedAfter(c: ComplaintCase, d: Deadline, ctx: SweepContext): string {
  if (d.kind !== "reassessment" || c.reassessment || !c.decision?.fastTrack || d.extensions.length > 0)
    return d.dueDate;
  if (!ctx.procedure || !ctx.organisation) return d.dueDate;
  const ifChanged = planDeadlines(
    ctx.procedure.deadlines,
    { ...deadlineFacts(c), reassessmentChanged: true },
    c.receivedAt,
    ctx.organisation,
  ).find((p) => p.kind === "reassessment");
  return ifChanged && ifChanged.dueDate > d.dueDate ? ifChanged.dueDate : d.dueDate;
}

export type SweepAction = { kind: DeadlineKind; action: "missed" | "remind" };

/** The open deadlines of a case that are missed, or due soon and not yet reminded. */
export function sweepActions(c: ComplaintCase, ctx: SweepContext): SweepAction[] {
  const today = ctx.now.toZonedDateTimeISO(ctx.timeZone).toPlainDate();
  const remindFrom = ctx.calendar.addWorkingDays(today, ctx.reminderWorkingDays);
  const actions: SweepAction[] = [];
  for (const d of openDeadlines(c)) {
    if (d.missedAt !== null) continue;
    if (isPastDue(missedAfter(c, d, ctx), ctx.now, ctx.timeZone))
      actions.push({ kind: d.kind, action: "missed" });
    else if (
      d.remindedAt === null &&
      Temporal.PlainDate.compare(Temporal.PlainDate.from(d.dueDate), remindFrom) <= 0
    )
      actions.push({ kind: d.kind, action: "remind" });
  }
  return actions;
}

const uniq = (ids: readonly (string | null)[]) => [...new Set(ids.filter((x): x is string => x !== null))];

function responsible(c: ComplaintCase, ctx: SweepContext): string[] {
  const handlers = c.handlers.map((h) => h.personId);
  return handlers.length ? uniq(handlers) : uniq([c.coordinatorId ?? ctx.fallbackCoordinatorId]);
}

const withDeadline = (c: ComplaintCase, kind: DeadlineKind, patch: Partial<Deadline>, at: string) => ({
  ...c,
  deadlines: c.deadlines.map((d) => (d.kind === kind ? { ...d, ...patch } : d)),
  updatedAt: at,
});

/**
 * Marks a deadline missed: a deviation, a journal entry, and word to the coordinator and handlers.
 * A deadline moved away and back to a date already recorded as missed is journalled again, but it
 * stays one deviation (one per kind and due date, as the deviations table keys them).
 */
export function markMissed(c: ComplaintCase, kind: DeadlineKind, ctx: SweepContext): CommandResult {
  const d = c.deadlines.find((x) => x.kind === kind);
  if (!d) throw new Error(`The case has no ${kind} deadline`);
  const at = ctx.now.toString({ smallestUnit: "millisecond" });
  const recorded = c.deviations.some((v) => v.deadlineKind === kind && v.dueDate === d.dueDate);
  const message = `${c.reference}: the ${kind} deadline of ${d.dueDate} was missed`;
  const people = uniq([c.coordinatorId ?? ctx.fallbackCoordinatorId, ...c.handlers.map((h) => h.personId)]);
  const notifications: NotificationDraft[] = people.map((personId) => ({
    personId,
    kind: "deadline_missed",
    message,
  }));
  return {
    case: {
      ...withDeadline(c, kind, { missedAt: at }, at),
      deviations: recorded
        ? c.deviations
        : [...c.deviations, { deadlineKind: kind, dueDate: d.dueDate, recordedAt: at }],
    },
    effects: {
      ...noEffects(),
      journal: [
        {
          kind: "deviation",
          ...titled("deadline_missed", { kind, dueDate: d.dueDate, reckoning: d.reckoning ?? null }),
          body: `Recorded as a deviation. ${d.explanation}`,
        },
      ],
      notifications,
    },
  };
}

/** Reminds the people responsible of a deadline coming up (once). */
export function markReminded(c: ComplaintCase, kind: DeadlineKind, ctx: SweepContext): CommandResult {
  const d = c.deadlines.find((x) => x.kind === kind);
  if (!d) throw new Error(`The case has no ${kind} deadline`);
  const at = ctx.now.toString({ smallestUnit: "millisecond" });
  return {
    case: withDeadline(c, kind, { remindedAt: at }, at),
    effects: {
      ...noEffects(),
      notifications: responsible(c, ctx).map((personId) => ({
        personId,
        kind: "deadline_reminder",
        message: `${c.reference}: the ${kind} deadline is ${d.dueDate}`,
      })),
    },
  };
}
