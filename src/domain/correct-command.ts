/**
 * Correcting the facts registered at intake (issue 7 point 10): the unit, the type, the category and
 * the decision complained of. Each change is journalised with its old and new value and the reason;
 * deadlines that depend on them are re-planned.
 */
import { WorkingDayCalendar } from "./calendar.js";
import type { ComplaintCase } from "./case.js";
import { type CommandContext, type CommandResult, replanDeadlines } from "./case-effects.js";
import { execute, requireText } from "./command-kit.js";
import { computeDueDate, localDateOf } from "./deadline.js";
import { invalidInput } from "./errors.js";
import { titled } from "./journal-events.js";
import type { CaseType } from "./vocabulary.js";

export interface CorrectInput {
  /** the unit's id, already checked to be an active unit of the organisation */
  unitId?: string | undefined;
  /** how the journal names a unit (its code); the id when not given */
  unitName?: ((unitId: string | null) => string) | undefined;
  type?: CaseType | undefined;
  /** null: no category */
  category?: string | null | undefined;
  decisionDate?: string | null | undefined;
  decisionReference?: string | null | undefined;
  decisionArea?: string | null | undefined;
  fastTrack?: boolean | undefined;
  reason: string;
}

const shown = (v: unknown) => (v === null || v === undefined || v === "" ? "-" : String(v));

export function correctCase(c0: ComplaintCase, input: CorrectInput, ctx: CommandContext): CommandResult {
  return execute("correct", c0, ctx, (c, fx) => {
    const reason = requireText(input.reason, "reason", "Say why the facts are corrected.");
    const changes: string[] = [];
    const change = (field: string, before: unknown, after: unknown) => {
      if (shown(before) !== shown(after)) changes.push(`${field}: ${shown(before)} → ${shown(after)}`);
    };
    if (input.unitId !== undefined) {
      const name = input.unitName ?? ((id: string | null) => shown(id));
      change("unit", name(c.unitId), name(input.unitId));
      c.unitId = input.unitId;
    }
    if (input.category !== undefined) {
      const def = input.category ? ctx.procedure.categories.find((k) => k.code === input.category) : null;
      if (input.category && !def) {
        throw invalidInput([
          { path: "category", message: `"${input.category}" is not a category of ${ctx.procedure.id}.` },
        ]);
      }
      change("category", c.category, input.category);
      c.category = input.category;
      if (def?.confidentiality === "personnel") c.confidentiality = "personnel";
    }
    if (input.type !== undefined) {
      change("type", c.type, input.type);
      c.type = input.type;
    }
    const decisionGiven = [
      input.decisionDate,
      input.decisionReference,
      input.decisionArea,
      input.fastTrack,
    ].some((v) => v !== undefined);
    if (decisionGiven) {
      const today = localDateOf(ctx.now, ctx.calendar.timeZone).toString();
      if (input.decisionDate && input.decisionDate > today) {
        throw invalidInput([
          { path: "decisionDate", message: "The decision complained of cannot be dated in the future." },
        ]);
      }
      const before = c.decision ?? { date: null, reference: null, area: null, fastTrack: false, late: false };
      const after = {
        date: input.decisionDate === undefined ? before.date : input.decisionDate,
        reference: input.decisionReference === undefined ? before.reference : input.decisionReference,
        area: input.decisionArea === undefined ? before.area : input.decisionArea,
        fastTrack: input.fastTrack ?? before.fastTrack,
      };
      change("decision date", before.date, after.date);
      change("decision reference", before.reference, after.reference);
      change("decision area", before.area, after.area);
      change("fast track", before.fastTrack, after.fastTrack);
      c.decision = { ...after, late: isLate(after.date, c.receivedAt, ctx) };
    }
    if (changes.length === 0) throw invalidInput([{ path: "", message: "Nothing to correct." }]);
    fx.journal.push({
      kind: "field_change",
      ...titled("corrected"),
      body: `${changes.join("\n")}\n\n${reason}`,
    });
    fx.journal.push(...replanDeadlines(c, ctx));
  });
}

/** Received after the citizen's window from the decision (as at registration): flagged, never refused. */
function isLate(decisionDate: string | null, receivedAt: string, ctx: CommandContext): boolean {
  const window = ctx.procedure.complaintWindow;
  if (!decisionDate || !window) return false;
  const cal = new WorkingDayCalendar({
    country: ctx.calendar.country,
    closingDays: ctx.calendar.closingDays,
  });
  const due = computeDueDate({ start: decisionDate, ...window, nonWorkingDay: "next" }, cal).dueDate;
  return localDateOf(receivedAt, ctx.calendar.timeZone).toString() > due;
}
