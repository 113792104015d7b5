/** What a command causes besides the new state: journal entries, letters, notifications. */

import { Temporal } from "temporal-polyfill";
import type { ComplaintCase, Deadline } from "./case.js";
import { isPastDue, planDeadlines } from "./deadline.js";
import type { DeadlineReckoning } from "./deadline-reckoning.js";
import { type JournalEvent, titled } from "./journal-events.js";
import type { Directory } from "./organisation.js";
import type { ProcedureDefinition } from "./procedure.js";
import type { Country, DeadlineKind, Role } from "./vocabulary.js";

export interface JournalDraft {
  kind: string;
  title: string;
  body: string;
  /** the title's code and parameters (journal-events.ts); the title is made from them */
  event?: JournalEvent;
}

export type LetterRecipient =
  | "complainant"
  | "representative"
  | "citizens_advisor"
  | "appeals_board"
  | "handler";

export interface LetterDraft {
  /** the procedure's template key, e.g. "acknowledgement", "reply", "delay_notice" */
  template: string;
  to: LetterRecipient;
  /** the text that varies (a reply's body, a delay's reason and date) */
  fields: Record<string, string>;
  /** for a letter to a member of staff (the handler's notification): who */
  personId?: string;
  /** the letter carries a personal link, made when it is rendered (decision 0017) */
  link?: { purpose: "handler" | "confirm"; expiresAt: string; name?: string; email?: string };
}

export interface NotificationDraft {
  personId: string;
  kind: string;
  message: string;
}

export interface Effects {
  journal: JournalDraft[];
  letters: LetterDraft[];
  notifications: NotificationDraft[];
}

export interface CommandContext {
  /** the instant the command runs, ISO 8601 UTC */
  now: string;
  actor: { personId: string; name: string; roles: Role[] };
  procedure: ProcedureDefinition;
  calendar: { timeZone: string; country: Country; closingDays: readonly string[] };
  /** the organisation's units and people: who an approval stage names (absent: the stage's role) */
  directory?: Directory;
}

export interface CommandResult {
  case: ComplaintCase;
  effects: Effects;
}

export function noEffects(): Effects {
  return { journal: [], letters: [], notifications: [] };
}

/** Marks a deadline met (once); returns a journal line for it or null. */
export function meetDeadline(
  c: ComplaintCase,
  kind: DeadlineKind,
  at: string,
  timeZone: string,
): JournalDraft | null {
  const d = c.deadlines.find((x) => x.kind === kind);
  if (!d || d.metAt) return null;
  d.metAt = at;
  // Due at the end of the due date, local time (SPEC §4).
  const onTime = isPastDue(d.dueDate, Temporal.Instant.from(at), timeZone) ? "late" : "on time";
  return {
    kind: "deadline",
    ...titled("deadline_met", { kind, dueDate: d.dueDate, metAt: at, late: onTime === "late" }),
    body: `Due ${d.dueDate}; met ${at} (${onTime}).`,
  };
}

/** The journal line of a planned deadline: its date, and how it was computed as text and as data. */
export function deadlineSetEntry(p: {
  kind: DeadlineKind;
  dueDate: string;
  explanation: string;
  reckoning?: DeadlineReckoning | null;
}): JournalDraft {
  return {
    kind: "deadline",
    ...titled("deadline_set", { kind: p.kind, dueDate: p.dueDate, reckoning: p.reckoning ?? null }),
    body: p.explanation,
  };
}

/**
 * A reply makes acknowledging and routing moot: their deadlines are met with it, so an answered
 * case never shows them as overdue or records a deviation for them afterwards.
 */
export function settledByReply(c: ComplaintCase, at: string, timeZone: string): JournalDraft[] {
  return (["acknowledge", "route"] as const)
    .map((kind) => meetDeadline(c, kind, at, timeZone))
    .filter((line): line is JournalDraft => line !== null);
}

/** The facts deadline rules are selected by. */
export function deadlineFacts(c: ComplaintCase) {
  return {
    type: c.type,
    source: c.source,
    fastTrack: c.decision?.fastTrack ?? false,
    reassessmentChanged: c.reassessment ? c.reassessment.result !== "upheld" : false,
    decisionDate: c.decision?.date ?? null,
    anonymous: c.complainant.anonymous,
  };
}

/**
 * Re-plans deadlines after the facts changed (type, source, reassessment). A deadline already met
 * keeps its record; a running one takes the new rule's date as a fresh original (the rule changed,
 * this is no extension). Kinds no longer selected disappear unless already met.
 */
export function replanDeadlines(
  c: ComplaintCase,
  ctx: CommandContext,
  dayZeroAt = c.receivedAt,
  /** re-plan only these kinds; every other deadline stays exactly as it is */
  only?: ReadonlySet<DeadlineKind>,
): JournalDraft[] {
  const planned = planDeadlines(ctx.procedure.deadlines, deadlineFacts(c), dayZeroAt, ctx.calendar).filter(
    (p) => !only || only.has(p.kind),
  );
  const journal: JournalDraft[] = [];
  const next: Deadline[] = [];
  for (const p of planned) {
    const existing = c.deadlines.find((d) => d.kind === p.kind);
    if (existing && (existing.metAt || existing.dueDate === p.dueDate)) {
      next.push(existing);
      continue;
    }
    if (existing && existing.extensions.length > 0) {
      // An extension granted by a delay notice stands; the new rule does not silently undo it.
      next.push(existing);
      continue;
    }
    next.push({
      kind: p.kind,
      dueDate: p.dueDate,
      originalDueDate: p.dueDate,
      explanation: p.explanation,
      reckoning: p.reckoning,
      metAt: null,
      missedAt: null,
      remindedAt: null,
      extensions: [],
    });
    journal.push(deadlineSetEntry(p));
  }
  for (const old of c.deadlines) {
    if (only && !only.has(old.kind)) next.push(old);
    else if (!planned.some((p) => p.kind === old.kind) && old.metAt) next.push(old);
  }
  c.deadlines = next;
  return journal;
}
